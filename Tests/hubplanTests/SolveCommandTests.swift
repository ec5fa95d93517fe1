import Foundation
import Testing

@Suite struct SolveCommandTests {
    @Test func jsonOutputHasTheFiveKeysAndTheOptimum() throws {
        let run = try CLI.run(["solve", "benchmarks/miplib/flugpl.mps.gz", "--json"])
        #expect(run.exitCode == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["status", "objective", "bound", "gap", "seconds"])
        #expect(object["status"] as? String == "optimal")
        #expect(object["objective"] as? Double == 1_201_500)
        #expect(object["gap"] as? Double == 0)
    }

    @Test func plainOutputListsStatusObjectiveBoundGapSeconds() throws {
        let run = try CLI.run(["solve", "Tests/SolverTests/Fixtures/textbook.mps", "--format", "fixed"])
        #expect(run.exitCode == 0)
        let labels = run.stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(labels == ["model", "status", "objective", "bound", "gap", "seconds"])
        #expect(run.stdout.contains("objective -36\n"))
    }

    @Test func infeasibleModelExitsOne() throws {
        let run = try CLI.run(["solve", "Tests/SolverTests/Fixtures/infeasible.lp", "--json"])
        #expect(run.exitCode == 1)
        #expect(run.stdout.contains("\"status\":\"infeasible\""))
        #expect(run.stdout.contains("\"objective\":null"))
    }

    @Test func malformedFileExitsTwoNamingFileAndLine() throws {
        let run = try CLI.run(["solve", "Tests/SolverTests/Fixtures/badnumber.mps", "--format", "fixed"])
        #expect(run.exitCode == 2)
        #expect(run.stderr == "hubplan: Tests/SolverTests/Fixtures/badnumber.mps:7: cannot convert '2.x5' to floating-point number (reading as fixed MPS)\n")
    }

    @Test func missingFileExitsTwo() throws {
        let run = try CLI.run(["solve", "no/such/model.mps"])
        #expect(run.exitCode == 2)
        #expect(run.stderr == "hubplan: no/such/model.mps: no such file\n")
    }

    @Test func unknownOptionExitsTwo() throws {
        let run = try CLI.run(["solve", "x.mps", "--bogus"])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("--bogus"))
    }

    @Test func negativeTimeLimitIsBadInput() throws {
        let run = try CLI.run(["solve", "benchmarks/miplib/flugpl.mps.gz", "--time-limit=-3"])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("time limit"))
    }
}
