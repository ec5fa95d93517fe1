import Foundation
import Testing
import ZIPFoundation
@testable import Workbook

/// A workbook made of literal XML parts, as Excel or another program might write it:
/// shared strings, formulas with saved values, error cells, the 1904 date system.
enum RawWorkbook {
    static func data(sheets: [(name: String, xml: String, hidden: Bool)], sharedStrings: [String] = [], date1904: Bool = false,
                     styles: String? = nil) throws -> Data {
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { p, n in
                data.subdata(in: Int(p)..<Int(p) + n)
            }
        }
        try add("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        try add("_rels/.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)
        let list = sheets.enumerated().map { i, s in
            #"<sheet name="\#(s.name)" sheetId="\#(i + 1)"\#(s.hidden ? #" state="hidden""# : "") r:id="rId\#(i + 1)"/>"#
        }.joined()
        try add("xl/workbook.xml", #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr\#(date1904 ? #" date1904="1""# : "")/><sheets>\#(list)</sheets></workbook>"#)
        let rels = sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined()
            + #"<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
            + #"<Relationship Id="rT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        try add("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(rels)</Relationships>"#)
        try add("xl/sharedStrings.xml", #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + sharedStrings.map { $0.hasPrefix("<") ? "<si>\($0)</si>" : "<si><t xml:space=\"preserve\">\($0)</t></si>" }.joined() + "</sst>")
        // Style 0 General, 1 built-in date (14), 2 custom date dd/mm/yyyy, 3 custom number with 'E'.
        try add("xl/styles.xml", styles ?? #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.00E+00"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>"#)
        for (i, s) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(i + 1).xml", #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\#(s.xml)</sheetData></worksheet>"#)
        }
        return archive.data!
    }
}

@Suite struct ExcelDateTests {
    @Test func readsSerialsOfThe1900System() {
        #expect(ExcelSerial.date(1)?.iso == "1900-01-01")
        #expect(ExcelSerial.date(59)?.iso == "1900-02-28")
        #expect(ExcelSerial.date(61)?.iso == "1900-03-01")
        #expect(ExcelSerial.date(46_268)?.iso == "2026-09-03")
        #expect(ExcelSerial.date(46_268.395833333)?.iso == "2026-09-03 09:30")
        #expect(ExcelSerial.date(0.6875)?.iso == "16:30")
    }

    @Test func readsSerialsOfThe1904System() {
        #expect(ExcelSerial.date(0.5, date1904: true)?.iso == "12:00")
        #expect(ExcelSerial.date(1, date1904: true)?.iso == "1904-01-02")
        #expect(ExcelSerial.date(44_806, date1904: true)?.iso == "2026-09-03")
    }

    @Test func refusesSerialsNoDateHas() {
        #expect(ExcelSerial.date(-1) == nil)
        #expect(ExcelSerial.date(.nan) == nil)
        #expect(ExcelSerial.date(3e6) == nil)
    }

    @Test func writesTheSerialItReads() {
        let serial = ExcelSerial.serial(year: 2027, month: 3, day: 26, minutes: 15 * 60 + 45)
        #expect(ExcelSerial.date(serial)?.iso == "2027-03-26 15:45")
    }

    @Test func tellsDateFormatsFromNumberFormats() {
        #expect(NumberFormats.isDate(code: "dd/mm/yyyy"))
        #expect(NumberFormats.isDate(code: "[$-809]dddd, d mmmm yyyy"))
        #expect(NumberFormats.isDate(code: "hh:mm"))
        #expect(!NumberFormats.isDate(code: "0.00E+00"))
        #expect(!NumberFormats.isDate(code: "\"days\" 0"))
        #expect(!NumberFormats.isDate(code: "[Red]#,##0"))
        #expect(!NumberFormats.isDate(code: "General"))
    }

