import Foundation
import XMLCoder
import ZIPFoundation

/// One sheet to write: a header row of column titles, then rows of values.
public struct SheetTable: Sendable {
    /// How a column's values are shown.
    public enum Format: Sendable, Equatable {
        /// As typed: text, or a number in Excel's General format.
        case general
        /// Whole numbers: `0`.
        case integer
        /// Two decimals: `0.00`.
        case decimal
        /// Pounds, no pence: `£#,##0`.
        case pounds
        /// A share shown as a percentage with one decimal: `0.0%` (0.219 shows 21.9%).
        case percent
        /// A date: `yyyy-mm-dd`, the form the CSV files use.
        case isoDate
        /// A date as a planner reads it: `ddd d mmm yyyy` (Thu 3 Sep 2026).
        case longDate
        /// A time of day: `hh:mm`.
        case time
        /// Long text, wrapped in the cell.
        case wrapped
    }

    public struct Column: Sendable {
        public var title: String
        /// Width in characters of Excel's default font.
        public var width: Double
        public var format: Format

        public init(_ title: String, width: Double? = nil, _ format: Format = .general) {
            self.title = title
            self.width = width ?? Self.width(for: title, format)
            self.format = format
        }

        static func width(for title: String, _ format: Format) -> Double {
            let least: Double
            switch format {
            case .longDate: least = 16
            case .isoDate: least = 11
            case .time: least = 7
            case .pounds: least = 10
            case .wrapped: least = 40
            default: least = 8
            }
            return max(least, Double(title.count) + 3)
        }
    }

    /// A value to write; nil cells are left empty.
    public enum Value: Sendable, Equatable {
        case text(String)
        case number(Double)
        case bool(Bool)
        /// A date (and time of day in minutes), written as an Excel date serial.
        case date(year: Int, month: Int, day: Int, minutes: Int?)
        /// A time of day alone, in minutes after midnight.
        case time(minutes: Int)
        /// An error value such as `#DIV/0!` (what a broken formula leaves).
        case error(String)
        /// A formula (without the `=`) with the value Excel saved for it, or none (never calculated).
        indirect case formula(String, saved: Value?)
    }

    public var name: String
    public var columns: [Column]
    public var rows: [[Value?]]
    /// Freeze the header row and put a filter on it (off for a sheet of free text, such as settings).
    public var header: Bool
    public var hidden: Bool

    public init(name: String, columns: [Column], rows: [[Value?]], header: Bool = true, hidden: Bool = false) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.header = header
        self.hidden = hidden
    }

    /// Widens each column to its longest text (capped), so nothing is cut off in Excel.
    public mutating func fitWidths(maximum: Double = 60) {
        for i in columns.indices where columns[i].format == .general {
            var longest = 0
            for row in rows.prefix(2_000) where i < row.count {
                if case .text(let s)? = row[i] { longest = max(longest, s.count) }
                if case .number(let x)? = row[i] { longest = max(longest, String(x).count) }
            }
            columns[i].width = min(maximum, max(columns[i].width, Double(longest) + 2))
        }
    }
}

