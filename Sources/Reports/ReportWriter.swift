import Forecast
import Foundation
import HubModel
import Planner

/// Writes everything people read into an output folder: report.html, csv/ and
/// calendars/. Each file is written to a temporary name and renamed.
public enum ReportWriter {
    public static func write(plan: Plan, scenario: Scenario, forecasts: [ProgrammeForecast], to directory: URL) throws -> [URL] {
        let fm = FileManager.default
        let csvDir = directory.appendingPathComponent("csv"), icsDir = directory.appendingPathComponent("calendars")
        try fm.createDirectory(at: csvDir, withIntermediateDirectories: true)
        try fm.createDirectory(at: icsDir, withIntermediateDirectories: true)
        var written: [URL] = []
        let html = directory.appendingPathComponent("report.html")
        try AtomicFile.write(HTMLReport.render(plan: plan, scenario: scenario, forecasts: forecasts), to: html)
        written.append(html)
        for (name, text) in CSVExport.files(plan: plan, scenario: scenario, forecasts: forecasts) {
            let url = csvDir.appendingPathComponent(name)
            try AtomicFile.write(text, to: url)
            written.append(url)
        }
        for (name, text) in ICalendar.files(plan: plan, scenario: scenario) {
            let url = icsDir.appendingPathComponent(name)
            try AtomicFile.write(text, to: url)
            written.append(url)
        }
        return written
    }
}
