import Forecast
import Foundation
import HubModel
import Planner

/// Writes every output of a plan into a folder: plan.json, plan.xlsx, report.html, csv/ and
/// calendars/, as one unit (``OutputFolder``): a reader or a killed run sees the
/// previous plan's files whole or this plan's files whole, and when any file
/// cannot be written (a full disk, a read-only folder) nothing is replaced.
public enum ReportWriter {
    /// Next year, planned with this one (`hubplan plan --years 2`): its plan, the scenario
    /// estimated for it, and participants per programme this year and next.
    public struct NextYear: Sendable {
        public var plan: Plan
        public var scenario: Scenario
        public var participants: [(programme: String, thisYear: Int, nextYear: Int)]

        public init(plan: Plan, scenario: Scenario, participants: [(programme: String, thisYear: Int, nextYear: Int)]) {
            self.plan = plan
            self.scenario = scenario
            self.participants = participants
        }
    }

    /// The outputs of one plan, by path relative to the output folder; the report also
    /// summarises `nextYear` when it is given.
    public static func files(plan: Plan, scenario: Scenario, forecasts: [ProgrammeForecast],
                             nextYear: NextYear? = nil) throws -> [(path: String, data: Data)] {
        var files: [(path: String, data: Data)] = [("plan.json", try PlanFile.encode(plan))]
        files.append(("plan.xlsx", try PlanWorkbook.data(plan: plan, scenario: scenario)))
        files.append(("report.html", Data(HTMLReport.render(plan: plan, scenario: scenario, forecasts: forecasts, nextYear: nextYear).utf8)))
        for (name, text) in CSVExport.files(plan: plan, scenario: scenario, forecasts: forecasts) {
            files.append(("csv/\(name)", Data(text.utf8)))
        }
        for (name, text) in ICalendar.files(plan: plan, scenario: scenario) {
            files.append(("calendars/\(name)", Data(text.utf8)))
        }
        return files
    }

    /// Replaces `directory` with the plan's outputs and `extra` files, all at once.
    ///
    /// - Returns: The files written.
    /// - Throws: ``AtomicFile/WriteError``; the folder is then as it was.
    @discardableResult
    public static func write(plan: Plan, scenario: Scenario, forecasts: [ProgrammeForecast], to directory: URL,
                             nextYear: NextYear? = nil, extra: [(path: String, data: Data)] = []) throws -> [URL] {
        try replace(directory, with: try files(plan: plan, scenario: scenario, forecasts: forecasts, nextYear: nextYear) + extra)
    }

    /// Replaces `directory` with `files` (relative paths) as one unit.
    @discardableResult
    public static func replace(_ directory: URL, with files: [(path: String, data: Data)]) throws -> [URL] {
        let folder = try OutputFolder(replacing: directory)
        for file in files { try folder.write(file.data, to: file.path) }
        try folder.commit()
        return files.map { directory.appendingPathComponent($0.path) }
    }
}
