import Foundation
import FuzzTargets
import HubModel
import Planner
import PropertyBased
import Testing

/// Round trips and invariants over scenarios the generator makes from random seeds.
///
/// Planning costs a second or so a time, so the planning properties run a handful
/// of cases each; a failure prints the seed (`.fixedSeed(...)`) that reproduces it.
@Suite struct PropertyTests {
    /// Seeds for ScenarioGenerator: each gives different schools, people and numbers.
    static let seeds = Gen.uint64(in: 1...UInt64(1_000_000))

    /// Text a planner may type into a name or reason cell: separators, quotes,
    /// line breaks, accents, other scripts, emoji, formula-like prefixes.
    /// The loader trims spaces and line breaks around a cell (spreadsheet exports
    /// leave them), so the text starts and ends with something else.
    static let awkwardText = Gen.element(of: [
        "a", "Z", "7", " ", ",", "\"", "'", ";", "\n", "\r\n", "\t", "é", "ł", "ß", "日本", "😀", "=", "+", "-", "@", "#", "\\",
    ]).map { $0 ?? "a" }.array(of: 1...14).map { "<" + $0.joined() + ">" }

    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("property-\(UUID().uuidString)")
    }

    // MARK: round trips

    @Test func aScenarioSurvivesWritingAndLoadingWhateverItsNamesHold() async {
        await propertyCheck(count: 25, input: Self.seeds, Self.awkwardText.array(of: 4)) { seed, names in
            var s = FuzzHarness.smallScenario(seed: seed, schools: 12)
            // Names are free text; ids, codes and numbers are what the generator makes.
            s.schools[0].name = names[0]
            s.facilitators[0].name = names[1]
            s.venues[0].name = names[2]
            let day = s.calendar.halfTerms.values.flatMap { $0.values.map(\.first) }.min()!
            s.unavailability.append(Unavailability(who: s.facilitators[0].id, from: day, to: day, reason: names[3]))
            // The loader returns rows in one canonical order (Scenario.inCanonicalOrder).
            s = s.inCanonicalOrder()
            let url = Self.folder()
            defer { try? FileManager.default.removeItem(at: url) }
            try ScenarioWriter.write(s, to: url)
            let loaded = try ScenarioLoader.load(url).scenario
            let same = loaded == s  // (not inside #expect: it would print both scenarios whole)
            #expect(same, "these differ after writing and loading: \(Self.differences(loaded, s))")
        }
    }

    @Test func aPlanSurvivesPlanJSON() async {
        await propertyCheck(count: 4, input: Self.seeds) { seed in
            let s = FuzzHarness.smallScenario(seed: seed, schools: 20)
            let plan = try Planner(scenario: s, settings: .init(timeLimit: 30, gap: 0.01)).plan()
            let url = Self.folder().appendingPathExtension("json")
            defer { try? FileManager.default.removeItem(at: url) }
            try PlanFile.write(plan, to: url)
            let read = try PlanFile.read(url)
            let same = read == plan
            #expect(same, "these differ after plan.json: \(Self.differences(read, plan))")
        }
    }

    // MARK: invariants

    @Test func aReplanWithNoChangeKeepsThePlanAndTheCheckersAcceptance() async {
        await propertyCheck(count: 4, input: Self.seeds) { seed in
            let s = FuzzHarness.smallScenario(seed: seed, schools: 20)
            let first = try Planner(scenario: s, settings: .init(timeLimit: 30, gap: 0.01)).plan()
            #expect(PlanChecker(scenario: s).check(first).isEmpty)
            var settings = Planner.Settings(timeLimit: 30, gap: 0.01)
            settings.baseline = Baseline(plan: first, freezeBefore: nil)
            let again = try Planner(scenario: s, settings: settings).plan()
            #expect(PlanChange.between(first, again).isEmpty)
            #expect(PlanChecker(scenario: s).check(again).isEmpty)
        }
    }

    @Test func shufflingTheRowsOfAnyTableChangesNothingInThePlan() async {
        let tables = FuzzHarness.tables
        await propertyCheck(count: 6, input: Self.seeds, Gen.element(of: tables), Gen.uint64(in: 0...UInt64.max)) { seed, table, shuffleSeed in
            let table = table ?? tables[0]
            let url = Self.folder()
            defer { try? FileManager.default.removeItem(at: url) }
            try ScenarioWriter.write(FuzzHarness.smallScenario(seed: seed, schools: 20), to: url)
            let before = try Self.plan(url)
            try Self.shuffleRows(of: url.appendingPathComponent(table), seed: shuffleSeed)
            let after = try Self.plan(url)
            let same = after == before
            #expect(same, "shuffling \(table) changed the plan: \(Self.differences(after, before))")
        }
    }

    /// The names of the top-level fields that differ, so a failure says where to look.
    static func differences<T>(_ a: T, _ b: T) -> [String] {
        zip(Mirror(reflecting: a).children, Mirror(reflecting: b).children).compactMap { x, y in
            String(describing: x.value) == String(describing: y.value) ? nil : x.label ?? "?"
        }
    }

    /// Loads and plans a folder; the seconds each step took are set to zero, as they vary run to run.
    static func plan(_ url: URL) throws -> Plan {
        let s = try ScenarioLoader.load(url).scenario
        var plan = try Planner(scenario: s, settings: .init(timeLimit: 30, gap: 0.01)).plan()
        plan.seconds = 0
        for i in plan.models.indices {
            plan.models[i].seconds = 0
            plan.models[i].buildSeconds = nil
        }
        return plan
    }

    /// Reorders a table's data rows (the header stays first). Generated tables have no
    /// line breaks inside cells, so a line is a row.
    static func shuffleRows(of file: URL, seed: UInt64) throws {
        var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.removeFirst()
        var random = SeededRandom(seed: seed)
        lines.shuffle(using: &random)
        try ([header] + lines).joined(separator: "\n").appending("\n").write(to: file, atomically: true, encoding: .utf8)
    }
}