/// Writes tables as an Excel workbook (.xlsx): ZIPFoundation makes the
/// package, XMLCoder the parts. Frozen header rows, filters, column widths and
/// number formats; dates are real Excel dates. The same tables give the same
/// bytes (the ZIP entries carry a fixed time).
public enum WorkbookWriter {
    /// The workbook's bytes.
    ///
    /// - Throws: when a part cannot be encoded (it should not happen) or a sheet name is not one Excel takes.
    public static func data(_ sheets: [SheetTable]) throws -> Data {
        var names = Set<String>()
        for s in sheets {
            guard !s.name.isEmpty, s.name.count <= 31, s.name.rangeOfCharacter(from: CharacterSet(charactersIn: "[]:*?/\\")) == nil,
                  names.insert(s.name.lowercased()).inserted else {
                throw WorkbookError.malformed(part: "sheet '\(s.name)'", detail: "not a sheet name Excel takes (1–31 characters, none of []:*?/\\, unique)")
            }
        }
        let archive = try Archive(accessMode: .create)
        let header = XMLHeader(version: 1.0, encoding: "UTF-8", standalone: "yes")
        func add(_ path: String, _ value: some Encodable, root: String) throws {
            try add(path, try encode(value, root: root, header: header))
        }
        func add(_ path: String, _ data: Data) throws {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate, provider: { position, size in
                                     data.subdata(in: Int(position)..<Int(position) + size)
                                 })
        }
        let sheetCount = sheets.count
        try add("[Content_Types].xml", ContentTypesOut(
            Default: [
                .init(Extension: "rels", ContentType: "application/vnd.openxmlformats-package.relationships+xml"),
                .init(Extension: "xml", ContentType: "application/xml"),
            ],
            Override: [.init(PartName: "/xl/workbook.xml", ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
                       .init(PartName: "/xl/styles.xml", ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")]
                + (0..<sheetCount).map { $0 + 1 }.map {
                    .init(PartName: "/xl/worksheets/sheet\($0).xml", ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")
                }), root: "Types")
        try add("_rels/.rels", RelationshipsOut(Relationship: [
            .init(Id: "rId1", Type: "\(Namespace.officeRelationships)/officeDocument", Target: "xl/workbook.xml"),
        ]), root: "Relationships")
        try add("xl/_rels/workbook.xml.rels", RelationshipsOut(Relationship: sheets.indices.map {
            .init(Id: "rId\($0 + 1)", Type: "\(Namespace.officeRelationships)/worksheet", Target: "worksheets/sheet\($0 + 1).xml")
        } + [.init(Id: "rId\(sheetCount + 1)", Type: "\(Namespace.officeRelationships)/styles", Target: "styles.xml")]), root: "Relationships")
        let firstVisible = sheets.firstIndex { !$0.hidden } ?? 0
        let filters: [WorkbookOut.DefinedName] = sheets.enumerated().compactMap { i, s in
            guard s.header, !s.columns.isEmpty else { return nil }
            let last = "$\(ColumnName.letters(s.columns.count))$\(s.rows.count + 1)"
            return .init(name: "_xlnm._FilterDatabase", localSheetId: i, hidden: 1, value: "'\(s.name.replacingOccurrences(of: "'", with: "''"))'!$A$1:\(last)")
        }
        try add("xl/workbook.xml", WorkbookOut(
            bookViews: .init(workbookView: .init(activeTab: firstVisible)),
            sheets: .init(sheet: sheets.enumerated().map { i, s in
                .init(name: s.name, sheetId: i + 1, state: s.hidden ? "hidden" : nil, rid: "rId\(i + 1)")
            }),
            definedNames: filters.isEmpty ? nil : .init(definedName: filters)), root: "workbook")
        try add("xl/styles.xml", Styles.part, root: "styleSheet")
        // The sheets are most of the work (plan.xlsx: 1.6–2.2 s of the reference's 2.4–3.6 s run), so they
        // are encoded on all cores, then added in order.
        var parts = [Result<Data, Error>](repeating: .success(Data()), count: sheets.count)
        parts.withUnsafeMutableBufferPointer { buffer in
            // Each job writes its own slot only.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: sheets.count) { i in
                slots[i] = Result { try encode(worksheet(sheets[i], selected: i == firstVisible), root: "worksheet", header: header,
                                               attributesAreOurs: true) }
            }
        }
        for (i, part) in parts.enumerated() { try add("xl/worksheets/sheet\(i + 1).xml", try part.get()) }
        guard let data = archive.data else { throw WorkbookError.malformed(part: "the package", detail: "no data") }
        return data
    }

    /// One part's XML. Only the characters XML requires are escaped (attributes are
    /// double-quoted): each escape is a pass over every string, and XMLCoder's default five
    /// were a third of plan.xlsx's time. A worksheet's attributes are all ours — cell
    /// references, style numbers, types, widths — never a table's text (which is in
    /// elements), so they need no escaping at all (`attributesAreOurs`).
    static func encode(_ value: some Encodable, root: String, header: XMLHeader, attributesAreOurs: Bool = false) throws -> Data {
        let encoder = XMLEncoder()
        encoder.charactersEscapedInAttributes = attributesAreOurs ? [] : [("&", "&amp;"), ("<", "&lt;"), ("\"", "&quot;")]
        encoder.charactersEscapedInElements = [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")]
        return try encoder.encode(value, withRootKey: root, header: header)
    }

    /// 2026-01-01 00:00: a fixed time for every entry, so the bytes depend only on the tables.
    static let fixedDate = Date(timeIntervalSince1970: 1_767_225_600)

    static func worksheet(_ s: SheetTable, selected: Bool) -> WorksheetOut {
        var rows: [WorksheetOut.Row] = []
        if !s.columns.isEmpty && s.header {
            rows.append(.init(r: 1, c: s.columns.enumerated().map { i, c in
                .init(r: "\(ColumnName.letters(i + 1))1", s: Styles.header, t: "inlineStr", is: .init(t: .init(value: clean(c.title))))
            }))
        }
        let offset = s.header ? 2 : 1
        for (n, row) in s.rows.enumerated() {
            let r = n + offset
            var cells: [WorksheetOut.Cell] = []
            for (i, value) in row.enumerated() {
                guard let value else { continue }
                let format = i < s.columns.count ? s.columns[i].format : .general
                cells.append(cell(value, reference: "\(ColumnName.letters(i + 1))\(r)", format: format))
            }
            rows.append(.init(r: r, c: cells))
        }
        let lastRow = max(1, s.rows.count + offset - 1), lastColumn = ColumnName.letters(max(1, s.columns.count))
        return WorksheetOut(
            dimension: .init(ref: "A1:\(lastColumn)\(lastRow)"),
            sheetViews: .init(sheetView: .init(tabSelected: selected ? 1 : nil, pane: s.header ? .init(ySplit: 1, topLeftCell: "A2") : nil)),
            cols: s.columns.isEmpty ? nil : .init(col: s.columns.enumerated().map { i, c in
                .init(min: i + 1, max: i + 1, width: String(format: "%.1f", c.width))
            }),
            sheetData: .init(row: rows),
            autoFilter: s.header && !s.columns.isEmpty ? .init(ref: "A1:\(lastColumn)\(lastRow)") : nil)
    }

    static func cell(_ value: SheetTable.Value, reference: String, format: SheetTable.Format) -> WorksheetOut.Cell {
        let style = Styles.index(format)
        switch value {
        case .text(let s):
            return .init(r: reference, s: style, t: "inlineStr", is: .init(t: .init(value: clean(s))))
        case .number(let x):
            guard x.isFinite else { return .init(r: reference, s: style, t: "inlineStr", is: .init(t: .init(value: String(x)))) }
            return .init(r: reference, s: style, v: number(x))
        case .bool(let b):
            return .init(r: reference, s: style, t: "b", v: b ? "1" : "0")
        case .date(let y, let m, let d, let minutes):
            let serial = ExcelSerial.serial(year: y, month: m, day: d, minutes: minutes ?? 0)
            return .init(r: reference, s: format == .longDate ? Styles.index(.longDate) : Styles.index(.isoDate), v: number(serial))
        case .time(let minutes):
            return .init(r: reference, s: Styles.index(.time), v: number(ExcelSerial.serial(minutes: minutes)))
        case .error(let code):
            return .init(r: reference, s: style, t: "e", v: code)
        case .formula(let f, let saved):
            var c = saved.map { cell($0, reference: reference, format: format) } ?? .init(r: reference, s: style)
            if case .text(let s)? = saved { c.t = "str"; c.is = nil; c.v = clean(s) }
            c.f = f
            return c
        }
    }

    /// The shortest text that reads back as the same number ("12", not "12.0").
    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }

    /// XML 1.0 cannot hold most control characters, even escaped: they are dropped.
    static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" || $0.value == 0xFFFE || $0.value == 0xFFFF }) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.filter { !($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") && $0.value != 0xFFFE && $0.value != 0xFFFF }))
    }
}

