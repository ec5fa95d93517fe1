import Foundation

/// Reads any CSV table with the scenario loader's checks (UTF-8, header,
/// unknown and missing columns, ragged rows), for other modules' files.
public enum TableReader {
    public struct Row: Sendable {
        /// Row number as a spreadsheet shows it (header = 1).
        public var number: Int
        /// Column name → (cell text, 1-based column).
        public var cells: [String: (String, Int)]

        public func text(_ column: String) -> String { cells[column]?.0 ?? "" }
        public func column(_ name: String) -> Int? { cells[name]?.1 }
    }

    /// - Returns: the rows (nil when the file cannot be used) and every problem found.
    public static func read(_ url: URL, file: String, columns: [String]) -> (rows: [Row]?, diagnostics: [Diagnostic]) {
        let r = Reporter()
        let table = CSVTable.read(url, file: file, columns: columns.map { ColumnSpec(name: $0, required: true) }, required: true, reporter: r)
        return (table?.rows.map { Row(number: $0.number, cells: $0.values) }, r.diagnostics.all)
    }
}
