import XMLCoder

// The parts of a SpreadsheetML package (ECMA-376 Part 1, §18) that a reader of
// cell values needs, as XMLCoder decodes them. Unknown elements and attributes
// are ignored, as the standard asks of a consumer that does not use them.

/// `xl/workbook.xml`: the sheets in tab order and the date system.
struct WorkbookPart: Decodable {
    struct Properties: Decodable { var date1904: String? }
    struct Sheets: Decodable { var sheet: [SheetEntry]? }
    struct SheetEntry: Decodable {
        var name: String
        var state: String?
        var relationship: String?
        enum CodingKeys: String, CodingKey { case name, state, relationship = "r:id" }
    }
    var workbookPr: Properties?
    var sheets: Sheets?
}

/// `*.rels`: where each relationship id points.
struct RelationshipsPart: Decodable {
    struct Relationship: Decodable {
        var Id: String
        var `Type`: String?
        var Target: String
    }
    var Relationship: [Relationship]?
}

/// A run of text (`<t>`), its content kept with its spaces.
struct TextElement: Decodable {
    var value: String?
    enum CodingKeys: String, CodingKey { case value = "" }
}

/// A shared or inline string: plain (`<t>`) or rich text runs (`<r><t>`); phonetic runs are not text.
struct StringItem: Decodable {
    struct Run: Decodable { var t: TextElement? }
    var t: TextElement?
    var r: [Run]?

    var text: String { (t?.value ?? "") + (r ?? []).map { $0.t?.value ?? "" }.joined() }
}

/// `xl/sharedStrings.xml`.
struct SharedStringsPart: Decodable { var si: [StringItem]? }

/// `xl/styles.xml`: only which number format each cell style uses.
struct StylesPart: Decodable {
    struct NumberFormats: Decodable { var numFmt: [NumberFormat]? }
    struct NumberFormat: Decodable { var numFmtId: String; var formatCode: String? }
    struct CellFormats: Decodable { var xf: [CellFormat]? }
    struct CellFormat: Decodable { var numFmtId: String? }
    var numFmts: NumberFormats?
    var cellXfs: CellFormats?
}

/// `xl/worksheets/sheetN.xml`: rows of cells.
struct WorksheetPart: Decodable {
    struct Dimension: Decodable { var ref: String? }
    struct SheetData: Decodable { var row: [Row]? }
    struct Row: Decodable {
        var r: String?
        var c: [Cell]?
    }
    struct Cell: Decodable {
        var r: String?
        var s: String?
        var t: String?
        var v: TextElement?
        var f: TextElement?
        var `is`: StringItem?
    }
    var dimension: Dimension?
    var sheetData: SheetData?
}
