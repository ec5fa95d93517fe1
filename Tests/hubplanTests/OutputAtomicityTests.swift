import Foundation
import Testing

/// A run's outputs appear as a whole or not at all (issue 19, item 5): `plan`
/// killed at any moment leaves the previous plan's files whole or the new
/// plan's files whole, and the next run removes what the killed one left.
@Suite(.serialized) struct OutputAtomicityTests {
    /// A small generated scenario (S plans in about two seconds) in a folder of its own.
    static func smallScenario() throws -> URL {
        let dir = try CLI.temporaryDirectory()
        let scenario = dir.appendingPathComponent("s")
        let made = try CLI.run(["generate", "--size", "S", "--seed", "7", "--out", scenario.path, "--quiet"])
        try #require(made.exitCode == 0, "\(made.stderr)")
        return scenario
    }

    /// Every regular file under `dir`, relative, with its modification time.
    static func files(_ dir: URL) -> [String: Date] {
        var out: [String: Date] = [:]
        let keys: [URLResourceKey] = [.isRegularFileKey, .contentModificationDateKey]
        let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: keys)
        while let url = e?.nextObject() as? URL {
            guard let v = try? url.resourceValues(forKeys: Set(keys)), v.isRegularFile == true else { continue }
            out[String(url.path.dropFirst(dir.path.count + 1))] = v.contentModificationDate
        }
        return out
    }

    /// Staging or retired folders beside `out`.
    static func leftovers(beside out: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)) ?? []
        return names.filter { $0.hasPrefix(".\(out.lastPathComponent).hubplan-") }
    }

    /// Starts `plan`, waits until its staging folder appears (it is writing its
    /// outputs), waits `delay` more, and kills it with SIGKILL.
    static func planKilled(_ scenario: URL, out: URL, after delay: TimeInterval) throws {
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["plan", scenario.path, "--out", out.path, "--quiet"]
        p.standardError = FileHandle.nullDevice
        let earlier = Set(leftovers(beside: out))   // an earlier kill's, until this run cleans them
        try p.run()
        let started = Date()
        while p.isRunning && Set(leftovers(beside: out)).isSubset(of: earlier) && Date().timeIntervalSince(started) < 120 { usleep(200) }
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
    }

    @Test func aPlanKilledWhileWritingLeavesTheOldOutputsOrTheNewOnesNeverAMix() throws {
        let scenario = try Self.smallScenario()
        defer { CLI.remove(scenario) }
        let out = scenario.appendingPathComponent("out")
        let first = try CLI.run(["plan", scenario.path, "--quiet"])
        try #require(first.exitCode == 0, "\(first.stderr)")
        try "mine".write(to: out.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        var previous = Self.files(out)
        let names = Set(previous.keys)
        // From "just started writing" to "done": measured on a debug build, writing
        // the 24 files (each flushed) takes about 0.1 s and the switch follows, so
        // kills land while staging, around the switch and while the old folder is removed.
        for delay in [0, 0.002, 0.008, 0.03, 0.06, 0.1, 0.15, 0.25] {
            Thread.sleep(forTimeInterval: 0.01)   // so that a new file's time differs from every old one's
            let killedAt = Date()
            try Self.planKilled(scenario, out: out, after: delay)
            let now = Self.files(out)
            #expect(Set(now.keys) == names, "after a kill \(delay) s into writing, the files are \(now.keys.sorted())")
            let fresh = now.filter { $0.key != "notes.txt" && $0.value >= killedAt.addingTimeInterval(-0.005) }.count
            let old = now.filter { $0.key != "notes.txt" && now[$0.key] == previous[$0.key] }.count
            #expect(fresh == 0 || old == 0, "after a kill \(delay) s into writing: \(fresh) new files beside \(old) old ones")
            #expect(now["notes.txt"] != nil)
            previous = now
        }
        // The next run removes whatever staging or retired folders the kills left.
        let last = try CLI.run(["plan", scenario.path, "--quiet"])
        #expect(last.exitCode == 0, "\(last.stderr)")
        #expect(Self.leftovers(beside: out) == [])
        #expect(Set(Self.files(out).keys) == names)
    }

    @Test func theNextPlanRemovesStagingFoldersAndTemporaryFilesAKilledRunLeft() throws {
        let scenario = try Self.smallScenario()
        defer { CLI.remove(scenario) }
        let out = scenario.appendingPathComponent("out")
        try #require(try CLI.run(["plan", scenario.path, "--quiet"]).exitCode == 0)
        let names = Set(Self.files(out).keys)
        // What a killed run of this or an earlier version leaves: a half-written
        // staging folder beside the outputs and hidden .tmp files among them.
        let staging = scenario.appendingPathComponent(".out.hubplan-staging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging.appendingPathComponent("csv"), withIntermediateDirectories: true)
        try "half".write(to: staging.appendingPathComponent("csv/costs.csv"), atomically: false, encoding: .utf8)
        for path in [".plan.json.\(UUID().uuidString).tmp", "csv/.sessions.csv.\(UUID().uuidString).tmp",
                     "calendars/.hub.ics.\(UUID().uuidString).tmp"] {
            try "half".write(to: out.appendingPathComponent(path), atomically: false, encoding: .utf8)
        }
        let run = try CLI.run(["plan", scenario.path, "--quiet"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(Self.leftovers(beside: out) == [])
        #expect(Set(Self.files(out).keys) == names)
    }
}
