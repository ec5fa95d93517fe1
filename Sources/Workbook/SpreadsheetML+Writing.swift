import XMLCoder

// The parts of a SpreadsheetML package a writer of plain tables needs, as
// XMLCoder encodes them. Element order follows the schema (ECMA-376 Part 1,
// §18.3.1.99 worksheet): Excel refuses a file whose children are out of order.

/// An element with attributes only: every property is an attribute.
protocol AttributesOnly: Encodable, DynamicNodeEncoding {}
extension AttributesOnly {
    static func nodeEncoding(for key: CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
}

/// An element whose properties named in `attributeKeys` are attributes, the rest child elements.
protocol MixedNode: Encodable, DynamicNodeEncoding {
    static var attributeKeys: Set<String> { get }
}
extension MixedNode {
    static func nodeEncoding(for key: CodingKey) -> XMLEncoder.NodeEncoding {
        attributeKeys.contains(key.stringValue) ? .attribute : .element
    }
}

enum Namespace {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let contentTypes = "http://schemas.openxmlformats.org/package/2006/content-types"
}

/// `[Content_Types].xml`.
struct ContentTypesOut: MixedNode {
    static let attributeKeys: Set<String> = ["xmlns"]
    struct Default: AttributesOnly { var Extension: String; var ContentType: String }
    struct Override: AttributesOnly { var PartName: String; var ContentType: String }
    var xmlns = Namespace.contentTypes
    var Default: [Default]
    var Override: [Override]
}

/// A `.rels` part.
struct RelationshipsOut: MixedNode {
    static let attributeKeys: Set<String> = ["xmlns"]
    struct Relationship: AttributesOnly { var Id: String; var `Type`: String; var Target: String }
    var xmlns = Namespace.packageRelationships
    var Relationship: [Relationship]
}

/// `xl/workbook.xml`.
struct WorkbookOut: MixedNode {
    static let attributeKeys: Set<String> = ["xmlns", "xmlns:r"]
    struct BookViews: Encodable { var workbookView: View }
    struct View: AttributesOnly { var activeTab: Int }
    struct Sheets: Encodable { var sheet: [Sheet] }
    struct Sheet: AttributesOnly {
        var name: String
        var sheetId: Int
        var state: String?
        var rid: String
        enum CodingKeys: String, CodingKey { case name, sheetId, state, rid = "r:id" }
    }
    struct DefinedNames: Encodable { var definedName: [DefinedName] }
    struct DefinedName: MixedNode {
        static let attributeKeys: Set<String> = ["name", "localSheetId", "hidden"]
        var name: String
        var localSheetId: Int
        var hidden: Int
        var value: String
        enum CodingKeys: String, CodingKey { case name, localSheetId, hidden, value = "" }
    }
    var xmlns = Namespace.main
    var xmlnsR = Namespace.officeRelationships
    var bookViews: BookViews
    var sheets: Sheets
    var definedNames: DefinedNames?
    enum CodingKeys: String, CodingKey { case xmlns, xmlnsR = "xmlns:r", bookViews, sheets, definedNames }
}

/// `xl/styles.xml`: fonts, fills, borders and the cell formats that use them.
struct StylesOut: MixedNode {
    static let attributeKeys: Set<String> = ["xmlns"]
    struct NumFmts: MixedNode {
        static let attributeKeys: Set<String> = ["count"]
        var count: Int
        var numFmt: [NumFmt]
    }
    struct NumFmt: AttributesOnly { var numFmtId: Int; var formatCode: String }
    struct Fonts: MixedNode {
        static let attributeKeys: Set<String> = ["count"]
        var count: Int
        var font: [Font]
    }
    struct Font: Encodable {
        struct Flag: AttributesOnly {}
        struct Value: AttributesOnly { var val: String }
        var b: Flag?
        var sz: Value
        var name: Value
    }
    struct Fills: MixedNode {
        static let attributeKeys: Set<String> = ["count"]
        var count: Int
        var fill: [Fill]
    }
    struct Fill: Encodable { var patternFill: PatternFill }
    struct PatternFill: MixedNode {
        static let attributeKeys: Set<String> = ["patternType"]
        struct Color: AttributesOnly { var rgb: String }
        var patternType: String
        var fgColor: Color?
    }
    struct Borders: MixedNode {
        static let attributeKeys: Set<String> = ["count"]
        var count: Int
        var border: [Border]
    }
    struct Border: Encodable {
        struct Side: AttributesOnly {}
        var left = Side(), right = Side(), top = Side(), bottom = Side(), diagonal = Side()
    }
    struct CellStyleXfs: MixedNode {
        static let attributeKeys: Set<String> = ["count"]
        var count: Int
        var xf: [Xf]
    }
    struct CellXfs: MixedNode {
        static let attributeKeys: Set<String> = ["count"]
        var count: Int
        var xf: [Xf]
    }
    struct Xf: MixedNode {
        static let attributeKeys: Set<String> = ["numFmtId", "fontId", "fillId", "borderId", "xfId", "applyNumberFormat", "applyFont", "applyFill", "applyAlignment"]
        struct Alignment: AttributesOnly { var vertical: String?; var wrapText: Int? }
        var numFmtId: Int
        var fontId: Int
        var fillId: Int
        var borderId = 0
        var xfId: Int?
        var applyNumberFormat: Int?
        var applyFont: Int?
        var applyFill: Int?
        var applyAlignment: Int?
        var alignment: Alignment?
    }
    var xmlns = Namespace.main
    var numFmts: NumFmts
    var fonts: Fonts
    var fills: Fills
    var borders: Borders
    var cellStyleXfs: CellStyleXfs
    var cellXfs: CellXfs
    var cellStyles = CellStyles()
}

/// The named style "Normal", which readers expect to find (openpyxl warns without it).
struct CellStyles: MixedNode {
    static let attributeKeys: Set<String> = ["count"]
    struct CellStyle: AttributesOnly { var name = "Normal"; var xfId = 0; var builtinId = 0 }
    var count = 1
    var cellStyle = [CellStyle()]
}

/// `xl/worksheets/sheetN.xml`.
struct WorksheetOut: MixedNode {
    static let attributeKeys: Set<String> = ["xmlns"]
    struct Dimension: AttributesOnly { var ref: String }
    struct SheetViews: Encodable { var sheetView: SheetView }
    struct SheetView: MixedNode {
        static let attributeKeys: Set<String> = ["tabSelected", "workbookViewId"]
        var tabSelected: Int?
        var workbookViewId = 0
        var pane: Pane?
    }
    struct Pane: AttributesOnly { var ySplit: Int; var topLeftCell: String; var activePane = "bottomLeft"; var state = "frozen" }
    struct FormatProperties: AttributesOnly { var defaultRowHeight = 15 }
    struct Cols: Encodable { var col: [Col] }
    struct Col: AttributesOnly { var min: Int; var max: Int; var width: String; var customWidth = 1 }
    struct SheetData: Encodable { var row: [Row] }
    struct Row: MixedNode {
        static let attributeKeys: Set<String> = ["r"]
        var r: Int
        var c: [Cell]
    }
    struct Cell: MixedNode {
        static let attributeKeys: Set<String> = ["r", "s", "t"]
        var r: String
        var s: Int?
        var t: String?
        var f: String?
        var v: String?
        var `is`: InlineString?
    }
    struct InlineString: Encodable { var t: Text }
    struct Text: MixedNode {
        static let attributeKeys: Set<String> = ["xml:space"]
        var space = "preserve"
        var value: String
        enum CodingKeys: String, CodingKey { case space = "xml:space", value = "" }
    }
    struct AutoFilter: AttributesOnly { var ref: String }
    var xmlns = Namespace.main
    var dimension: Dimension
    var sheetViews: SheetViews
    var sheetFormatPr = FormatProperties()
    var cols: Cols?
    var sheetData: SheetData
    var autoFilter: AutoFilter?
}
