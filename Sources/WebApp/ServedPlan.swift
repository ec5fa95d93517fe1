import Forecast
import Foundation
import HubModel
import Planner
import Reports

/// The plan the web app serves and the folder its downloads come from.
///
/// `serve` never overwrites a plan the planner made: a valid plan in DIR/out is
/// served as it is (re-checked against the scenario first); otherwise the app
/// plans afresh into its own working folder, DIR/.hubplan/serve, and DIR/out is
/// left alone. ``note`` says which, for the terminal.
public struct ServedPlan: Sendable {
    public let plan: Plan
    /// The folder whose plan.json, report.html, csv/ and calendars/ are the downloads.
    public let outputs: URL
    /// One line for the terminal: which plan is served, from where, and why.
    public let note: String
    /// Last year's plan, whose cohorts the scenario's continuing programmes carry on (its continueFrom).
    public var lastYear: Plan? = nil

    /// DIR/.hubplan/serve: the app's own folder for a plan it made.
    public static func workingFolder(_ directory: URL) -> URL { directory.appendingPathComponent(".hubplan/serve") }

    /// Serves DIR/out when it holds a plan of this scenario that passes the plan check; otherwise plans into ``workingFolder(_:)``.
    ///
    /// - Parameter forecasts: the report's fan charts (``ReportWriter/planForecasts(_:)``).
    /// - Throws: when planning fails or the working folder cannot be written.
    public static func choose(directory: URL, scenario: Scenario, forecasts: [ProgrammeForecast]) throws -> ServedPlan {
        let out = directory.appendingPathComponent("out")
        let why: String
        let lastYear = try PlanFile.lastYear(of: scenario, home: directory.path)
        switch existing(in: out, scenario: scenario, lastYear: lastYear) {
        case .success(let plan):
            return ServedPlan(plan: plan, outputs: out, note: "serving the plan in \(out.path) (re-checked against the scenario: "
                              + "no violations); it is not changed", lastYear: lastYear)
        case .failure(let reason):
            why = reason.message
        }
        let folder = workingFolder(directory)
        var settings = Planner.Settings(scenario: scenario)
        settings.lastYear = lastYear
        let plan = try Planner(scenario: scenario, settings: settings).plan()
        try replaceWhole(folder) { staging in try ReportWriter.writePlan(plan, scenario: scenario, forecasts: forecasts, to: staging) }
        return ServedPlan(plan: plan, outputs: folder, note: "\(why): planned afresh into \(folder.path); \(out.path) is not touched",
                          lastYear: lastYear)
    }

    /// Why DIR/out's plan is not served.
    struct NotServed: Error { let message: String }

    /// The plan in `out`, when there is one for this scenario that passes every hard rule.
    static func existing(in out: URL, scenario: Scenario, lastYear: Plan?) -> Result<Plan, NotServed> {
        let file = out.appendingPathComponent("plan.json")
        guard FileManager.default.fileExists(atPath: file.path) else { return .failure(NotServed(message: "no plan in \(out.path)")) }
        let plan: Plan
        do { plan = try PlanFile.read(file) } catch { return .failure(NotServed(message: "\(file.path) cannot be read (\(error))")) }
        guard plan.scenario == scenario.name, plan.year == scenario.yearLabel else {
            return .failure(NotServed(message: "\(file.path) is a plan of \(plan.scenario) \(plan.year), not of this scenario"))
        }
        let violations = PlanChecker(scenario: scenario, lastYear: lastYear).check(plan)
        guard violations.isEmpty else {
            return .failure(NotServed(message: "\(file.path) breaks \(violations.count) rule(s) of the scenario as it is now"))
        }
        return .success(plan)
    }

    /// Fills a fresh staging folder, then swaps it in for `folder`, so the folder
    /// never mixes the files of two runs (a file the new run does not write is gone too).
    static func replaceWhole(_ folder: URL, fill: (URL) throws -> Void) throws {
        let fm = FileManager.default
        let parent = folder.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).\(UUID().uuidString).new")
        let old = parent.appendingPathComponent(".\(folder.lastPathComponent).\(UUID().uuidString).old")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            try fill(staging)
            if fm.fileExists(atPath: folder.path) { try fm.moveItem(at: folder, to: old) }
            try fm.moveItem(at: staging, to: folder)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        try? fm.removeItem(at: old)
    }
}
