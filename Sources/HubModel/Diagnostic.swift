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
    public var message: String

    public init(_ severity: Severity, file: String, row: Int? = nil, column: Int? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.row = row
        self.column = column
        self.message = message
    }

    /// `file:row:column: severity: message`, omitting what is unknown.
    public var description: String {
        var place = file
        if let row { place += ":\(row)" }
        if let column { place += ":\(column)" }
        return "\(place): \(severity.rawValue): \(message)"
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.severity, a.file, a.row ?? 0, a.column ?? 0, a.message) < (b.severity, b.file, b.row ?? 0, b.column ?? 0, b.message)
    }
}

/// Collects diagnostics while a scenario is read.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    public mutating func error(_ file: String, row: Int? = nil, column: Int? = nil, _ message: String) {
        all.append(Diagnostic(.error, file: file, row: row, column: column, message))
    }

    public mutating func warning(_ file: String, row: Int? = nil, column: Int? = nil, _ message: String) {
        all.append(Diagnostic(.warning, file: file, row: row, column: column, message))
    }

    public mutating func append(contentsOf other: Diagnostics) { all.append(contentsOf: other.all) }
}

/// Loading failed; every problem is listed (errors first, then warnings).
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
