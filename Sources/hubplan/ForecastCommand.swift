import ArgumentParser
import Forecast
import Foundation
import Planner
import HubModel
import Reports

/// `hubplan forecast`: enrolment to 2028 from a scenario's history, or any series file.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast enrolment to a chosen year (with 80%/95% intervals) and the capacity it needs.",
        discussion: """
        Scenario mode: hubplan forecast DIR [--until 2027-28] [--method M] [--quantile 0.8] [--policy NPQLT=0.6] [--out FILE.csv]
        Series mode:   hubplan forecast --series FILE.csv --horizon H [--method M] --out OUT.csv
        Methods: auto (the default, as in the plan's report and what-if demand) naive drift ses holt damped ets theta otm dotm ces combo rolling flow (flow: scenario mode only).
        """)

    @Argument(help: "The scenario folder (scenario mode).") var directory: String?
    @Option(help: "Last academic year to forecast, e.g. 2027-28.") var until: String = "2027-28"
    @Option(help: "auto (default), naive, drift, ses, holt, damped, ets, theta, otm, dotm, ces, combo, rolling or flow.") var method: String = "auto"
    @Option(help: "Quantile of the forecast the capacity table uses (0.5 = point forecast).") var quantile: Double = 0.8
    @Option(help: "Policy factor on a programme's forecast, e.g. NPQLT=0.6 (repeatable).") var policy: [String] = []
    @Option(help: "Series file with columns series_id,t,value (series mode).") var series: String?
    @Option(help: "Forecast horizon in steps (series mode).") var horizon: Int?
    @Option(help: "Write the forecasts as CSV here.") var out: String?
    @Option(help: "Write a one-file HTML page with fan charts and the capacity table here (scenario mode).") var report: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard quantile > 0, quantile < 1 else { throw CommandFailure.badInput("--quantile must be between 0 and 1, got \(quantile)") }
        if let series {
            guard directory == nil else { throw CommandFailure.badInput("give either a scenario folder or --series, not both") }
            try runSeries(series)
        } else if let directory {
            try runScenario(directory)
        } else {
            throw CommandFailure.badInput("give a scenario folder, or --series FILE --horizon H --out OUT")
        }
    }

    func parsedMethod(allowFlow: Bool) throws -> ForecastMethod? {
        if method == "flow" {
            guard allowFlow else { throw CommandFailure.badInput("--method flow needs a scenario folder") }
            return nil
        }
        guard let m = ForecastMethod(rawValue: method) else {
            throw CommandFailure.badInput("unknown method '\(method)'; use one of: \(ForecastMethod.allCases.map(\.rawValue).joined(separator: ", ")), flow")
        }
        return m
    }

    func runSeries(_ path: String) throws {
        guard let h = horizon, h >= 1, h <= 100 else { throw CommandFailure.badInput("--horizon must be a whole number from 1 to 100") }
        guard let out else { throw CommandFailure.badInput("series mode needs --out OUT.csv") }
        let m = try parsedMethod(allowFlow: false)!
        let all: [(id: String, start: Int, values: [Double])]
        do {
            all = try SeriesFile.read(URL(fileURLWithPath: path))
        } catch let e as SeriesFile.Problem {
            for d in e.diagnostics { printError((path as NSString).deletingLastPathComponent.isEmpty ? d.description : "\((path as NSString).deletingLastPathComponent)/\(d.description)") }
            throw CommandFailure.badInput("\(path): \(e.diagnostics.filter { $0.severity == .error }.count) error(s); nothing was forecast")
        }
        // Series are independent: forecast them on every core.
        let results = Slots<ForecastResult>(count: all.count)
        DispatchQueue.concurrentPerform(iterations: all.count) { i in results.set(i, m.forecast(all[i].values, horizon: h)) }
        let text = SeriesFile.output(zip(all, results.values).map { ($0.id, $1!) })
        do { try AtomicFile.write(text, to: URL(fileURLWithPath: out)) } catch { throw CommandFailure.badInput("\(error)") }
        if !output.quiet { print("forecast \(all.count) series, \(h) step(s) ahead, method \(m.rawValue): wrote \(out)") }
    }

    func runScenario(_ directory: String) throws {
        let scenario = try loadScenario(directory)
        guard let untilYear = AcademicYear.parse(until) else { throw CommandFailure.badInput("--until: '\(until)' is not an academic year like 2027-28") }
        var factors: [String: Double] = [:]
        for p in policy {
            let parts = p.split(separator: "=")
            guard parts.count == 2, let f = Double(parts[1]), f >= 0, f.isFinite, scenario.programme(String(parts[0])) != nil else {
                throw CommandFailure.badInput("--policy '\(p)': write PROGRAMME=FACTOR with a programme of the scenario and a factor ≥ 0")
            }
            factors[String(parts[0])] = f
        }
        let hub = HubForecast(scenario: scenario)
        let forecasts: [ProgrammeForecast]
        var header: [String] = []
        if let m = try parsedMethod(allowFlow: true) {
            forecasts = hub.forecast(method: m, until: untilYear, policy: factors)
        } else {
            let (params, f) = hub.flowForecast(base: .auto, until: untilYear, policy: factors)
            forecasts = f
            header = ["cohort-flow parameters (estimated from history):"] + params.lines.map { "  " + $0 }
        }
        guard !forecasts.isEmpty else {
            throw CommandFailure.badInput("\(directory): history.csv has no series of 3 or more years ending before \(until)")
        }
        if let out {
            let csv = CSVExport.forecastTable(forecasts)
            do { try AtomicFile.write(csv, to: URL(fileURLWithPath: out)) } catch { throw CommandFailure.badInput("\(error)") }
        }
        if let report {
            let rows = CapacityProjection(scenario: scenario).project(forecasts, quantile: quantile)
            let table = [["year", "participants", "cohorts", "venue room-days", "facilitator days needed / available", "adviser days needed / available"]]
                + rows.map { [AcademicYear.label($0.year), String($0.participants), String($0.cohorts), "\($0.venueDays) / \($0.venueDaysAvailable)",
                              String(format: "%.0f / %.0f", $0.facilitatorDaysNeeded, $0.facilitatorDaysAvailable),
                              String(format: "%.0f / %.0f", $0.adviserDaysNeeded, $0.adviserDaysAvailable)] }
            do {
                try AtomicFile.write(HTMLReport.renderForecast(scenario: scenario, forecasts: forecasts, capacity: table), to: URL(fileURLWithPath: report))
            } catch { throw CommandFailure.badInput("\(error)") }
        }
        RunLog.record(command: "forecast", scenario: directory, settings: ["method": method, "until": until, "quantile": quantile, "policy": policy],
                      kpis: ["series": forecasts.count], outputs: out.map { [$0] } ?? [])
        if output.quiet { return }
        if output.json {
            let rows = CapacityProjection(scenario: scenario).project(forecasts, quantile: quantile)
            Style.printJSON([
                "forecasts": forecasts.flatMap { f in f.years.enumerated().map { i, y in
                    ["programme": f.programme, "authority": f.authority, "year": AcademicYear.label(y), "method": f.result.method,
                     "forecast": f.result.forecast[i], "lo80": f.result.lo80[i], "hi80": f.result.hi80[i],
                     "lo95": f.result.lo95[i], "hi95": f.result.hi95[i]] as [String: Any]
                } },
                "capacity": rows.map { ["year": AcademicYear.label($0.year), "participants": $0.participants, "cohorts": $0.cohorts,
                                        "venueDays": $0.venueDays, "facilitatorDaysNeeded": $0.facilitatorDaysNeeded,
                                        "facilitatorDaysAvailable": $0.facilitatorDaysAvailable, "adviserDaysNeeded": $0.adviserDaysNeeded,
                                        "adviserDaysAvailable": $0.adviserDaysAvailable] as [String: Any] },
            ] as [String: Any])
            return
        }
        for line in header { print(line) }
        print(backtestTable(hub))
        var lines: [[String]] = [["programme", "authority", "year", "method", "forecast", "80% interval", "95% interval"]]
        for f in forecasts {
            for (i, y) in f.years.enumerated() {
                let r = f.result
                lines.append([f.programme, f.authority, AcademicYear.label(y), r.method, String(format: "%.0f", r.forecast[i]),
                              String(format: "%.0f – %.0f", r.lo80[i], r.hi80[i]), String(format: "%.0f – %.0f", r.lo95[i], r.hi95[i])])
            }
        }
        print(TextTable.render(lines))
        let rows = CapacityProjection(scenario: scenario).project(forecasts, quantile: quantile)
        print("\ncapacity needed at the \(Int((quantile * 100).rounded()))th percentile of the forecasts above (method \(method)), against today's capacity")
        var cap: [[String]] = [["year", "participants", "cohorts", "session-days", "venue room-days", "facilitator days", "adviser days"]]
        for r in rows {
            func flag(_ short: Bool) -> String { short ? "  " + Style.bad("SHORT") : "" }
            cap.append([AcademicYear.label(r.year), String(r.participants), String(r.cohorts), String(r.sessionDays),
                        "\(r.venueDays) / \(r.venueDaysAvailable)\(flag(r.venueShortfall > 0))",
                        String(format: "%.0f / %.0f", r.facilitatorDaysNeeded, r.facilitatorDaysAvailable) + flag(r.facilitatorShortfall > 0),
                        String(format: "%.0f / %.0f", r.adviserDaysNeeded, r.adviserDaysAvailable) + flag(r.adviserShortfall > 0)])
        }
        print(TextTable.render(cap))
        if let out { print("\nwrote \(out)") }
        if let report { print("wrote \(report)") }
    }
}

