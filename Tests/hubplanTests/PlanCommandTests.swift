import Foundation
import Testing

@Suite struct PlanCommandTests {
    @Test func plansTheReferenceScenarioWritesPlanJSONAndChecksIt() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try CLI.referenceCopy()
        defer { CLI.remove(scenario) }
        let run = try CLI.run(["plan", scenario.path, "--out", dir.path, "--json"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(summary["violations"] as? [String] == [])
        let planURL = dir.appendingPathComponent("plan.json")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: planURL)) as? [String: Any])
        for key in ["scenario", "status", "objective", "bound", "gap", "seconds", "costs", "cohorts", "sessions", "forums",
                    "adviserAssignments", "unmet"] {
            #expect(plan[key] != nil, "plan.json lacks \(key)")
        }
        let session = try #require((plan["sessions"] as? [[String: Any]])?.first)
        for key in ["programme", "cohort", "session", "halfTerm", "date", "venue", "room", "facilitators", "participants", "online"] {
            #expect(session.keys.contains(key), "session lacks \(key)")
        }
        let check = try CLI.run(["check", "scenarios/generate-2026-27", planURL.path])
        #expect(check.exitCode == 0)
        #expect(check.stdout.contains("no violations"))
    }

    /// Two years at once: next year's plan, report and scenario beside this year's, its
    /// second-year cohorts carried on and checked against this year's plan.
    @Test func twoYearsPlanNextYearFromThisOne() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try CLI.referenceCopy()
        defer { CLI.remove(scenario) }
        let run = try CLI.run(["plan", scenario.path, "--out", dir.path, "--years", "2"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout.contains("next year, 2027-28"))
        let next = dir.appendingPathComponent("2027-28")
        for file in ["plan.json", "report.html", "csv/continuation.csv", "scenario/scenario.yaml", "scenario/enrolment.csv"] {
            #expect(FileManager.default.fileExists(atPath: next.appendingPathComponent(file).path), "no \(file)")
        }
        let report = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("id=\"next-year\"") && report.contains("2027-28/report.html"))
        // Programmes that go on next year say so, and their cohorts' sessions next year follow theirs:
        // one row for each session of a carried-on cohort in next year's plan.
        #expect(report.contains("goes on next year as"))
        let nextPlan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: next.appendingPathComponent("plan.json"))) as? [String: Any])
        let carried = Set(((nextPlan["cohorts"] as? [[String: Any]]) ?? []).filter { $0["continues"] != nil }.compactMap { $0["id"] as? String })
        let carriedSessions = ((nextPlan["sessions"] as? [[String: Any]]) ?? []).filter { carried.contains($0["cohort"] as? String ?? "") }.count
        let tables = report.components(separatedBy: "class=\"next-year\"").dropFirst().map { $0.components(separatedBy: "</table>")[0] }
        #expect(carriedSessions > 0)
        #expect(tables.reduce(0) { $0 + $1.components(separatedBy: "<tr>").count - 2 } == carriedSessions)
        // The scenario written for next year plans and checks on its own, continuing from this year's plan.
        let check = try CLI.run(["check", next.appendingPathComponent("scenario").path, next.appendingPathComponent("plan.json").path])
        #expect(check.exitCode == 0, "\(check.stdout)\(check.stderr)")
        let bad = try CLI.run(["plan", scenario.path, "--out", dir.path, "--years", "3"])
        #expect(bad.exitCode == 2)
    }

    @Test func checkListsViolationsAndExitsOne() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try CLI.referenceCopy()
        defer { CLI.remove(scenario) }
        _ = try CLI.run(["plan", scenario.path, "--out", dir.path, "--quiet"])
        let planURL = dir.appendingPathComponent("plan.json")
        var text = try String(contentsOf: planURL, encoding: .utf8)
        // Move every session to a Sunday.
        let dates = try NSRegularExpression(pattern: "\"date\" : \"2026-(09|10)-\\d\\d\"")
        text = dates.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "\"date\" : \"2026-09-06\"")
        try text.write(to: planURL, atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", "scenarios/generate-2026-27", planURL.path])
        #expect(check.exitCode == 1)
        #expect(check.stdout.contains("term-dates:"))
        #expect(check.stdout.contains("double-booked:"))
    }

    @Test func brokenPlanFileIsBadInput() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("plan.json")
        try "{\"scenario\": 3}".write(to: file, atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", "scenarios/generate-2026-27", file.path])
        #expect(check.exitCode == 2)
        #expect(check.stderr.contains(file.path))
    }

    @Test func brokenScenarioPlansNothingAndExitsTwo() throws {
        let run = try CLI.run(["plan", "Tests/SolverTests/Fixtures"])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("scenario.yaml: error: missing file"))
    }

    @Test func exportsEveryModelAsMPS() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try CLI.referenceCopy()
        defer { CLI.remove(scenario) }
        let run = try CLI.run(["plan", scenario.path, "--out", dir.path, "--export-mps", dir.appendingPathComponent("mps").path, "--quiet"])
        #expect(run.exitCode == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("mps").path)
        #expect(files.contains("facilitator_teams.mps"))
        #expect(files.contains("adviser_assignment.mps"))
        let solve = try CLI.run(["solve", dir.appendingPathComponent("mps/adviser_assignment.mps").path, "--json"])
        #expect(solve.exitCode == 0)
    }
}

