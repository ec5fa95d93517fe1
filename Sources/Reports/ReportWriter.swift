import Forecast
import Foundation
import HubModel
import Planner

/// Writes every output of a plan into a folder: plan.json, report.html, csv/ and
/// calendars/, all or nothing (``AtomicFile/Batch``): when any file cannot be
/// written (a full disk, a read-only folder) none is replaced and the previous
/// plan stays whole.
public enum ReportWriter {
    @discardableResult
    public static func write(plan: Plan, scenario: Scenario, forecasts: [ProgrammeForecast], to directory: URL) throws -> [URL] {
        let fm = FileManager.default
        let csvDir = directory.appendingPathComponent("csv"), icsDir = directory.appendingPathComponent("calendars")
        try fm.createDirectory(at: csvDir, withIntermediateDirectories: true)
        try fm.createDirectory(at: icsDir, withIntermediateDirectories: true)
        var files: [(URL, Data)] = [(directory.appendingPathComponent("plan.json"), try PlanFile.encode(plan))]
        files.append((directory.appendingPathComponent("report.html"),
                      Data(HTMLReport.render(plan: plan, scenario: scenario, forecasts: forecasts).utf8)))
        for (name, text) in CSVExport.files(plan: plan, scenario: scenario, forecasts: forecasts) {
            files.append((csvDir.appendingPathComponent(name), Data(text.utf8)))
        }
        for (name, text) in ICalendar.files(plan: plan, scenario: scenario) {
            files.append((icsDir.appendingPathComponent(name), Data(text.utf8)))
        }
        let batch = AtomicFile.Batch()
        for (url, data) in files { try batch.add(data, to: url) }
        try batch.commit()
        return files.map(\.0)
    }
}
