import Foundation
import Testing

@Suite struct WhatIfCommandTests {
    @Test func plansVariantsSideBySideAndRecordsTheRun() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = dir.appendingPathComponent("s")
        try FileManager.default.copyItem(at: CLI.repository.appendingPathComponent("scenarios/generate-2026-27"), to: scenario)
        try? FileManager.default.removeItem(at: scenario.appendingPathComponent(".hubplan"))
        let run = try CLI.run(["whatif", scenario.path, "--variant", scenario.appendingPathComponent("whatif/npq-uptake-down-30.yaml").path,
                               "--variant", scenario.appendingPathComponent("whatif/penketh-hall-closes.yaml").path, "--jobs", "2", "--json"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let kpis = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(kpis.map { $0["variant"] as? String } == ["base", "npq-uptake-down-30", "penketh-hall-closes"])
        #expect((kpis[1]["participantsServed"] as? Int ?? 0) < (kpis[0]["participantsServed"] as? Int ?? 0))
        let out = scenario.appendingPathComponent("out/whatif")
        for f in ["comparison.csv", "comparison.json", "whatif.html", "base/plan.json", "npq-uptake-down-30/plan.json"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(f).path), "\(f)")
        }
        let runs = try CLI.run(["runs", "list", "--scenario", scenario.path, "--json"])
        #expect(runs.exitCode == 0)
        #expect(runs.stdout.contains("\"command\":\"whatif\""))
    }

    @Test func brokenOverlayExitsTwoNamingTheLine() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        try "venues:\n  remove: [NOPE]\n".write(to: bad, atomically: true, encoding: .utf8)
        let scenario = try CLI.referenceCopy()
        defer { CLI.remove(scenario) }
        let run = try CLI.run(["whatif", scenario.path, "--variant", bad.path, "--out", dir.appendingPathComponent("o").path])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("bad.yaml:2:12: error: venues.remove: unknown venue 'NOPE'"))
    }

    @Test func unwritableRunHistoryIsOnlyAWarning() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = dir.appendingPathComponent("s")
        try FileManager.default.copyItem(at: CLI.repository.appendingPathComponent("scenarios/generate-2026-27"), to: scenario)
        // A file where the history folder should be: the database cannot be created.
        try? FileManager.default.removeItem(at: scenario.appendingPathComponent(".hubplan"))
        try "not a folder".write(to: scenario.appendingPathComponent(".hubplan"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["plan", scenario.path, "--quiet"])
        #expect(run.exitCode == 0)
        #expect(run.stderr.contains("warning: run history"))
        #expect(FileManager.default.fileExists(atPath: scenario.appendingPathComponent("out/plan.json").path))
    }
}

@Suite struct ReplanCommandTests {
    @Test func replanListsWhatChangedAndWritesACheckedPlan() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try CLI.referenceCopy()
        defer { CLI.remove(scenario) }
        _ = try CLI.run(["plan", scenario.path, "--out", dir.appendingPathComponent("base").path, "--quiet"])
        let run = try CLI.run(["replan", scenario.path, "--from", dir.appendingPathComponent("base/plan.json").path,
                               "--overlay", scenario.appendingPathComponent("whatif/facilitator-off-from-ht3.yaml").path,
                               "--freeze-before", "2027-01-04", "--out", dir.appendingPathComponent("re").path, "--json"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let changes = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(!changes.isEmpty)
        #expect(changes.allSatisfy { ($0["after"] as? String)?.contains("[F15]") != true })
        let check = try CLI.run(["check", "scenarios/generate-2026-27", dir.appendingPathComponent("re/plan.json").path])
        #expect(check.exitCode == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("re/changes.csv").path))
    }

    @Test func badFreezeDateIsBadInput() throws {
        let scenario = try CLI.referenceCopy()
        defer { CLI.remove(scenario) }
        let run = try CLI.run(["replan", scenario.path, "--from", "nope.json", "--freeze-before", "next week"])
        #expect(run.exitCode == 2)
    }
}
