import Foundation
import SwiftCSV

/// A column a table may have.
struct ColumnSpec {
    var name: String
    var required: Bool
}

/// A CSV file read as a planner's spreadsheet: a header row, then data rows
/// numbered as the spreadsheet shows them.
struct CSVTable {
    let file: String
    let header: [String]
    let rows: [CSVRecord]

    /// Columns that any table may carry for the planner's own notes.
    static let noteColumns: Set<String> = ["notes", "note", "comment", "comments"]

    /// Reads and checks the header of a table.
    ///
    /// - Returns: nil when the file cannot be used at all (missing when required,
    ///   not UTF-8, unparseable, missing columns); every problem is reported.
    static func read(_ url: URL, file: String, columns: [ColumnSpec], required: Bool, reporter: Reporter) -> CSVTable? {
        guard FileManager.default.fileExists(atPath: url.path) else {
            if required { reporter.error(file, "missing file: every scenario needs \(file)") }
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            reporter.error(file, "cannot read the file (permissions?)")
            return nil
        }
        guard var text = String(data: data, encoding: .utf8) else {
            let bad = InvalidUTF8(data)
            reporter.error(file, row: bad?.row, column: bad?.column,
                           "not UTF-8 text\(bad.map { ": byte \($0.byteHex) is not UTF-8" } ?? ""); save it from the spreadsheet as 'CSV UTF-8'")
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }  // Excel's byte-order mark
        if text.contains("\0") {
            reporter.error(file, "contains NUL bytes: this is not a CSV text file")
            return nil
        }
        var records: [[String]] = []
        do {
            let csv = try CSV<Enumerated>(string: text, delimiter: .comma, loadColumns: false)
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { records.append($0) }
        } catch {
            reporter.error(file, "not valid CSV: \(error)")
            return nil
        }
        if let problem = unbalancedQuote(text) {
            reporter.error(file, row: problem, "a quoted field opened on this row is never closed")
            return nil
        }
        return table(records.enumerated().map { ($0.offset + 1, $0.element) }, file: file, columns: columns, reporter: reporter)
    }