    @Test func namesColumnsAsExcelDoes() {
        #expect(ColumnName.letters(1) == "A")
        #expect(ColumnName.letters(27) == "AA")
        #expect(ColumnName.letters(16_384) == "XFD")
        #expect(ColumnName.parse("C14")! == (3, 14))
        #expect(ColumnName.parse("$AB$2")! == (28, 2))
        #expect(ColumnName.parse("14C") == nil)
    }
}

@Suite struct WorkbookReaderTests {
    func cells(_ sheet: WorkbookReader.Sheet) -> [String: CellValue] {
        var out: [String: CellValue] = [:]
        for row in sheet.rows { for c in row.cells { out["\(ColumnName.letters(c.column))\(row.number)"] = c.value } }
        return out
    }

    @Test func readsEveryKindOfCell() throws {
        let xml = """
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>inline</t></is></c></row>
        <row r="2"><c r="A2"><v>12</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#DIV/0!</v></c><c r="D2" s="3"><v>1.5</v></c></row>
        <row r="4"><c r="A4" s="1"><v>46268</v></c><c r="B4" s="2"><f>A4+1</f><v>46269</v></c><c r="C4" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="D4"><f>1/0</f></c></row>
        """
        let data = try RawWorkbook.data(sheets: [("Data", xml, false)], sharedStrings: ["  spaced  ", "<r><t>rich </t></r><r><t>text</t></r>"])
        let reader = try WorkbookReader(data: data)
        let c = cells(try reader.sheet(named: "data"))
        #expect(c["A1"] == .text("  spaced  "))
        #expect(c["B1"] == .text("rich text"))
        #expect(c["C1"] == .text("inline"))
        #expect(c["A2"] == .number(12))
        #expect(c["B2"] == .bool(true))
        #expect(c["C2"] == .error("#DIV/0!"))
        #expect(c["D2"] == .number(1.5))
        #expect(c["A4"] == .date(ExcelDate(year: 2026, month: 9, day: 3)))
        #expect(c["B4"] == .date(ExcelDate(year: 2026, month: 9, day: 4)))
        #expect(c["C4"] == .text("xy"))
        #expect(c["D4"] == .error("formula without a saved value"))
    }

