import Foundation
import Workbook

/// Where a scenario's files come from: a folder of `scenario.yaml` and CSV
/// files, or one workbook with a sheet per file. The loader's checks are the
/// same for both; only the place a problem is reported at differs.
protocol ScenarioSource {
    /// The text of `scenario.yaml`, or nil (reported) when it cannot be had.
    func yaml(_ r: Reporter) -> String?
    /// A table with its header checked, or nil (reported when `required` or unusable).
    func table(_ spec: (String, [ColumnSpec]), required: Bool, _ r: Reporter) -> CSVTable?
    /// Whether the table is there at all (an optional table that is absent is not an error).
    func has(_ file: String) -> Bool
}

/// A scenario folder: `scenario.yaml` plus CSV files; other files are ignored.
struct FolderSource: ScenarioSource {
    let directory: URL

    func yaml(_ r: Reporter) -> String? {
        let file = ScenarioFiles.yaml
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path) else {
            r.error(file, "missing file: every scenario needs \(file)")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            r.error(file, "not UTF-8 text")
            return nil
        }
        return text
    }

    func table(_ spec: (String, [ColumnSpec]), required: Bool, _ r: Reporter) -> CSVTable? {
        CSVTable.read(directory.appendingPathComponent(spec.0), file: spec.0, columns: spec.1, required: required, reporter: r)
    }

    func has(_ file: String) -> Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path) }
}

/// A scenario workbook: a sheet per CSV file, named as the file without `.csv`
/// (`schools`, `focus_schools`), and a `settings` sheet holding `scenario.yaml`
/// a line a row in column A. Sheets are matched without regard to case; hidden
/// sheets are read like any other, and other sheets are ignored, as a folder's
/// other files are. Cells are read as the CSV loader reads text: numbers as
/// typed, dates (typed as Excel dates or as text) as `YYYY-MM-DD`, TRUE/FALSE
/// as yes/no, formulas by their saved values; a cell holding an error value
/// (`#DIV/0!`) is reported at the cell, and read as missing without a second message.
final class WorkbookSource: ScenarioSource {
    static let settingsSheet = "settings"

    let name: String
    private let reader: WorkbookReader

    /// Opens the workbook, reporting why it cannot be read (not a ZIP, encrypted, damaged, too large).
    init?(_ url: URL, name: String, reporter r: Reporter) {
        self.name = name
        do {
            reader = try WorkbookReader(url: url)
        } catch let e as WorkbookError {
            r.error(name, e.description)
            return nil
        } catch {
            r.error(name, "cannot read the file: \(error.localizedDescription)")
            return nil
        }
        r.workbook = (name, { file in Self.sheetName(file) })
    }

    /// The sheet that holds a scenario file.
    static func sheetName(_ file: String) -> String? {
        if file == ScenarioFiles.yaml { return settingsSheet }
        return file.hasSuffix(".csv") ? String(file.dropLast(4)) : nil
    }

    func has(_ file: String) -> Bool { Self.sheetName(file).flatMap { reader.info(named: $0) } != nil }

    func yaml(_ r: Reporter) -> String? {
        guard let sheet = read(ScenarioFiles.yaml, required: true, r) else { return nil }
        var lines: [String] = []
        for row in sheet.rows {
            while lines.count < row.number - 1 { lines.append("") }
            lines.append(row.cells.first { $0.column == 1 }.map { text($0.value) } ?? "")
            for cell in row.cells where cell.column > 1 {
                r.error(ScenarioFiles.yaml, row: row.number, "settings hold one line of scenario.yaml a row, in column A; column \(cell.column) is not read")
            }
            for cell in row.cells where cell.column == 1 { reportError(cell.value, file: ScenarioFiles.yaml, row: row.number, column: 1, r) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func table(_ spec: (String, [ColumnSpec]), required: Bool, _ r: Reporter) -> CSVTable? {
        guard let sheet = read(spec.0, required: required, r) else { return nil }
        var records: [(number: Int, fields: [String])] = [], reported: Set<[Int]> = []
        for row in sheet.rows {
            var fields = Array(repeating: "", count: (row.cells.last?.column ?? 0))
            for cell in row.cells {
                fields[cell.column - 1] = text(cell.value)
                if reportError(cell.value, file: spec.0, row: row.number, column: cell.column, r) { reported.insert([row.number, cell.column]) }
            }
            records.append((row.number, fields))
        }
        return CSVTable.table(records, file: spec.0, columns: spec.1, reporter: r, reported: reported)
    }

    private func read(_ file: String, required: Bool, _ r: Reporter) -> WorkbookReader.Sheet? {
        guard let sheetName = Self.sheetName(file) else { return nil }
        guard reader.info(named: sheetName) != nil else {
            if required { r.error(name, "missing sheet: every scenario workbook needs a sheet '\(sheetName)' (\(file) of a scenario folder)") }
            return nil
        }
        do {
            return try reader.sheet(named: sheetName)
        } catch {
            r.error(name, "\(error)")
            return nil
        }
    }

    /// Reports a cell holding an error value; true when it does.
    @discardableResult
    private func reportError(_ value: CellValue, file: String, row: Int, column: Int, _ r: Reporter) -> Bool {
        guard case .error(let code) = value else { return false }
        r.error(file, row: row, column: column, "the cell holds the error value \(code); fix the formula or type the value")
        return true
    }

    /// A cell as the CSV loader's text.
    private func text(_ value: CellValue) -> String {
        switch value {
        case .text(let s): return s
        case .number(let x): return Self.number(x)
        case .bool(let b): return b ? "yes" : "no"
        case .date(let d): return d.iso
        case .error(let code): return code
        }
    }

    /// A number as typed: whole numbers without ".0", others in full.
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}
