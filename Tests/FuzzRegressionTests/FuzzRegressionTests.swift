import Foundation
import FuzzTargets
import HubModel
import Testing

/// Replays inputs through the harness the fuzzer runs them in: the hand-made seeds
/// (fuzz/seeds/TARGET/, extreme values among them) and every crash the fuzzer has
/// found (fuzz/crashes/TARGET/), which must stay fixed. The grown corpus
/// (fuzz/corpus/) is replayed by scripts/fuzz.sh, under the sanitizers.
@Suite struct FuzzRegressionTests {
    static let fuzz = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz")

    static func inputs(_ kind: String, _ target: FuzzTarget) -> [URL] {
        let folder = fuzz.appendingPathComponent(kind).appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everySeedAndEveryCrashFoundRunsWithoutATrap(_ target: FuzzTarget) throws {
        let seeds = Self.inputs("seeds", target)
        #expect(!seeds.isEmpty, "fuzz/seeds/\(target.rawValue) is empty")
        let harness = try FuzzHarness(target)
        for file in seeds + Self.inputs("crashes", target) { harness.run(try Data(contentsOf: file)) }
    }

    @Test func theTableTargetsStartFromAValidScenario() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-base-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try ScenarioWriter.write(FuzzHarness.smallScenario(), to: folder)
        let (scenario, diagnostics) = ScenarioLoader.check(folder)
        #expect(scenario != nil)
        #expect(diagnostics.all.isEmpty, "\(diagnostics.all)")
    }
}
