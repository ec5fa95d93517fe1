import Forecast
import Foundation
import HubModel
import Planner

/// Writes every output of a plan into a folder: plan.json, plan.xlsx, report.html, csv/ and
/// calendars/, as one unit (``OutputFolder``): a reader or a killed run sees the
/// previous plan's files whole or this plan's files whole, and when any file
/// cannot be written (a full disk, a read-only folder) nothing is replaced.
public enum ReportWriter {
    /// The outputs of one plan, by path relative to the output folder.
    public static func files(plan: Plan, scenario: Scenario, forecasts: [ProgrammeForecast]) throws -> [(path: String, data: Data)] {
        var files: [(path: String, data: Data)] = [("plan.json", try PlanFile.encode(plan))]
        files.append(("plan.xlsx", try PlanWorkbook.data(plan: plan, scenario: scenario)))
        files.append(("report.html", Data(HTMLReport.render(plan: plan, scenario: scenario, forecasts: forecasts).utf8)))
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
                             extra: [(path: String, data: Data)] = []) throws -> [URL] {
        try replace(directory, with: try files(plan: plan, scenario: scenario, forecasts: forecasts) + extra)
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