@Suite struct InterruptTests {
    /// Ctrl-C during a plan writes the best plan so far, marked interrupted, and exits 130.
    @Test func sigintWritesACheckedInterruptedPlanAndExits130() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = dir.appendingPathComponent("L")
        _ = try CLI.run(["generate", "--size", "L", "--seed", "3", "--out", scenario.path, "--quiet"])
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["plan", scenario.path, "--quiet", "--out", dir.appendingPathComponent("out").path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 2)
        process.interrupt()  // SIGINT
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let plan = dir.appendingPathComponent("out/plan.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: plan)) as? [String: Any])
        #expect(object["status"] as? String == "interrupted")
        let check = try CLI.run(["check", scenario.path, plan.path])
        #expect(check.exitCode == 0)
    }
}

@Suite struct ConcurrentRunTests {
    /// Two `hubplan plan` processes on one scenario at once: both finish, with the
    /// same plan (timings aside), and both are recorded in the run history.
    @Test func twoPlansAtOnceAgreeAndAreBothRecorded() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = dir.appendingPathComponent("s")
        try FileManager.default.copyItem(at: CLI.repository.appendingPathComponent("scenarios/generate-2026-27"), to: scenario)
        try? FileManager.default.removeItem(at: scenario.appendingPathComponent(".hubplan"))
        try? FileManager.default.removeItem(at: scenario.appendingPathComponent("out"))
        let processes = ["a", "b"].map { name -> Process in
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["plan", scenario.path, "--quiet", "--out", dir.appendingPathComponent(name).path]
            p.standardError = FileHandle.nullDevice
            return p
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        func plan(_ name: String) throws -> [String: Any] {
            var o = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("\(name)/plan.json"))) as? [String: Any])
            o["seconds"] = nil
            o["models"] = nil
            return o
        }
        let a = try plan("a"), b = try plan("b")
        #expect(NSDictionary(dictionary: a).isEqual(to: b))
        let runs = try CLI.run(["runs", "list", "--scenario", scenario.path, "--json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]])
        #expect(list.filter { $0["command"] as? String == "plan" }.count == 2)
    }
}

extension ConcurrentRunTests {
    /// Six commands recording their first runs in a new history at once all keep their run.
    /// (Before the table was made in an immediate transaction, one in three such starts lost a
    /// run to "table run already exists"; five starts make a miss here unlikely.)
    @Test func firstRunsRecordedAtOnceAreAllKept() throws {
        for _ in 0..<5 {
            let scenario = try CLI.referenceCopy()
            defer { CLI.remove(scenario) }
            let processes = (0..<6).map { i -> Process in
                let p = Process()
                p.executableURL = CLI.binary
                p.arguments = ["forecast", scenario.path, "--quiet", "--out", scenario.appendingPathComponent("f\(i).csv").path]
                p.standardError = FileHandle.nullDevice
                return p
            }
            for p in processes { try p.run() }
            for p in processes { p.waitUntilExit() }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 })
            let runs = try CLI.run(["runs", "list", "--scenario", scenario.path, "--json"])
            let list = try #require(try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]])
            #expect(list.count == 6)
        }
    }
}

@Suite struct PlanLimitTests {
    @Test func aScenarioTooLargeForTheMemorySaysSoBeforeItStarts() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try CLI.referenceCopy()
        defer { CLI.remove(scenario) }
        let run = try CLI.run(["plan", scenario.path, "--out", dir.path, "--memory-limit", "40"])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("scenario too large for this machine"))
        #expect(run.stderr.contains("1021 enrolment rows × 47 facilitators"))
        #expect(run.stderr.contains("40 MB is available"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("plan.json").path))
    }

    /// A limit far below what GLPK needs still ends with a whole plan: the team model
    /// starts from a greedy solution, so stopping early never leaves it without one.
    @Test func aVeryShortTimeLimitStillWritesACheckedPlan() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try CLI.referenceCopy()
        defer { CLI.remove(scenario) }
        let run = try CLI.run(["plan", scenario.path, "--out", dir.path, "--time-limit", "0.1", "--json"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(summary["violations"] as? [String] == [])
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("plan.json").path))
    }
}
