import ArgumentParser
import Foundation
import HubModel
import Forecast
import Planner
import Reports
import Solver

/// Loads a scenario, or fails with every problem listed (exit 2).
func loadScenario(_ directory: String) throws -> Scenario {
    do {
        let (scenario, warnings) = try ScenarioLoader.load(URL(fileURLWithPath: directory))
        for w in warnings { printError(w.located(in: directory).description) }
        return scenario
    } catch let e as ScenarioError {
        for d in e.diagnostics { printError(d.located(in: directory).description) }
        throw CommandFailure.badInput("\(directory): \(e.diagnostics.filter { $0.severity == .error }.count) error(s); nothing was planned")
    }
}

/// `hubplan plan DIR`: plans the year, checks the plan, writes plan.json.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a scenario's year: cohorts, sessions, facilitators, venues, forums, advisers.",
        discussion: "Writes OUTDIR/plan.json (default DIR/out). All outputs are switched in at once, never mixed with an earlier run's. Exit codes: 0 planned, 1 plan check failed, 2 bad input, 3 internal error, 130/143 interrupted.")

    @Argument(help: "The scenario folder, or a scenario workbook (.xlsx).") var directory: String
    @Option(help: "Output folder (default: DIR/out; for a workbook, out/ beside it).") var out: String?
    @OptionGroup var limits: PlanningOptions
    @Option(help: "Also write every model solved as free MPS into this folder (NAME.mps).") var exportMps: String?
    @Option(help: "Megabytes this run may use (default: what the machine has available).") var memoryLimit: Double?
    @Option(help: "Years to plan: 2 also plans next year, from the forecast, carrying on this year's cohorts (into OUTDIR/YYYY-YY/).")
    var years: Int = 1
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard (1...2).contains(years) else { throw CommandFailure.badInput("--years must be 1 or 2") }
        let scenario = try loadScenario(directory)
        var settings = Planner.Settings(scenario: scenario)
        try limits.apply(to: &settings)
        settings.lastYear = try limits.lastYear(of: scenario, directory: directory)
        try checkMemory(scenario)
        if let dir = exportMps {
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            settings.exportDirectory = URL(fileURLWithPath: dir)
        }
        if !output.quiet && !output.json && isatty(STDERR_FILENO) != 0 { settings.progress = ProgressLine.report }
        let interrupts = Interrupts()
        settings.stop = interrupts.token
        let plan: Plan
        let started = Date()
        do {
            plan = try Planner(scenario: scenario, settings: settings).plan()
        } catch {
            throw CommandFailure.internalError("\(directory): \(error)")
        }
        defer { warnIfOverTime(since: started, limit: settings.timeLimit) }
        var violations = PlanChecker(scenario: scenario, lastYear: settings.lastYear).check(plan)
        let next = years == 2 ? try planNextYear(after: plan, scenario: scenario, settings: settings) : nil
        violations += next?.violations ?? []
        let outDir = URL(fileURLWithPath: out ?? (ScenarioLoader.home(directory) as NSString).appendingPathComponent("out"))
        do {
            // Each year's files are made on a core of their own (plan.xlsx takes about a second a year).
            let years = Slots<Result<[(path: String, data: Data)], Error>>(count: 2)
            let work = Unchecked(value: (plan, scenario, next))
            DispatchQueue.concurrentPerform(iterations: next == nil ? 1 : 2) { i in
                let (plan, scenario, next) = work.value
                years.set(i, Result {
                    try i == 0 ? ReportWriter.files(plan: plan, scenario: scenario, forecasts: ReportWriter.planForecasts(scenario), nextYear: next?.year)
                        : next?.files() ?? []
                })
            }
            try ReportWriter.replace(outDir, with: try years.values.compactMap { $0 }.flatMap { try $0.get() })
        } catch {
            throw CommandFailure.badInput("\(outDir.path): cannot write the plan: \(error)")
        }
        if settings.progress != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        RunLog.record(command: "plan", scenario: directory, settings: ["timeLimit": settings.timeLimit, "gap": settings.gap],
                      kpis: ["status": plan.status, "objective": plan.objective, "bound": plan.bound, "gap": plan.gap,
                             "sessions": plan.sessions.count, "unmet": plan.unmet.count, "seconds": plan.seconds, "violations": violations.count],
                      outputs: [outDir.appendingPathComponent("plan.json").path, outDir.appendingPathComponent("report.html").path])
        if output.json {
            JSONOutput.print(PlanSummary(plan: plan, scenario: scenario, violations: violations).jsonString())
        } else if !output.quiet {
            print(PlanSummary(plan: plan, scenario: scenario, violations: violations, emphasis: Style.emphasis).text)
            if let next {
                let y = next.year
                print("\nnext year, \(y.plan.year), planned from the forecast: \(HTML.pounds(y.plan.objective)), \(y.plan.proven.words); "
                      + "\(y.plan.cohorts.filter { $0.continues != nil }.count) cohorts carried on; plan check "
                      + (next.violations.isEmpty ? "passed" : "failed"))
            }
            print("\nwrote \(outDir.appendingPathComponent("plan.json").path), plan.xlsx, report.html, csv/ and calendars/"
                  + (next.map { "; next year in \($0.folder)/" } ?? ""))
        }
        if !violations.isEmpty {
            for v in violations { printError("plan check: \(v)") }
            throw CommandFailure.brokenPlan("the plan breaks \(violations.count) rule(s)")
        }
        if let code = interrupts.exitCode {
            throw CommandFailure.interrupted(exitCode: code)
        }
    }
}