/// The workbook's cell styles: one per ``SheetTable/Format``, plus the header's.
enum Styles {
    static let formats: [SheetTable.Format] = [.general, .integer, .decimal, .pounds, .percent, .isoDate, .longDate, .time, .wrapped]
    /// The header row: bold on a light grey fill.
    static let header = formats.count

    static func index(_ format: SheetTable.Format) -> Int { formats.firstIndex(of: format) ?? 0 }

    static var part: StylesOut {
        // Built-in 0 = General, 1 = "0", 2 = "0.00"; the rest are custom (164 and up).
        let custom: [(SheetTable.Format, String)] = [
            (.pounds, "\"£\"#,##0"), (.percent, "0.0%"), (.isoDate, "yyyy-mm-dd"), (.longDate, "ddd d mmm yyyy"), (.time, "hh:mm"),
        ]
        func numFmtId(_ f: SheetTable.Format) -> Int {
            switch f {
            case .general, .wrapped: return 0
            case .integer: return 1
            case .decimal: return 2
            default: return 164 + (custom.firstIndex { $0.0 == f } ?? 0)
            }
        }
        var xfs: [StylesOut.Xf] = formats.map { f in
            StylesOut.Xf(numFmtId: numFmtId(f), fontId: 0, fillId: 0, xfId: 0, applyNumberFormat: numFmtId(f) == 0 ? nil : 1,
                         applyAlignment: f == .wrapped ? 1 : nil, alignment: f == .wrapped ? .init(vertical: "top", wrapText: 1) : nil)
        }
        xfs.append(StylesOut.Xf(numFmtId: 0, fontId: 1, fillId: 2, xfId: 0, applyFont: 1, applyFill: 1))
        let plain = StylesOut.Font(sz: .init(val: "11"), name: .init(val: "Calibri"))
        let bold = StylesOut.Font(b: .init(), sz: .init(val: "11"), name: .init(val: "Calibri"))
        return StylesOut(
            numFmts: .init(count: custom.count, numFmt: custom.map { .init(numFmtId: numFmtId($0.0), formatCode: $0.1) }),
            fonts: .init(count: 2, font: [plain, bold]),
            fills: .init(count: 3, fill: [.init(patternFill: .init(patternType: "none")), .init(patternFill: .init(patternType: "gray125")),
                                          .init(patternFill: .init(patternType: "solid", fgColor: .init(rgb: "FFE7ECF2")))]),
            borders: .init(count: 1, border: [StylesOut.Border()]),
            cellStyleXfs: .init(count: 1, xf: [StylesOut.Xf(numFmtId: 0, fontId: 0, fillId: 0)]),
            cellXfs: .init(count: xfs.count, xf: xfs))
    }
}