    /// Checks the header and makes the rows of a table whatever its source (a CSV
    /// file, a workbook's sheet): the same columns, checks and wording for both.
    ///
    /// - Parameters:
    ///   - records: (row number as the spreadsheet shows it, fields by column from 1), in row order; row 1 is the header.
    ///   - reported: cells already reported (row, column), such as a workbook cell holding an error value:
    ///     read as missing, without a second message.
    /// - Returns: nil when the header is unusable; every problem is reported.
    static func table(_ records: [(number: Int, fields: [String])], file: String, columns: [ColumnSpec], reporter: Reporter,
                      reported: Set<[Int]> = []) -> CSVTable? {
        guard let headerRecord = records.first.flatMap({ $0.number == 1 ? $0.fields : nil }), headerRecord.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            reporter.error(file, row: 1, "empty file: the first row must name the columns")
            return nil
        }
        let header = headerRecord.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var ok = true
        var seen: Set<String> = []
        let known = Set(columns.map(\.name))
        var suggested: Set<String> = []
        for (i, name) in header.enumerated() {
            if name.isEmpty { continue }
            if !seen.insert(name).inserted {
                reporter.error(file, row: 1, column: i + 1, "column '\(name)' appears twice")
                ok = false
            } else if !known.contains(name) && !noteColumns.contains(name) {
                let hint = columns.map(\.name).min { editDistance($0, name) < editDistance($1, name) }
                let close = hint.flatMap { editDistance($0, name) <= 3 && !header.contains($0) ? $0 : nil }
                if let close { suggested.insert(close) }
                let suggestion = close.map { " (did you mean '\($0)'?)" } ?? ""
                reporter.error(file, row: 1, column: i + 1,
                               "unknown column '\(name)'\(suggestion); expected: \(columns.map(\.name).joined(separator: ", "))")
                ok = false
            }
        }
        // A misspelt column is reported once, as unknown with its suggestion, not also as missing.
        for c in columns where c.required && !header.contains(c.name) && !suggested.contains(c.name) {
            reporter.error(file, row: 1, "missing column '\(c.name)'")
            ok = false
        }
        if !ok { return nil }
        var rows: [CSVRecord] = []
        for (number, record) in records where number > 1 {
            if record.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            if record.count > header.count {
                let extra = record[header.count...].filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                if !extra.isEmpty {
                    reporter.error(file, row: number, column: header.count + 1,
                                   "row has \(record.count) fields but the header names \(header.count) columns")
                    continue
                }
            }
            var values: [String: (String, Int)] = [:]
            var already: Set<String> = []
            for (i, name) in header.enumerated() where !name.isEmpty {
                values[name] = (i < record.count ? record[i].trimmingCharacters(in: .whitespaces) : "", i + 1)
                if reported.contains([number, i + 1]) { already.insert(name); values[name]?.0 = "" }
            }
            rows.append(CSVRecord(file: file, number: number, values: values, reported: already))
        }
        return CSVTable(file: file, header: header, rows: rows)
    }

    /// The spreadsheet row where an unclosed quote starts, if any.
    private static func unbalancedQuote(_ text: String) -> Int? {
        var inQuote = false, row = 1, openedAt = 1
        for ch in text.unicodeScalars {
            if ch == "\"" {
                inQuote.toggle()
                if inQuote { openedAt = row }
            } else if ch == "\n" {
                row += 1
            }
        }
        return inQuote ? openedAt : nil
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        for i in 1...a.count {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
}

/// One data row, with typed readers that report what is wrong with a cell.
struct CSVRecord {
    let file: String
    /// Row number as a spreadsheet shows it (header = 1).
    let number: Int
    let values: [String: (String, Int)]
    /// Columns whose cell was already reported: read as missing, silently.
    var reported: Set<String> = []

    func raw(_ column: String) -> String { values[column]?.0 ?? "" }
    func columnIndex(_ column: String) -> Int? { values[column]?.1 }

    func fail(_ column: String, _ message: String, _ reporter: Reporter) {
        reporter.error(file, row: number, column: columnIndex(column), "\(column): \(message)")
    }

    func warn(_ column: String, _ message: String, _ reporter: Reporter) {
        reporter.warning(file, row: number, column: columnIndex(column), "\(column): \(message)")
    }

    /// A non-empty text, or nil (with an error when required).
    func text(_ column: String, required: Bool = true, _ r: Reporter) -> String? {
        let v = raw(column)
        if reported.contains(column) { return nil }
        if v.isEmpty {
            if required { fail(column, "is empty; a value is required", r) }
            return nil
        }
        return v
    }

    /// An identifier: letters, digits, `-`, `_`, `.`; no spaces.
    func id(_ column: String, required: Bool = true, _ r: Reporter) -> String? {
        guard let v = text(column, required: required, r) else { return nil }
        if !v.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) || v.count > 64 {
            fail(column, "'\(v)' is not a valid id (letters, digits, '-', '_', '.'; at most 64)", r)
            return nil
        }
        return v
    }

    func int(_ column: String, required: Bool = true, min: Int = 0, max: Int = 1_000_000, _ r: Reporter) -> Int? {
        guard let v = text(column, required: required, r) else { return nil }
        guard let n = Int(v) else {
            fail(column, "'\(v)' is not a whole number", r)
            return nil
        }
        if n < min || n > max {
            fail(column, "\(n) is out of range; expected \(min) to \(max)", r)
            return nil
        }
        return n
    }

    func number(_ column: String, required: Bool = true, min: Double = 0, max: Double = 1e9, _ r: Reporter) -> Double? {
        guard let v = text(column, required: required, r) else { return nil }
        let cleaned = v.replacingOccurrences(of: "£", with: "").replacingOccurrences(of: ",", with: "")
        guard let n = Double(cleaned), n.isFinite else {
            fail(column, "'\(v)' is not a number", r)
            return nil
        }
        if n < min || n > max {
            fail(column, "\(v) is out of range; expected \(formatNumber(min)) to \(formatNumber(max))", r)
            return nil
        }
        return n
    }

    func day(_ column: String, required: Bool = true, _ r: Reporter) -> Day? {
        guard let v = text(column, required: required, r) else { return nil }
        guard let d = Day(iso: v) else {
            fail(column, "'\(v)' is not a date; write YYYY-MM-DD, e.g. 2026-09-03", r)
            return nil
        }
        return d
    }

    func bool(_ column: String, default value: Bool, _ r: Reporter) -> Bool {
        let v = raw(column).lowercased()
        switch v {
        case "": return value
        case "yes", "y", "true", "1": return true
        case "no", "n", "false", "0": return false
        default:
            fail(column, "'\(raw(column))' is not yes or no", r)
            return value
        }
    }

    /// A `;`-separated list (empty items dropped).
    func list(_ column: String) -> [String] {
        raw(column).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func latitude(_ column: String, _ r: Reporter) -> Double? { number(column, min: 49, max: 61, r) }
    func longitude(_ column: String, _ r: Reporter) -> Double? { number(column, min: -9, max: 2.5, r) }

    func enumValue<E: RawRepresentable & CaseIterable>(_ column: String, _ type: E.Type, required: Bool = true,
                                                       _ r: Reporter) -> E? where E.RawValue == String {
        guard let v = text(column, required: required, r) else { return nil }
        if let e = E(rawValue: v) ?? E.allCases.first(where: { $0.rawValue.lowercased() == v.lowercased() }) { return e }
        fail(column, "'\(v)' is not one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))", r)
        return nil
    }
}

func formatNumber(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
}
