import Foundation
import Testing

/// `hubplan runs` reads the history and nothing else, and takes DIR like every command (issue 19, item 8).
@Suite struct RunsCommandTests {
    /// Every file in the scenario's history folder with its bytes and modification time.
    static func history(_ scenario: URL) -> [String: String] {
        let dir = scenario.appendingPathComponent(".hubplan")
        var out: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] {
            let url = dir.appendingPathComponent(name)
            let date = (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate
            out[name] = "\(FileManager.default.contents(atPath: url.path)?.hashValue ?? 0) \(date?.timeIntervalSince1970 ?? 0)"
        }
        return out
    }

    @Test func aFolderWithoutHistorySaysNoRunsYetAndCreatesNothing() throws {
        let scenario = try CLI.referenceCopy()
        defer { CLI.remove(scenario) }
        let run = try CLI.run(["runs", "list", scenario.path])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout == "\(scenario.path): no runs yet\n")
        let json = try CLI.run(["runs", "list", scenario.path, "--json"])
        #expect(json.stdout == "[]\n")
        #expect(!FileManager.default.fileExists(atPath: scenario.appendingPathComponent(".hubplan").path))
    }

    @Test func listShowAndCompareOnlyReadTheDatabase() throws {
        let scenario = try CLI.referenceCopy()
        defer { CLI.remove(scenario) }
        let out = scenario.deletingLastPathComponent().appendingPathComponent("o").path
        try #require(try CLI.run(["plan", scenario.path, "--out", out, "--quiet"]).exitCode == 0)
        let before = Self.history(scenario)
        #expect(Array(before.keys) == ["runs.sqlite"])
        Thread.sleep(forTimeInterval: 0.02)   // a write now would show in the modification time
        let list = try CLI.run(["runs", "list", scenario.path])
        #expect(list.exitCode == 0)
        #expect(list.stdout.contains(" plan "))
        #expect(try CLI.run(["runs", "show", scenario.path, "1"]).stdout.hasPrefix("run 1\n"))
        #expect(try CLI.run(["runs", "compare", scenario.path, "1", "1"]).exitCode == 0)
        #expect(Self.history(scenario) == before)
    }

    @Test func theOldScenarioOptionStillWorks() throws {
        let scenario = try CLI.referenceCopy()
        defer { CLI.remove(scenario) }
        let run = try CLI.run(["runs", "list", "--scenario", scenario.path, "--json"])
        #expect(run.exitCode == 0)
        #expect(run.stdout == "[]\n")
    }

    @Test func aMissingFolderOrRunIsBadInputWithJSON() throws {
        let run = try CLI.run(["runs", "list", "no/such/folder", "--json"])
        #expect(run.exitCode == 2)
        #expect(run.stdout == "{\"exitCode\":2,\"message\":\"no\\/such\\/folder: no such scenario folder\",\"status\":\"error\"}\n")
        let scenario = try CLI.referenceCopy()
        defer { CLI.remove(scenario) }
        let show = try CLI.run(["runs", "show", scenario.path, "7"])
        #expect(show.exitCode == 2)
        #expect(show.stderr == "hubplan: \(scenario.path): no run 7\n")
    }
}

/// Every failure prints JSON when `--json` is given, and every exit code is one the README lists (issue 19, item 10).
@Suite struct FailureJSONTests {
    static func errorObject(_ run: CLIRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "stdout: \(run.stdout)")
    }

    @Test func aCoefficientGLPKCannotSolveIsBadInputAtItsLineWithJSON() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("huge.lp")
        try "Minimize\n obj: x + y\nSubject To\n c1: 1e308 x + y >= 1\nBounds\n 0 <= x <= 10\n 0 <= y <= 10\nEnd\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["solve", file.path, "--json"])
        #expect(run.exitCode == 2)
        let message = "\(file.path):4: coefficient 1e+308 of 'x' in constraint 'c1' is outside what GLPK can solve (magnitudes 1e-100 to 1e+100); rescale the model"
        #expect(run.stderr == "hubplan: \(message)\n")
        let object = try Self.errorObject(run)
        #expect(object["status"] as? String == "error")
        #expect(object["exitCode"] as? Int == 2)
        #expect(object["message"] as? String == message)
    }

    @Test(arguments: [
        (["solve", "no/such/model.mps", "--json"], 2),
        (["solve", "--json"], 2),
        (["plan", "Tests/SolverTests/Fixtures", "--json"], 2),
        (["check", "Tests/SolverTests/Fixtures", "nope.json", "--json"], 2),
        (["validate", "no/such/folder", "--json"], 2),
        (["forecast", "--series", "no/such.csv", "--horizon", "2", "--out", "/tmp/x.csv", "--json"], 2),
    ])
    func everyFailurePrintsOneJSONObject(arguments: [String], exitCode: Int) throws {
        let run = try CLI.run(arguments)
        #expect(Int(run.exitCode) == exitCode, "\(arguments): \(run.stderr)")
        let object = try Self.errorObject(run)
        #expect(object["exitCode"] as? Int == exitCode || object["valid"] as? Bool == false, "\(arguments): \(run.stdout)")
    }
}
