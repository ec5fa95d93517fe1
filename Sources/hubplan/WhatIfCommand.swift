import ArgumentParser
import Forecast
import Foundation
import HubModel
import Planner
import Reports

/// `hubplan whatif DIR --variant A.yaml …`: plans the base and every variant, side by side.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Plan the base scenario and what-if variants (overlay files) in parallel and compare them.",
        discussion: "Writes OUTDIR/comparison.csv, comparison.json, whatif.html and OUTDIR/<variant>/plan.json (+ report). Exit codes: 0, 1 a plan check failed, 2 bad input, 3 internal error.")

    @Argument(help: "The base scenario folder, or a scenario workbook (.xlsx).") var directory: String
    @Option(name: .customLong("variant"), help: "An overlay file (repeatable).") var variants: [String] = []
    @Option(help: "Plans at once (default: the number of cores).") var jobs: Int?
    @Option(help: "Output folder (default: DIR/out/whatif).") var out: String?
    @OptionGroup var limits: PlanningOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard !variants.isEmpty else { throw CommandFailure.badInput("give at least one --variant overlay file") }
        let base = try loadScenario(directory)
        var checked = Planner.Settings(scenario: base)
        try limits.apply(to: &checked)
        let lastYear = try limits.lastYear(of: base, directory: directory)
        var scenarios: [(String, Scenario)] = [("base", base)]
        var problems: [String] = []
        for path in variants {
            do {
                let overlay = try Overlay.load(URL(fileURLWithPath: path), base: base)
                scenarios.append((overlay.name, try applyOverlay(overlay, to: base)))
            } catch let e as ScenarioError {
                let dir = (path as NSString).deletingLastPathComponent
                problems += e.diagnostics.map { dir.isEmpty ? $0.description : "\(dir)/\($0.description)" }
            }
        }
        if !problems.isEmpty {
            for p in problems { printError(p) }
            throw CommandFailure.badInput("\(problems.count) problem(s) in the overlays; nothing was planned")
        }
        if Set(scenarios.map(\.0)).count != scenarios.count { throw CommandFailure.badInput("two variants have the same name; give each overlay a distinct name") }
        let outDir = URL(fileURLWithPath: out ?? (ScenarioLoader.home(directory) as NSString).appendingPathComponent("out/whatif"))
        let results = Slots<Result<Plan, CommandFailure>>(count: scenarios.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        for (i, (name, scenario)) in scenarios.enumerated() {
            queue.addOperation {
                var settings = Planner.Settings(scenario: scenario)
                do {
                    try limits.apply(to: &settings)
                    settings.lastYear = lastYear
                    let plan = try Planner(scenario: scenario, settings: settings).plan()
                    results.set(i, .success(plan))
                } catch {
                    results.set(i, .failure(CommandFailure.internalError("\(name): \(error)")))
                }
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        var kpis: [PlanKPIs] = [], unmet: [String: [UnmetItem]] = [:], violations = 0
        var files: [(path: String, data: Data)] = []
        for (i, (name, scenario)) in scenarios.enumerated() {
            let plan = try results[i]!.get()
            let broken = PlanChecker(scenario: scenario, lastYear: lastYear).check(plan)
            violations += broken.count
            for v in broken { printError("\(name): plan check: \(v)") }
            do {
                files += try ReportWriter.files(plan: plan, scenario: scenario, forecasts: []).map { ("\(name)/\($0.path)", $0.data) }
            } catch {
                throw CommandFailure.badInput("\(outDir.appendingPathComponent(name).path): cannot write: \(error)")
            }
            kpis.append(PlanKPIs(variant: name, plan: plan, scenario: scenario))
            unmet[name] = plan.unmet
        }
        // Every variant and the comparison are one run's outputs: switched in at once.
        do {
            try ReportWriter.replace(outDir, with: files + (try comparisonFiles(kpis, unmet: unmet)))
        } catch {
            throw CommandFailure.badInput("\(outDir.path): cannot write the comparison: \(error)")
        }
        var figures: [String: Any] = [:]
        for k in kpis { figures[k.variant] = k.objective }
        RunLog.record(command: "whatif", scenario: directory, extraInputs: variants, settings: ["variants": variants],
                      kpis: figures, outputs: [outDir.appendingPathComponent("comparison.json").path])
        if output.json {
            let data = (try? JSONEncoder().encode(kpis)) ?? Data()
            JSONOutput.print(String(decoding: data, as: UTF8.self))
        } else if !output.quiet {
            print(ComparisonTable.text(kpis))
            print("\nwrote \(outDir.path)/comparison.csv, comparison.json, whatif.html and one folder per variant")
        }
        if violations > 0 { throw CommandFailure.brokenPlan("\(violations) plan check violation(s)") }
    }

    func comparisonFiles(_ kpis: [PlanKPIs], unmet: [String: [UnmetItem]]) throws -> [(path: String, data: Data)] {
        let csv = CSVExport.comparison(kpis)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return [("comparison.csv", Data(csv.utf8)), ("comparison.json", try encoder.encode(kpis)),
                ("whatif.html", Data(WhatIfReport.render(title: "What-if comparison", kpis: kpis, unmet: unmet).utf8))]
    }
}

/// Applies an overlay, including demand taken from the forecast for a later year.
func applyOverlay(_ overlay: Overlay, to base: Scenario) throws -> Scenario { try overlay.applyWithForecast(to: base) }