extension ForecastCommand {
    /// Rolling-origin one-step backtests of every method on every history series, averaged.
    func backtestTable(_ hub: HubForecast) -> String {
        let s = hub.scenario
        let all = s.programmes.flatMap { p in s.authorities.compactMap { hub.series(programme: p.id, authority: $0.id)?.values } }
            .filter { $0.count >= 4 }
        var lines: [[String]] = [["method", "MASE", "sMAPE %", "80% cover", "95% cover"]]
        for m in ForecastMethod.allCases where m != .rolling {
            let scores = all.map { Backtest.run(m, $0, horizon: 1) }.filter { $0.mase.isFinite }
            guard !scores.isEmpty else { continue }
            let n = Double(scores.count)
            lines.append([m.rawValue, String(format: "%.3f", scores.reduce(0) { $0 + $1.mase } / n),
                          String(format: "%.2f", scores.reduce(0) { $0 + $1.smape } / n),
                          String(format: "%.2f", scores.reduce(0) { $0 + $1.coverage80 } / n),
                          String(format: "%.2f", scores.reduce(0) { $0 + $1.coverage95 } / n)])
        }
        return "rolling-origin backtest on the history (\(all.count) series, one step ahead, from 3 years of training)\n"
            + TextTable.render(lines) + "\n"
    }
}