    @Test func readsDatesOfThe1904System() throws {
        let data = try RawWorkbook.data(sheets: [("s", #"<row r="1"><c r="A1" s="1"><v>44806</v></c></row>"#, false)], date1904: true)
        let reader = try WorkbookReader(data: data)
        #expect(reader.date1904)
        #expect(cells(try reader.sheet(named: "s"))["A1"] == .date(ExcelDate(year: 2026, month: 9, day: 3)))
    }

    @Test func listsHiddenSheets() throws {
        let data = try RawWorkbook.data(sheets: [("shown", "", false), ("tucked", "", true)])
        let reader = try WorkbookReader(data: data)
        #expect(reader.sheets.map(\.name) == ["shown", "tucked"])
        #expect(reader.sheets.map(\.hidden) == [false, true])
    }

    @Test func refusesWhatIsNotAWorkbook() throws {
        #expect(throws: WorkbookError.notAZip) { try WorkbookReader(data: Data("id,name\nA,B\n".utf8)) }
        var ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        ole.append(Data(repeating: 0, count: 504))
        #expect(throws: WorkbookError.encrypted) { try WorkbookReader(data: ole) }
        let zip = try Archive(accessMode: .create)
        let text = Data("hello".utf8)
        try zip.addEntry(with: "readme.txt", type: .file, uncompressedSize: Int64(text.count)) { p, n in text.subdata(in: Int(p)..<Int(p) + n) }
        #expect(throws: WorkbookError.notAWorkbook("no xl/workbook.xml")) { try WorkbookReader(data: zip.data!) }
    }

    @Test func refusesAMillionRowsBeforeReadingThem() throws {
        let far = #"<row r="1"><c r="A1"><v>1</v></c></row><row r="1000000"><c r="A1000000"><v>1</v></c></row>"#
        let reader = try WorkbookReader(data: try RawWorkbook.data(sheets: [("big", far, false)]))
        #expect(throws: WorkbookError.tooManyRows(sheet: "big", rows: 1_000_000, limit: 100_000)) { try reader.sheet(named: "big") }
    }

    @Test func refusesAMillionRowsWrittenOut() throws {
        // Every row written, none numbered: about 22 MB of XML, which the reader counts without parsing.
        let rows = String(repeating: "<row><c><v>1</v></c></row>", count: 1_000_000)
        let reader = try WorkbookReader(data: try RawWorkbook.data(sheets: [("big", rows, false)]))
        let started = Date()
        #expect(throws: WorkbookError.tooManyRows(sheet: "big", rows: 100_001, limit: 100_000)) { try reader.sheet(named: "big") }
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test func refusesAPartLargerThanTheLimit() throws {
        let rows = (1...2_000).map { #"<row r="\#($0)"><c r="A\#($0)"><v>\#($0)</v></c></row>"# }.joined()
        var limits = WorkbookReader.Limits()
        limits.partBytes = 20_000
        let reader = try WorkbookReader(data: try RawWorkbook.data(sheets: [("s", rows, false)]), limits: limits)
        #expect {
            try reader.sheet(named: "s")
        } throws: { error in
            guard case .tooLarge(let part, _, 20_000) = error as? WorkbookError else { return false }
            return part == "xl/worksheets/sheet1.xml"
        }
    }

    @Test func namesAMissingSheet() throws {
        let reader = try WorkbookReader(data: try RawWorkbook.data(sheets: [("a", "", false)]))
        #expect(throws: WorkbookError.missingSheet("schools")) { try reader.sheet(named: "schools") }
    }

    @Test func refusesADamagedPart() throws {
        let reader = try WorkbookReader(data: try RawWorkbook.data(sheets: [("a", "<row><c><v>1</row>", false)]))
        #expect {
            try reader.sheet(named: "a")
        } throws: { error in
            if case .malformed(let part, _) = error as? WorkbookError { return part == "xl/worksheets/sheet1.xml" }
            return false
        }
    }
}

@Suite struct WorkbookWriterTests {
    @Test func readsBackWhatItWrites() throws {
        let table = SheetTable(name: "Sessions", columns: [.init("Date", .longDate), .init("Start", .time), .init("Title"), .init("Cost", .pounds), .init("Online")],
                               rows: [[.date(year: 2026, month: 9, day: 3, minutes: nil), .time(minutes: 570), .text("  Welcome & <intro>\u{1}"),
                                       .number(1234.5), .bool(false)],
                                      [nil, nil, .formula("1+1", saved: .number(2)), .error("#N/A"), nil]])
        let reader = try WorkbookReader(data: try WorkbookWriter.data([table]))
        let sheet = try reader.sheet(named: "Sessions")
        #expect(sheet.rows.map(\.number) == [1, 2, 3])
        #expect(sheet.rows[0].cells.map(\.value) == [.text("Date"), .text("Start"), .text("Title"), .text("Cost"), .text("Online")])
        #expect(sheet.rows[1].cells.map(\.value) == [.date(ExcelDate(year: 2026, month: 9, day: 3)), .date(ExcelDate(year: 0, month: 0, day: 0, minutes: 570)),
                                                     .text("  Welcome & <intro>"), .number(1234.5), .bool(false)])
        #expect(sheet.rows[2].cells.map(\.column) == [3, 4])
        #expect(sheet.rows[2].cells.map(\.value) == [.number(2), .error("#N/A")])
    }

    @Test func writesTheSameBytesForTheSameTables() throws {
        let table = SheetTable(name: "a", columns: [.init("x")], rows: [[.number(1)]])
        #expect(try WorkbookWriter.data([table]) == (try WorkbookWriter.data([table])))
    }

    @Test func refusesSheetNamesExcelDoesNot() {
        #expect(throws: WorkbookError.self) { try WorkbookWriter.data([SheetTable(name: "a/b", columns: [], rows: [])]) }
        #expect(throws: WorkbookError.self) { try WorkbookWriter.data([SheetTable(name: String(repeating: "x", count: 32), columns: [], rows: [])]) }
        #expect(throws: WorkbookError.self) { try WorkbookWriter.data([SheetTable(name: "A", columns: [], rows: []), SheetTable(name: "a", columns: [], rows: [])]) }
    }
}
