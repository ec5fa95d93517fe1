import Foundation
import HubModel
import Planner
import Testing
@testable import National

@Suite struct ShardTests {
    @Test(arguments: [1, 2, 3, 7, 12])
    func shardsCoverEveryUnitOnce(_ n: Int) {
        let units = (0..<10).map { "hub-\($0)" }
        let covered = (0..<n).flatMap { Shard(index: $0, count: n).select(units) }
        #expect(covered == units)
    }

    @Test(arguments: ["", "3", "3/", "/3", "3/3", "-1/3", "a/b", "1/0", "1/2/3"])
    func aShardThatIsNotIOfNIsRefused(_ text: String) {
        #expect(Shard(text) == nil)
    }

    @Test func aShardIsRead() {
        #expect(Shard("2/5") == Shard(index: 2, count: 5))
    }
}

/// Two small hubs planned in two shards, a failure and its re-run, and the merge.
@Suite struct NationalRunTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("national-\(UUID().uuidString)")
        for (name, seed) in [("hub-a", UInt64(3)), ("hub-b", UInt64(4))] {
            try ScenarioWriter.write(ScenarioGenerator(size: .s, seed: seed).scenarios()[0].scenario, to: root.appendingPathComponent(name))
        }
    }

    var run: NationalRun { NationalRun(root: root, results: root.appendingPathComponent("results"), variants: [], timeLimit: 20, jobs: 2) }

    @Test func shardsThenMergeGiveTheNationalPicture() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try NationalRun.hubs(in: root) == ["hub-a", "hub-b"])
        let first = try run.run(Shard(index: 0, count: 2))
        #expect(first.map(\.hub) == ["hub-a"] && first[0].state == .done)
        var summary = NationalSummary(expected: try run.units(), results: run.results)
        #expect(summary.missing == ["hub-b"] && !summary.complete)
        let second = try run.run(Shard(index: 1, count: 2))
        #expect(second.map(\.hub) == ["hub-b"] && second[0].state == .done)
        summary = NationalSummary(expected: try run.units(), results: run.results)
        #expect(summary.complete && summary.totals.done == 2)
        #expect(abs(summary.totals.cost - (first[0].objective! + second[0].objective!)) < 0.01)
        // Each unit's outputs are a whole plan.
        let plan = try PlanFile.read(run.results.appendingPathComponent("hub-a/plan.json"))
        #expect(plan.objective == first[0].objective)
        // The three summaries agree on the units.
        let files = try summary.files()
        #expect(files.map(\.path) == ["national.json", "national.csv", "national.html"])
        #expect(String(decoding: files[1].data, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 3)
    }

    @Test func aShardRunAgainRedoesOnlyWhatFailed() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let enrolment = root.appendingPathComponent("hub-b/enrolment.csv")
        let good = try Data(contentsOf: enrolment)
        try Data("school,programme,participants\nNOPE,ECT1,x\n".utf8).write(to: enrolment)
        let broken = try run.run(.whole)
        #expect(broken.map(\.state) == [.done, .failed])
        #expect(broken[1].error?.contains("enrolment.csv") == true)
        let summary = NationalSummary(expected: try run.units(), results: run.results)
        #expect(summary.failed == ["hub-b"])
        try good.write(to: enrolment)
        let again = try run.run(.whole)
        #expect(again.map(\.state) == [.done, .done])
        // hub-a was not planned again: its status is the one written the first time.
        #expect(again[0] == broken[0])
    }

    @Test func plansAloneWritePlanJSONAndTheStatus() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        var lean = run
        lean.outputs = .plans
        let done = try lean.run(Shard(index: 0, count: 2))
        #expect(done.map(\.state) == [.done])
        let folder = lean.results.appendingPathComponent("hub-a")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["plan.json", "status.json"])
        #expect(done[0].writeSeconds != nil)
    }

    @Test func whatIfsAreUnitsOfTheirOwn() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let overlay = root.appendingPathComponent("fewer.yaml")
        try "name: fewer\nweights: {unmet: 30000}\n".write(to: overlay, atomically: true, encoding: .utf8)
        let withVariant = NationalRun(root: root, results: root.appendingPathComponent("results"), variants: [overlay], timeLimit: 20, jobs: 2)
        #expect(try withVariant.units().map(\.description) == ["hub-a", "hub-a (fewer)", "hub-b", "hub-b (fewer)"])
        let part = try withVariant.run(Shard(index: 0, count: 2))
        #expect(part.map(\.unit.path) == ["hub-a", "hub-a/variants/fewer"])
        #expect(part.allSatisfy { $0.state == .done })
    }
}
