import Foundation
import Testing

/// Runs the built `hubplan` binary and captures what it prints.
struct CLIRun {
    var exitCode: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The hubplan binary beside the test bundle (swift test builds it first).
    static var binary: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [besideTests, besideTests.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("hubplan")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return repository.appendingPathComponent(".build/debug/hubplan")
    }

    /// The shipped reference scenario. Its run history belongs to whoever uses the
    /// repository, so tests run commands that record runs on ``referenceCopy()``.
    static let shippedScenario = repository.appendingPathComponent("scenarios/generate-2026-27")
    static let recordingCommands: Set<String> = ["plan", "whatif", "replan", "forecast", "serve"]

    /// A copy of the reference scenario, without outputs or run history, in a
    /// folder of its own (remove it with ``remove(_:)``).
    static func referenceCopy() throws -> URL {
        let copy = try temporaryDirectory().appendingPathComponent("scenario")
        try FileManager.default.copyItem(at: shippedScenario, to: copy)
        for name in [".hubplan", "out"] { try? FileManager.default.removeItem(at: copy.appendingPathComponent(name)) }
        return copy
    }

    /// Removes a ``referenceCopy()`` and the folder made for it.
    static func remove(_ copy: URL) { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }

    struct WouldRecordInShippedScenario: Error {}

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> CLIRun {
        let cwd = directory ?? repository
        if let command = arguments.first, recordingCommands.contains(command),
           arguments.contains(where: { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL.path == shippedScenario.standardizedFileURL.path }) {
            Issue.record("`hubplan \(command)` would record a run in \(shippedScenario.path)/.hubplan; run it on CLI.referenceCopy()")
            throw WouldRecordInShippedScenario()
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = cwd
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a full pipe cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRun(exitCode: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hubplan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A copy of the reference scenario in `dir` without outputs or history (tests never write into the shipped one).
    static func scenarioCopy(in dir: URL) throws -> URL {
        let scenario = dir.appendingPathComponent("s")
        try FileManager.default.copyItem(at: repository.appendingPathComponent("scenarios/generate-2026-27"), to: scenario)
        for name in [".hubplan", "out"] { try? FileManager.default.removeItem(at: scenario.appendingPathComponent(name)) }
        return scenario
    }
}
