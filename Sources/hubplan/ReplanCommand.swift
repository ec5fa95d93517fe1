import ArgumentParser
import Foundation
import HubModel
import Planner
import Reports

/// `hubplan replan DIR --from plan.json`: re-plans after a change, keeping the past and moving as little as it can.
struct ReplanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replan",
        abstract: "Re-plan from a previous plan after a change, keeping everything before a date and moving as little as possible.",
        discussion: "Writes OUTDIR/plan.json, report, changes.csv. Exit codes: 0, 1 the new plan fails its check, 2 bad input, 3 internal error.")

    @Argument(help: "The scenario folder, or a scenario workbook (.xlsx).") var directory: String
    @Option(help: "The previous plan (plan.json).") var from: String
    @Option(help: "A what-if overlay with the change (a facilitator off, a venue closed, …).") var overlay: String?
    @Option(help: "Keep every session, forum and visit before this date (YYYY-MM-DD) exactly as planned.") var freezeBefore: String?
    @Option(help: "Output folder (default: DIR/out/replan).") var out: String?
    @OptionGroup var limits: PlanningOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        var scenario = try loadScenario(directory)
        let previous: Plan
        do { previous = try PlanFile.read(URL(fileURLWithPath: from)) } catch { throw CommandFailure.badInput("\(error)") }
        var freeze: Day?
        if let text = freezeBefore {
            guard let d = Day(iso: text) else { throw CommandFailure.badInput("--freeze-before: '\(text)' is not a date YYYY-MM-DD") }
            freeze = d
        }
        if let path = overlay {
            do {
                scenario = try applyOverlay(try Overlay.load(URL(fileURLWithPath: path), base: scenario), to: scenario)
            } catch let e as ScenarioError {
                for d in e.diagnostics { printError(d.description) }
                throw CommandFailure.badInput("\(path): \(e.diagnostics.count) problem(s); nothing was re-planned")
            }
        }
        var settings = Planner.Settings(scenario: scenario)
        try limits.apply(to: &settings)
        settings.lastYear = try limits.lastYear(of: scenario, directory: directory)
        settings.baseline = Baseline(plan: previous, freezeBefore: freeze)
        let plan: Plan
        do { plan = try Planner(scenario: scenario, settings: settings).plan() } catch {
            throw CommandFailure.internalError("\(directory): \(error)")
        }
        let violations = PlanChecker(scenario: scenario, lastYear: settings.lastYear).check(plan)
        let changes = PlanChange.between(previous, plan)
        let outDir = URL(fileURLWithPath: out ?? (ScenarioLoader.home(directory) as NSString).appendingPathComponent("out/replan"))
        let csv = CSVExport.changes(changes)
        do {
            // changes.csv belongs to the same run as the plan: one unit, switched in at once.
            try ReportWriter.write(plan: plan, scenario: scenario, forecasts: [], to: outDir, extra: [("changes.csv", Data(csv.utf8))])
        } catch {
            throw CommandFailure.badInput("\(outDir.path): cannot write: \(error)")
        }
        RunLog.record(command: "replan", scenario: directory, extraInputs: [from] + (overlay.map { [$0] } ?? []),
                      settings: ["from": from, "overlay": overlay ?? "", "freezeBefore": freezeBefore ?? ""],
                      kpis: ["objective": plan.objective, "gap": plan.gap, "changes": changes.count, "unmet": plan.unmet.count,
                             "violations": violations.count],
                      outputs: [outDir.appendingPathComponent("plan.json").path, outDir.appendingPathComponent("changes.csv").path])
        if output.json {
            JSONOutput.print(String(decoding: (try? JSONEncoder().encode(changes)) ?? Data("[]".utf8), as: UTF8.self))
        } else if !output.quiet {
            let counts = Dictionary(grouping: changes, by: \.kind).mapValues(\.count)
            print("re-planned: \(changes.count) change(s) — " + [PlanChange.Kind.session, .forum, .adviser, .cohort].map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", "))
            print("cost £\(String(format: "%.0f", previous.objective)) → £\(String(format: "%.0f", plan.objective)); unmet items \(previous.unmet.count) → \(plan.unmet.count); plan check \(violations.isEmpty ? "passed" : "\(violations.count) violation(s)")")
            for c in changes.prefix(40) { print("  \(c.kind.rawValue): \(c.what): \(c.before) → \(c.after)") }
            if changes.count > 40 { print("  … \(changes.count - 40) more in changes.csv") }
            print("wrote \(outDir.path)/plan.json and changes.csv")
        }
        if !violations.isEmpty {
            for v in violations { printError("plan check: \(v)") }
            throw CommandFailure.brokenPlan("the new plan breaks \(violations.count) rule(s)")
        }
    }

}
