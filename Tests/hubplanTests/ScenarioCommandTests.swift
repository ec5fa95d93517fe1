import Foundation
import Testing

@Suite struct ValidateCommandTests {
    @Test func referenceScenarioIsValidAndSummarised() throws {
        let run = try CLI.run(["validate", "scenarios/generate-2026-27"])
        #expect(run.exitCode == 0)
        #expect(run.stdout.contains("schools         68   95  129    292"))
        #expect(run.stdout.hasSuffix("scenarios/generate-2026-27: valid, 0 warning(s)\n"))
        #expect(run.stderr.isEmpty)
    }

    @Test func brokenScenarioExitsTwoWithLocatedErrors() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("s")
        try FileManager.default.copyItem(at: CLI.repository.appendingPathComponent("scenarios/generate-2026-27"), to: copy)
        let rooms = copy.appendingPathComponent("rooms.csv")
        var lines = try String(contentsOf: rooms, encoding: .utf8).components(separatedBy: "\n")
        lines[1] = "HAL-TC,Main,-5"
        try lines.joined(separator: "\n").write(to: rooms, atomically: true, encoding: .utf8)
        let run = try CLI.run(["validate", copy.path])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("\(copy.path)/rooms.csv:2:3: error: capacity: -5 is out of range; expected 1 to 5000\n"))
        #expect(run.stderr.hasSuffix("1 error(s), 0 warning(s)\n"))
    }

    @Test func missingFolderExitsTwo() throws {
        let run = try CLI.run(["validate", "no/such/folder"])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("no/such/folder: error: not a scenario folder"))
    }
}

@Suite struct GenerateCommandTests {
    @Test func generatedSmallScenarioValidates() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gen = try CLI.run(["generate", "--size", "S", "--seed", "3", "--out", dir.path])
        #expect(gen.exitCode == 0)
        let val = try CLI.run(["validate", dir.path])
        #expect(val.exitCode == 0)
    }

    @Test func unknownSizeIsBadInput() throws {
        let run = try CLI.run(["generate", "--size", "XXL", "--out", "/tmp/x"])
        #expect(run.exitCode == 2)
    }
}
