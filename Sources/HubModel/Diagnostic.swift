import Foundation

/// One problem found in a scenario's files, located as a planner sees it.
///
/// Rows are numbered as a spreadsheet shows them (the header is row 1, the
/// first data row is row 2); columns are numbered from 1 and named in the
/// message. For YAML files, row and column are the line and column.
public struct Diagnostic: Sendable, Equatable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        /// The scenario cannot be used until this is fixed.
        case error
        /// Legal but suspicious: check it.
        case warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    public var file: String
    public var row: Int?
    public var column: Int?
    /// The sheet, when `file` is a workbook: the place is then written `hub.xlsx:schools!C14`.
    public var sheet: String?
    public var message: String

    public init(_ severity: Severity, file: String, sheet: String? = nil, row: Int? = nil, column: Int? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.message = message
    }

    /// Where the problem is: `file:row:column`, or `hub.xlsx:schools!C14` in a
    /// workbook (`hub.xlsx:schools!14:14` for a whole row), omitting what is unknown.
    public var place: String {
        var place = file
        if let sheet {
            place += ":\(sheet)"
            if let row, let column { place += "!\(columnLetters(column))\(row)" } else if let row { place += "!\(row):\(row)" }
            return place
        }
        if let row { place += ":\(row)" }
        if let column { place += ":\(column)" }
        return place
    }

    /// `place: severity: message`.
    public var description: String { "\(place): \(severity.rawValue): \(message)" }

    /// The diagnostic with its file named as the user gave the scenario: inside
    /// the folder `path`, or the workbook `path` itself.
    public func located(in path: String) -> Diagnostic {
        var copy = self
        copy.file = sheet != nil || ScenarioLoader.isWorkbook(path) ? path : (path as NSString).appendingPathComponent(file)
        return copy
    }

    private func columnLetters(_ column: Int) -> String {
        var n = column, s = ""
        while n > 0 {
            s = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + s
            n = (n - 1) / 26
        }
        return s
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.severity, a.file, a.sheet ?? "", a.row ?? 0, a.column ?? 0, a.message) < (b.severity, b.file, b.sheet ?? "", b.row ?? 0, b.column ?? 0, b.message)
    }
}

/// Collects diagnostics while a scenario is read.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    public mutating func error(_ file: String, sheet: String? = nil, row: Int? = nil, column: Int? = nil, _ message: String) {
        all.append(Diagnostic(.error, file: file, sheet: sheet, row: row, column: column, message))
    }

    public mutating func warning(_ file: String, sheet: String? = nil, row: Int? = nil, column: Int? = nil, _ message: String) {
        all.append(Diagnostic(.warning, file: file, sheet: sheet, row: row, column: column, message))
    }

    public mutating func append(contentsOf other: Diagnostics) { all.append(contentsOf: other.all) }
}

/// Loading failed; every problem is listed (errors first, then warnings).
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
