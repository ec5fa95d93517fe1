import Foundation
import Testing

/// A run history that cannot be used never stops a plan from being written.
@Suite struct RunHistoryFaultTests {
    @Test func aCorruptRunHistoryIsOnlyAWarning() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try CLI.scenarioCopy(in: dir)
        let history = scenario.appendingPathComponent(".hubplan")
        try FileManager.default.createDirectory(at: history, withIntermediateDirectories: true)
        try Data(repeating: 0x5A, count: 8192).write(to: history.appendingPathComponent("runs.sqlite"))
        let run = try CLI.run(["plan", scenario.path, "--quiet"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: run history"))
        #expect(FileManager.default.fileExists(atPath: scenario.appendingPathComponent("out/plan.json").path))
    }

    /// Another process holds an exclusive lock on the database for longer than the
    /// history waits (10 s): the plan is written and the run is not recorded.
    @Test func aLockedRunHistoryIsOnlyAWarning() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try CLI.scenarioCopy(in: dir)
        let first = try CLI.run(["plan", scenario.path, "--quiet", "--out", dir.appendingPathComponent("first").path])
        try #require(first.exitCode == 0)
        let database = scenario.appendingPathComponent(".hubplan/runs.sqlite").path
        let locker = Process()
        locker.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        locker.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute('BEGIN EXCLUSIVE')
            print('locked', flush=True)
            time.sleep(60)
            """, database]
        let pipe = Pipe()
        locker.standardOutput = pipe
        try locker.run()
        defer { locker.terminate() }
        let line = String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self)
        try #require(line.contains("locked"))
        let run = try CLI.run(["plan", scenario.path, "--quiet"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: run history"))
        #expect(FileManager.default.fileExists(atPath: scenario.appendingPathComponent("out/plan.json").path))
    }
}
