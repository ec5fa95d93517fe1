import Foundation
import Forecast
import HubModel
import Planner
import Testing
@testable import Reports

/// The small scenario of the golden files: the S ladder instance, seed 11.
enum Small {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func scenarioAndPlan() throws -> (Scenario, Plan) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("small-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try ScenarioGenerator(size: .s, seed: 11).write(to: dir)
        let (s, _) = try ScenarioLoader.load(dir)
        let plan = try Planner(scenario: s, settings: Planner.Settings(scenario: s)).plan()
        return (s, plan)
    }
}

@Suite struct ReportGoldenTests {
    /// CSV and iCalendar files match the golden copies (regenerate with HUBPLAN_UPDATE_GOLDEN=1).
    @Test func csvAndCalendarsMatchGoldenFiles() throws {
        let (s, plan) = try Small.scenarioAndPlan()
        let files = CSVExport.files(plan: plan, scenario: s) + ICalendar.files(plan: plan, scenario: s).filter {
            ["hub.ics", "facilitator-F01.ics", "venue-WAR-TC.ics"].contains($0.0)
        }
        if ProcessInfo.processInfo.environment["HUBPLAN_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Small.golden, withIntermediateDirectories: true)
            for (name, text) in files { try text.write(to: Small.golden.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        }
        for (name, text) in files {
            let expected = try String(contentsOf: Small.golden.appendingPathComponent(name), encoding: .utf8)
            #expect(text == expected, "\(name) differs from its golden file")
        }
    }

    @Test func reRunWritesByteIdenticalFiles() throws {
        let (s, plan) = try Small.scenarioAndPlan()
        let (_, again) = try Small.scenarioAndPlan()
        let a = FileManager.default.temporaryDirectory.appendingPathComponent("ra-\(UUID().uuidString)")
        let b = FileManager.default.temporaryDirectory.appendingPathComponent("rb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        let first = try ReportWriter.write(plan: plan, scenario: s, forecasts: [], to: a)
        _ = try ReportWriter.write(plan: again, scenario: s, forecasts: [], to: b)
        // plan.json records how many seconds each solve took; everything else must match.
        for url in first where url.lastPathComponent != "plan.json" {
            let rel = url.path.replacingOccurrences(of: a.path, with: "")
            #expect(try Data(contentsOf: url) == Data(contentsOf: URL(fileURLWithPath: b.path + rel)), "\(rel)")
        }
    }
}

@Suite struct ICalendarTests {
    @Test func linesEndInCRLFAndFoldAt75Octets() throws {
        let (s, plan) = try Small.scenarioAndPlan()
        for (_, text) in ICalendar.files(plan: plan, scenario: s) {
            #expect(text.hasSuffix("\r\n"))
            for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        }
    }

    @Test func foldingNeverSplitsACharacter() {
        let line = "SUMMARY:" + String(repeating: "é", count: 60)
        let folded = ICalendar.fold(line)
        for part in folded.components(separatedBy: "\r\n") { #expect(part.utf8.count <= 75) }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
    }

    @Test func textValuesAreEscaped() {
        #expect(ICalendar.escape("Hall, Leigh; room\\2\nnext") == "Hall\\, Leigh\\; room\\\\2\\nnext")
    }

    @Test func everySessionForumAndVisitIsInTheHubCalendarOnce() throws {
        let (s, plan) = try Small.scenarioAndPlan()
        let hub = try #require(ICalendar.files(plan: plan, scenario: s).first { $0.0 == "hub.ics" }?.1)
        let unfolded = hub.replacingOccurrences(of: "\r\n ", with: "")
        let uids = unfolded.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
        #expect(uids.count == plan.sessions.count + plan.forums.count + plan.adviserAssignments.count)
        #expect(Set(uids).count == uids.count)
    }
}

@Suite struct HTMLReportTests {
    @Test func listsEverySessionForumAndAssignment() throws {
        let (s, plan) = try Small.scenarioAndPlan()
        let html = HTMLReport.render(plan: plan, scenario: s)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("http://") && !html.contains("https://"))  // self-contained
        func rows(_ id: String) -> Int {
            guard let start = html.range(of: "<table id=\"\(id)\"") else { return -1 }
            let rest = html[start.lowerBound...]
            let end = rest.range(of: "</table>")!.upperBound
            return rest[..<end].components(separatedBy: "<tr>").count - 2  // minus the split's head and the header row
        }
        #expect(rows("session-table") == plan.sessions.count)
        #expect(rows("forum-table") == plan.forums.count)
        #expect(rows("adviser-table") == plan.adviserAssignments.count)
        for sess in plan.sessions.prefix(50) { #expect(html.contains(sess.cohort)) }
        // Every chart has a text alternative.
        #expect(html.components(separatedBy: "<svg").count == html.components(separatedBy: "<desc id=").count)
    }

    @Test func escapesText() {
        #expect(HTML.escape("<b>\"R&D\"</b>") == "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;")
    }
}

@Suite struct ForecastReportTests {
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/generate-2026-27")

    /// The report's fan charts are the default forecast, every programme has one, and each names its method.
    @Test func planForecastsAreTheDefaultAndNamed() throws {
        let (s, _) = try ScenarioLoader.load(Self.reference)
        let f = ReportWriter.planForecasts(s)
        #expect(Set(f.map(\.programme)) == Set(s.programmes.map(\.id)))
        #expect(f.allSatisfy { $0.result.method.hasPrefix("auto: ") || $0.result.method == "carried forward" })
        let html = HTMLReport.renderForecast(scenario: s, forecasts: f, capacity: [])
        // Five years of history: the Theta method with intervals for five values.
        #expect(html.contains("Method: auto: theta"))
    }

    /// A method name with commas stays one CSV field.
    @Test func forecastCSVQuotesTheMethod() {
        let r = ForecastResult(method: "auto: combo(damped,ets,naive,holt)", forecast: [10], lo80: [8], hi80: [12], lo95: [6], hi95: [14], parameters: [:])
        let csv = CSVExport.forecastTable([ProgrammeForecast(programme: "ECT1", authority: "HAL", years: [2026], result: r)])
        #expect(csv == "programme,authority,year,method,forecast,lo80,hi80,lo95,hi95\nECT1,HAL,2026-27,\"auto: combo(damped,ets,naive,holt)\",10.0,8.0,12.0,6.0,14.0\n")
    }
}