extension PlanCommand {
    /// Refuses, before any work, a scenario the machine has too little memory for.
    func checkMemory(_ scenario: Scenario) throws {
        if let m = memoryLimit, !(m > 0) || !m.isFinite { throw CommandFailure.badInput("--memory-limit must be a positive number of megabytes") }
        guard let available = memoryLimit ?? MachineMemory.availableMegabytes() else { return }
        let need = MemoryEstimate(scenario)
        if need.megabytes > available {
            throw CommandFailure.badInput(String(format: "%@: scenario too large for this machine: planning it needs about %.0f MB "
                + "(%d enrolment rows × %d facilitators), and %.0f MB is available%@; plan it on a larger machine or split the hub",
                directory, need.megabytes, need.enrolmentRows, need.facilitators, available,
                memoryLimit == nil ? "" : " (--memory-limit)"))
        }
    }

    /// The limit covers the solves; loading, building and writing are outside GLPK's
    /// control and, on a large scenario, can take longer than a very short limit.
    func warnIfOverTime(since started: Date, limit: Double) {
        let took = Date().timeIntervalSince(started)
        if took > limit + 1 && !output.quiet {
            printError(String(format: "warning: planning took %.1f s against a %.1f s time limit: building the models and writing "
                + "the outputs alone take about that long for this scenario", took, limit))
        }
    }
}

/// `hubplan check DIR plan.json`: re-checks any plan file against its scenario.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Re-check a plan file against its scenario's hard rules.",
        discussion: "Exit codes: 0 clean, 1 violations (listed), 2 bad input.")

    @Argument(help: "The scenario folder.") var directory: String
    @Argument(help: "The plan file (plan.json).") var planFile: String
    @Option(help: "Last year's plan.json, which the plan's continued cohorts carry on (default: the scenario's continueFrom).")
    var continueFrom: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        let scenario = try loadScenario(directory)
        let plan: Plan
        do {
            plan = try PlanFile.read(URL(fileURLWithPath: planFile))
        } catch {
            throw CommandFailure.badInput("\(error)")
        }
        let lastYear: Plan?
        do { lastYear = try PlanFile.lastYear(of: scenario, home: ScenarioLoader.home(directory), path: continueFrom) } catch {
            throw CommandFailure.badInput("\(error)")
        }
        let violations = PlanChecker(scenario: scenario, lastYear: lastYear).check(plan)
        if output.json {
            Style.printJSON(["violations": violations.map { ["rule": $0.rule, "message": $0.message] }, "sessions": plan.sessions.count,
                             "forums": plan.forums.count, "adviserDays": plan.adviserAssignments.count] as [String: Any])
            if !violations.isEmpty { throw CommandFailure.silent(.noAnswer("")) }
            return
        }
        if !output.quiet { for v in violations { print(v) } }
        if output.quiet {
            if !violations.isEmpty { throw CommandFailure.silent(.noAnswer("")) }
        } else if violations.isEmpty {
            print("\(planFile): no violations (\(plan.sessions.count) sessions, \(plan.forums.count) forums, \(plan.adviserAssignments.count) adviser days checked)")
        } else {
            throw CommandFailure.noAnswer("\(planFile): \(violations.count) violation(s)")
        }
    }
}

/// One self-overwriting line on a terminal while branch-and-cut runs.
enum ProgressLine {
    @Sendable static func report(_ model: String, _ p: SolveProgress) {
        func num(_ x: Double?) -> String { x.map { String(format: "%.0f", $0) } ?? "-" }
        let gap = p.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "-"
        let line = "\r\u{1B}[K\(model): incumbent \(num(p.incumbent))  bound \(num(p.bound))  gap \(gap)  \(String(format: "%.1f", p.seconds))s"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// Next year, planned by `hubplan plan --years 2`: its scenario (estimated by ``NextYear``), plan and check.
struct PlannedNextYear {
    let year: ReportWriter.NextYear
    let violations: [PlanViolation]
    /// The folder inside the output folder: the academic year, 2027-28.
    var folder: String { year.plan.year }

    /// The plan's outputs, and the scenario it was planned from (whose continueFrom is this year's plan.json).
    func files() throws -> [(path: String, data: Data)] {
        var scenario = year.scenario
        scenario.continueFrom = "../../plan.json"
        return try ReportWriter.files(plan: year.plan, scenario: year.scenario, forecasts: ReportWriter.planForecasts(year.scenario))
            .map { ("\(folder)/\($0.path)", $0.data) }
            + ScenarioWriter.files(scenario).map { ("\(folder)/scenario/\($0.name)", Data($0.text.utf8)) }
    }
}

extension PlanCommand {
    func planNextYear(after plan: Plan, scenario: Scenario, settings first: Planner.Settings) throws -> PlannedNextYear {
        let estimate = NextYear.estimate(after: scenario)
        var settings = Planner.Settings(scenario: estimate.scenario)
        try limits.apply(to: &settings)
        settings.lastYear = plan
        settings.stop = first.stop
        let next: Plan
        do {
            next = try Planner(scenario: estimate.scenario, settings: settings).plan()
        } catch {
            throw CommandFailure.internalError("\(directory): next year: \(error)")
        }
        let violations = PlanChecker(scenario: estimate.scenario, lastYear: plan).check(next)
            .map { PlanViolation(rule: $0.rule, message: "\(next.year): \($0.message)") }
        return PlannedNextYear(year: ReportWriter.NextYear(plan: next, scenario: estimate.scenario, participants: estimate.participants),
                               violations: violations)
    }

}
