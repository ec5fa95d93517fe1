import Foundation
import Testing
import Workbook
@testable import HubModel

/// A scenario written as a workbook into a scratch folder, to load or break.
struct WorkbookCopy {
    let folder: URL
    var url: URL { folder.appendingPathComponent("hub.xlsx") }

    init(_ sheets: [SheetTable]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try WorkbookWriter.data(sheets).write(to: url)
    }

    init(bytes: Data) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try bytes.write(to: url)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func diagnostics() -> [String] { ScenarioLoader.check(url).1.all.sorted().map(\.description) }

    static func reference() throws -> Scenario { try ScenarioLoader.load(ScenarioCopy.reference).scenario }

    /// The reference scenario's sheets with `change` applied.
    static func sheets(_ change: (inout [SheetTable]) -> Void = { _ in }) throws -> [SheetTable] {
        var sheets = ScenarioWriter.workbookSheets(try reference())
        change(&sheets)
        return sheets
    }
}

extension [SheetTable] {
    /// Sets one cell, addressed as Excel shows it (row 1 is the header).
    mutating func set(_ sheet: String, row: Int, column: Int, _ value: SheetTable.Value?) {
        let i = firstIndex { $0.name == sheet }!
        self[i].rows[row - 2][column - 1] = value
    }
}

@Suite struct WorkbookSourceTests {
    @Test func workbookLoadsAsTheSameScenarioAsTheFolder() throws {
        let folder = try WorkbookCopy.reference()
        let copy = try WorkbookCopy(try WorkbookCopy.sheets())
        defer { copy.remove() }
        let (fromWorkbook, warnings) = try ScenarioLoader.load(copy.url)
        #expect(warnings.isEmpty)
        #expect(fromWorkbook == folder)
        // And back to a folder: the same files, byte for byte.
        #expect(ScenarioWriter.files(fromWorkbook).map(\.text) == ScenarioWriter.files(folder).map(\.text))
    }

    @Test func datesTypedAsTextLoadAsExcelDatesDo() throws {
        let copy = try WorkbookCopy(try WorkbookCopy.sheets { sheets in
            let i = sheets.firstIndex { $0.name == "calendar" }!
            for r in sheets[i].rows.indices {
                for c in [2, 3] {
                    if case .date(let y, let m, let d, _)? = sheets[i].rows[r][c] {
                        // Half as ISO text, half as UK text, as planners type them.
                        sheets[i].rows[r][c] = .text(r % 2 == 0 ? String(format: "%04d-%02d-%02d", y, m, d) : String(format: "%02d/%02d/%04d", d, m, y))
                    }
                }
            }
        })
        defer { copy.remove() }
        #expect(try ScenarioLoader.load(copy.url).scenario == (try WorkbookCopy.reference()))
    }

    @Test func formulasAreReadByTheirSavedValues() throws {
        let copy = try WorkbookCopy(try WorkbookCopy.sheets { sheets in
            sheets.set("rooms", row: 2, column: 3, .formula("20+10", saved: .number(30)))
            sheets.set("schools", row: 2, column: 2, .formula("\"Runcorn Meadow \"&\"Primary School\"", saved: .text("Runcorn Meadow Primary School")))
        })
        defer { copy.remove() }
        let s = try ScenarioLoader.load(copy.url).scenario
        let reference = try WorkbookCopy.reference()
        #expect(s.schools == reference.schools)
        #expect(s.venues.flatMap(\.rooms).first?.capacity == 30)
    }

    /// Each check words its problem the same for a folder and a workbook; only the place differs.
    @Test(arguments: [
        ("schools", 14, 6, SheetTable.Value.number(99)),
        ("schools", 3, 3, .text("NOWHERE")),
        ("facilitators", 5, 1, .text("bad id")),
        ("rooms", 2, 3, .number(-5)),
        ("calendar", 4, 4, .date(year: 2026, month: 8, day: 1, minutes: nil)),
        ("unavailability", 2, 2, .text("someday")),
    ])
    func problemsAreWordedAsInTheFolderAndLocatedOnTheSheet(sheet: String, row: Int, column: Int, value: SheetTable.Value) throws {
        let sheets = try WorkbookCopy.sheets { $0.set(sheet, row: row, column: column, value) }
        let copy = try WorkbookCopy(sheets)
        defer { copy.remove() }
        // The same change in a folder: the CSV text of the changed cell.
        let folder = try ScenarioCopy()
        defer { folder.remove() }
        let text: String
        switch value {
        case .number(let x): text = WorkbookSource.number(x)
        case .text(let s): text = s
        case .date(let y, let m, let d, _): text = String(format: "%04d-%02d-%02d", y, m, d)
        default: text = ""
        }
        var fields = try folder.line("\(sheet).csv", row: row).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[column - 1] = text
        try folder.setLine("\(sheet).csv", row: row, fields.joined(separator: ","))
        let inFolder = ScenarioLoader.check(folder.url).1.all.sorted()
        let inWorkbook = ScenarioLoader.check(copy.url).1.all.sorted()
        #expect(!inFolder.isEmpty)
        #expect(inWorkbook.map(\.message) == inFolder.map(\.message))
        #expect(inWorkbook.map(\.row) == inFolder.map(\.row))
        #expect(inWorkbook.map(\.sheet) == inFolder.map { $0.file == "scenario.yaml" ? "settings" : String($0.file.dropLast(4)) })
        let letters = ColumnName.letters(column)
        #expect(inWorkbook.contains { $0.description.hasPrefix("hub.xlsx:\(sheet)!\(letters)\(row): error: ") }, "\(inWorkbook)")
    }

