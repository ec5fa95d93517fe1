import Forecast
import Foundation
import HubModel
import Planner
import Reports

/// One piece of a national run: a hub, as it is or with one what-if overlay.
public struct NationalUnit: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The hub's folder name under the national root.
    public let hub: String
    /// The overlay's file name without extension; nil for the hub as it is.
    public let variant: String?

    public init(hub: String, variant: String?) {
        self.hub = hub
        self.variant = variant
    }

    /// Where its outputs go, under the results folder: `hub/` or `hub/variants/NAME/`.
    public var path: String { variant.map { "\(hub)/variants/\($0)" } ?? hub }
    public var description: String { variant.map { "\(hub) (\($0))" } ?? hub }

    public static func < (a: NationalUnit, b: NationalUnit) -> Bool { (a.hub, a.variant ?? "") < (b.hub, b.variant ?? "") }
}

/// `I/N`: the I-th (from 0) of N contiguous slices of the units, in name order, so
/// N jobs given 0 … N−1 cover every unit once whatever N is.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public static let whole = Shard(index: 0, count: 1)

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses "I/N" with 0 ≤ I < N; nil otherwise.
    public init?(_ text: String) {
        let bits = text.split(separator: "/", omittingEmptySubsequences: false)
        guard bits.count == 2, let i = Int(bits[0]), let n = Int(bits[1]), n >= 1, n <= 100_000, i >= 0, i < n else { return nil }
        self.init(index: i, count: n)
    }

    public func select<T>(_ all: [T]) -> [T] {
        let from = all.count * index / count, to = all.count * (index + 1) / count
        return Array(all[from..<to])
    }

    public var description: String { "\(index)/\(count)" }
}

/// What became of one unit, in `RESULTS/UNIT/status.json`: written last, atomically,
/// so a unit with a `done` status has all its outputs.
public struct UnitStatus: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable { case done, failed }
    public var hub: String
    public var variant: String?
    public var state: State
    public var error: String?
    public var status: PlanStatus?
    public var objective: Double?
    public var bound: Double?
    public var gap: Double?
    public var unmetItems: Int?
    public var participantsServed: Int?
    public var facilitatorUtilisation: Double?
    public var violations: Int?
    /// Seconds to load, plan, check and write this unit, and each of those apart.
    public var seconds: Double
    public var loadSeconds: Double?
    public var planSeconds: Double?
    public var checkSeconds: Double?
    public var writeSeconds: Double?
    /// Which shard did it, of how many, and when it finished.
    public var shard: String
    public var finished: String

    public var unit: NationalUnit { NationalUnit(hub: hub, variant: variant) }
}

/// Plans one shard of a national run into a shared results folder (docs/national.md).
public struct NationalRun: Sendable {
    public let root: URL
    public let results: URL
    public let variants: [URL]
    public var timeLimit: Double?
    public var gap: Double?
    public var jobs: Int
    /// What each unit writes besides its status.
    public var outputs: Outputs = .all

    /// Every output of `hubplan plan`, or plan.json alone: a sweep of many variants rarely
    /// needs each one's workbook, report and calendars, and plan.xlsx is most of the writing time.
    public enum Outputs: String, Sendable, CaseIterable {
        case all, plans
    }

    public init(root: URL, results: URL, variants: [URL], timeLimit: Double? = nil, gap: Double? = nil, jobs: Int) {
        self.root = root
        self.results = results
        self.variants = variants
        self.timeLimit = timeLimit
        self.gap = gap
        self.jobs = max(1, jobs)
    }

