import Foundation
import Testing
@testable import RunHistory

@Suite struct RunStoreTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("runs-\(UUID().uuidString)/.hubplan/runs.sqlite").path
    }

    func sample(_ command: String) -> RunRecord {
        RunRecord(time: RunStore.now(), command: command, scenario: "s", inputs: "abc", settings: "{}", kpis: "{\"objective\":1}", outputs: "[]")
    }

    @Test func recordsAndReadsRunsBack() throws {
        let store = try RunStore(path: temporaryPath())
        let a = try store.record(sample("plan")), b = try store.record(sample("whatif"))
        #expect(b == a + 1)
        #expect(try store.all().map(\.command) == ["plan", "whatif"])
        #expect(try store.run(a)?.kpis == "{\"objective\":1}")
    }

    /// Two stores on one file (as two processes would be) writing at once lose nothing.
    @Test func concurrentWritersDoNotCorruptTheDatabase() throws {
        let path = temporaryPath()
        let stores = [try RunStore(path: path), try RunStore(path: path)]
        DispatchQueue.concurrentPerform(iterations: 40) { i in
            _ = try? stores[i % 2].record(sample("plan"))
        }
        #expect(try RunStore(path: path).all().count == 40)
    }

    @Test func fingerprintChangesWhenAnInputChanges() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "a,b\n1,2\n".write(to: dir.appendingPathComponent("x.csv"), atomically: true, encoding: .utf8)
        let before = RunStore.fingerprint(of: dir)
        #expect(RunStore.fingerprint(of: dir) == before)
        try "a,b\n1,3\n".write(to: dir.appendingPathComponent("x.csv"), atomically: true, encoding: .utf8)
        #expect(RunStore.fingerprint(of: dir) != before)
    }

    @Test func unwritableLocationIsAnError() {
        #expect(throws: (any Error).self) { try RunStore(path: "/proc/hubplan-cannot/runs.sqlite") }
    }
}

/// Reading the history (`runs list|show|compare`) writes nothing (issue 19, item 8).
@Suite struct RunStoreReadingTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("runs-\(UUID().uuidString)/.hubplan/runs.sqlite").path
    }

    func sample() -> RunRecord {
        RunRecord(time: RunStore.now(), command: "plan", scenario: "s", inputs: "abc", settings: "{}", kpis: "{}", outputs: "[]")
    }

    /// Name, bytes and modification time of every file in the history's folder.
    func folder(_ path: String) -> [String] {
        let dir = (path as NSString).deletingLastPathComponent
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted().map { name in
            let file = (dir as NSString).appendingPathComponent(name)
            let modified = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate]) as? Date
            return "\(name) \(FileManager.default.contents(atPath: file)?.count ?? -1) \(modified?.timeIntervalSince1970 ?? 0)"
        }
    }

    @Test func readingLeavesTheDatabaseAndItsFolderUntouched() throws {
        let path = temporaryPath()
        let writer = try RunStore(path: path)
        try writer.record(sample())
        let before = folder(path)
        #expect(before.count == 1, "only the database, no journal files: \(before)")
        Thread.sleep(forTimeInterval: 0.02)
        let reader = try RunStore(readingFrom: path)
        #expect(try reader.all().map(\.command) == ["plan"])
        #expect(try reader.run(1)?.command == "plan")
        #expect(folder(path) == before)
    }

    @Test func readingAMissingHistoryCreatesNothing() {
        let path = temporaryPath()
        #expect(throws: (any Error).self) { try RunStore(readingFrom: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aDatabaseWithoutTheRunTableIsNotARunHistory() throws {
        let path = temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let other = Process()
        other.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        other.arguments = ["python3", "-c", "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('create table t(x)')", path]
        try other.run()
        other.waitUntilExit()
        #expect(throws: RunStore.NotARunHistory(path: path)) { try RunStore(readingFrom: path) }
    }
}