    @Test func anErrorValueIsReportedOnceAtItsCell() throws {
        let copy = try WorkbookCopy(try WorkbookCopy.sheets { $0.set("schools", row: 14, column: 6, .error("#DIV/0!")) })
        defer { copy.remove() }
        #expect(copy.diagnostics() == ["hub.xlsx:schools!F14: error: the cell holds the error value #DIV/0!; fix the formula or type the value"])
    }

    @Test func aFormulaNeverCalculatedIsReported() throws {
        let copy = try WorkbookCopy(try WorkbookCopy.sheets { $0.set("rooms", row: 3, column: 3, .formula("B3*2", saved: nil)) })
        defer { copy.remove() }
        #expect(copy.diagnostics() == ["hub.xlsx:rooms!C3: error: the cell holds the error value formula without a saved value; fix the formula or type the value"])
    }

    @Test func aMissingSheetIsNamed() throws {
        let copy = try WorkbookCopy(try WorkbookCopy.sheets { $0.removeAll { $0.name == "rooms" } })
        defer { copy.remove() }
        #expect(copy.diagnostics() == ["hub.xlsx: error: missing sheet: every scenario workbook needs a sheet 'rooms' (rooms.csv of a scenario folder)"])
    }

    @Test func hiddenSheetsAreReadAndOtherSheetsIgnored() throws {
        let copy = try WorkbookCopy(try WorkbookCopy.sheets { sheets in
            let i = sheets.firstIndex { $0.name == "venues" }!
            sheets[i].hidden = true
            sheets.append(SheetTable(name: "My notes", columns: [.init("anything")], rows: [[.text("kept out of the scenario")]]))
        })
        defer { copy.remove() }
        #expect(try ScenarioLoader.load(copy.url).scenario == (try WorkbookCopy.reference()))
    }

    @Test func extraColumnsAreCheckedAsInAFolder() throws {
        let copy = try WorkbookCopy(try WorkbookCopy.sheets { sheets in
            let i = sheets.firstIndex { $0.name == "schools" }!
            sheets[i].columns += [.init("notes"), .init("colour")]
            sheets[i].rows = sheets[i].rows.map { $0 + [.text("a note"), .text("red")] }
        })
        defer { copy.remove() }
        #expect(copy.diagnostics() == ["hub.xlsx:schools!I1: error: unknown column 'colour'; expected: id, name, authority, town, phase, latitude, longitude"])
    }

    @Test func settingsProblemsAreLocatedOnTheirRow() throws {
        let copy = try WorkbookCopy(try WorkbookCopy.sheets { $0[0].rows[2] = [.text("year: 2026-2x")] })
        defer { copy.remove() }
        #expect(copy.diagnostics() == ["hub.xlsx:settings!A3: error: year: '2026-2x' is not an academic year; write it like 2026-27"])
    }

    @Test(arguments: [
        (Data("id,name\n".utf8), "hub.xlsx: error: not an Excel workbook (not a ZIP package); save it from Excel as 'Excel Workbook (.xlsx)'"),
        (Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)),
         "hub.xlsx: error: a password-protected (encrypted) workbook or an old .xls file; save it without a password as 'Excel Workbook (.xlsx)'"),
        (Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)),
         "hub.xlsx: error: a ZIP file but not an Excel workbook (no xl/workbook.xml); save it from Excel as 'Excel Workbook (.xlsx)'"),
    ])
    func filesThatAreNoWorkbookAreRefusedClearly(bytes: Data, expected: String) throws {
        let copy = try WorkbookCopy(bytes: bytes)
        defer { copy.remove() }
        #expect(copy.diagnostics() == [expected])
    }
}
