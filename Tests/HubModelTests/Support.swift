import Foundation
import Testing
@testable import HubModel

/// A scratch copy of the reference scenario that a test may break.
struct ScenarioCopy {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let reference = repository.appendingPathComponent("scenarios/generate-2026-27")

    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.reference, to: url)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    func text(_ file: String) throws -> String { try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8) }

    func write(_ file: String, _ text: String) throws {
        try text.write(to: url.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }

    /// Replaces line `row` (1-based, as a spreadsheet numbers rows) of a file.
    func setLine(_ file: String, row: Int, _ line: String) throws {
        var lines = try text(file).components(separatedBy: "\n")
        lines[row - 1] = line
        try write(file, lines.joined(separator: "\n"))
    }

    func line(_ file: String, row: Int) throws -> String { try text(file).components(separatedBy: "\n")[row - 1] }

    func appendLine(_ file: String, _ line: String) throws { try write(file, try text(file) + line + "\n") }

    func replace(_ file: String, _ old: String, _ new: String) throws {
        try write(file, try text(file).replacingOccurrences(of: old, with: new))
    }

    /// Every diagnostic, as the CLI prints them (file relative to the folder).
    func diagnostics() -> [String] {
        ScenarioLoader.check(url).1.all.sorted().map(\.description)
    }

    /// Breaks a fresh copy with `change` and expects exactly the one diagnostic `expected`.
    static func expectOnly(_ expected: String, sourceLocation: SourceLocation = #_sourceLocation,
                           _ change: (ScenarioCopy) throws -> Void) throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        try change(copy)
        #expect(copy.diagnostics() == [expected], sourceLocation: sourceLocation)
    }
}