    /// The hubs: every folder under the root with a scenario.yaml, in name order (the results folder is not one).
    public static func hubs(in root: URL) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path)
        return names.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent("scenario.yaml").path) }.sorted()
    }

    /// Every unit of the run: each hub as it is, then with each variant.
    public func units() throws -> [NationalUnit] {
        let names = variants.map { $0.deletingPathExtension().lastPathComponent }
        return try Self.hubs(in: root).flatMap { hub in [NationalUnit(hub: hub, variant: nil)] + names.map { NationalUnit(hub: hub, variant: $0) } }
    }

    /// A unit's status, if it has one that can be read.
    public static func status(of unit: NationalUnit, in results: URL) -> UnitStatus? {
        guard let data = try? Data(contentsOf: results.appendingPathComponent(unit.path).appendingPathComponent("status.json")) else { return nil }
        return try? JSONDecoder().decode(UnitStatus.self, from: data)
    }

    /// Plans the shard's units that are not already done, `jobs` at once; returns every unit's
    /// status in the shard (done before, done now, or failed now), in unit order. `progress`
    /// is told of each unit as it ends.
    public func run(_ shard: Shard, progress: @escaping @Sendable (UnitStatus, _ skipped: Bool) -> Void = { _, _ in }) throws -> [UnitStatus] {
        let mine = shard.select(try units())
        let statuses = Slots<UnitStatus>(count: mine.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = jobs
        for (i, unit) in mine.enumerated() {
            if let done = Self.status(of: unit, in: results), done.state == .done,
               FileManager.default.fileExists(atPath: results.appendingPathComponent(unit.path).appendingPathComponent("plan.json").path) {
                statuses.set(i, done)
                progress(done, true)
                continue
            }
            queue.addOperation {
                let status = self.plan(unit, shard: shard)
                statuses.set(i, status)
                progress(status, false)
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        return mine.indices.compactMap { statuses[$0] }
    }

    /// Loads, plans, checks and writes one unit; never throws: a failure is its status.
    func plan(_ unit: NationalUnit, shard: Shard) -> UnitStatus {
        let started = Date()
        var status = UnitStatus(hub: unit.hub, variant: unit.variant, state: .failed, seconds: 0, shard: shard.description, finished: "")
        let folder = results.appendingPathComponent(unit.path)
        var lap = Date()
        func split() -> Double {
            defer { lap = Date() }
            return (Date().timeIntervalSince(lap) * 1000).rounded() / 1000
        }
        do {
            var scenario = try ScenarioLoader.load(root.appendingPathComponent(unit.hub)).scenario
            if let name = unit.variant, let file = variants.first(where: { $0.deletingPathExtension().lastPathComponent == name }) {
                scenario = try Overlay.load(file, base: scenario).applyWithForecast(to: scenario)
            }
            var settings = Planner.Settings(scenario: scenario)
            if let timeLimit { settings.timeLimit = timeLimit }
            if let gap { settings.gap = gap }
            settings.lastYear = try PlanFile.lastYear(of: scenario, home: root.appendingPathComponent(unit.hub).path)
            status.loadSeconds = split()
            let plan = try Planner(scenario: scenario, settings: settings).plan()
            status.planSeconds = split()
            let violations = PlanChecker(scenario: scenario, lastYear: settings.lastYear).check(plan)
            status.checkSeconds = split()
            switch outputs {
            case .all: try ReportWriter.writePlan(plan, scenario: scenario, to: folder)
            case .plans: try ReportWriter.replace(folder, with: [("plan.json", try PlanFile.encode(plan))])
            }
            status.writeSeconds = split()
            let kpis = PlanKPIs(variant: unit.variant ?? "base", plan: plan, scenario: scenario)
            status.state = violations.isEmpty ? .done : .failed
            status.error = violations.isEmpty ? nil : "the plan breaks \(violations.count) rule(s): \(violations.prefix(3).map(\.description).joined(separator: "; "))"
            status.status = plan.status
            status.objective = plan.objective
            status.bound = plan.bound
            status.gap = plan.gap
            status.unmetItems = kpis.unmetItems
            status.participantsServed = kpis.participantsServed
            status.facilitatorUtilisation = kpis.facilitatorUtilisationMean
            status.violations = violations.count
        } catch let e as ScenarioError {
            status.error = e.diagnostics.filter { $0.severity == .error }.prefix(5).map(\.description).joined(separator: "; ")
        } catch {
            status.error = "\(error)"
        }
        status.seconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
        status.finished = ISO8601DateFormatter().string(from: Date())
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(status).write(to: folder.appendingPathComponent("status.json"), options: .atomic)
        } catch {
            status.state = .failed
            status.error = "cannot write \(folder.path)/status.json: \(error)"
        }
        return status
    }
}
