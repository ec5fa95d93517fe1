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
