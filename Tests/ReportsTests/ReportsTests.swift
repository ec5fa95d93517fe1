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
        // An event is one entry for all the cohorts' sessions it gathers.
        let entries = plan.sessions.filter { $0.event == nil }.count + Set(plan.sessions.compactMap(\.event)).count
        #expect(Set(plan.sessions.compactMap(\.event)).count > 0)
        #expect(uids.count == entries + plan.forums.count + plan.adviserAssignments.count)
        #expect(Set(uids).count == uids.count)
    }
}

@Suite struct HTMLReportTests {
    /// Rows of the tables carrying `class`, or of the one table with `id`.
    static func rows(_ html: String, id: String? = nil, class className: String? = nil) -> Int {
        let marker = id.map { "<table id=\"\($0)\"" } ?? "class=\"\(className!)\""
        var count = 0, rest = html[...]
        while let start = rest.range(of: marker) {
            let table = rest[start.lowerBound...]
            let end = table.range(of: "</table>")!.upperBound
            count += table[..<end].components(separatedBy: "<tr>").count - 2  // minus the split's head and the header row
            rest = table[end...]
        }
        return count
    }

    @Test func listsEverySessionForumAndAssignment() throws {
        let (s, plan) = try Small.scenarioAndPlan()
        let html = HTMLReport.render(plan: plan, scenario: s)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("http://") && !html.contains("https://"))  // self-contained
        #expect(Self.rows(html, class: "by-cohort") == plan.sessions.count)
        #expect(Self.rows(html, id: "forum-table") == plan.forums.count)
        #expect(Self.rows(html, class: "adviser-days") == plan.adviserAssignments.count)
        for sess in plan.sessions.prefix(50) { #expect(html.contains(sess.cohort)) }
        // Every chart has a text alternative.
        #expect(html.components(separatedBy: "<svg").count == html.components(separatedBy: "<desc id=").count)
    }

    @Test func speaksInPlainWordsAndPounds() throws {
        let (s, plan) = try Small.scenarioAndPlan()
        let html = HTMLReport.render(plan: plan, scenario: s)
        for term in CostTerm.allCases { #expect(!html.contains(term.rawValue), "\(term)") }
        #expect(html.contains("Participants' travel"))
        #expect(html.contains("<span class=\"nowrap\">\(plan.year)</span>"))
        let costs = html[html.range(of: "<section id=\"costs\">")!.lowerBound...].prefix { _ in true }
        let chart = costs[costs.range(of: "<svg")!.lowerBound..<costs.range(of: "</svg>")!.upperBound]
        let labels = chart.components(separatedBy: "font-size=\"12\">").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(labels.count == CostTerm.allCases.count * 2)
        // Each term's name, then its cost in pounds.
        for (i, label) in labels.enumerated() where i % 2 == 1 { #expect(label.hasPrefix("£"), "\(label)") }
    }

    /// The month grids hold every session once (as borough counts), the facilitators' grid every
    /// day each facilitator works, and clash days are marked as the plan counts them.
    @Test func theCalendarGridHoldsEverySession() throws {
        let (s, plan) = try Small.scenarioAndPlan()
        let html = HTMLReport.render(plan: plan, scenario: s)
        let start = try #require(html.range(of: "<section id=\"calendar\">"))
        let section = html[start.lowerBound...].prefix { _ in true }
        let calendar = String(section[..<section.range(of: "</section>")!.upperBound])
        let grids = calendar.components(separatedBy: "<table class=\"cal\">").dropFirst().map { $0.components(separatedBy: "</table>")[0] }
        #expect(grids.count >= 10)
        var counted = 0
        for grid in grids {
            for line in grid.components(separatedBy: "<br>").dropFirst() {
                counted += Int(line.prefix { $0 != "<" }.split(separator: " ").last ?? "") ?? 0
            }
        }
        #expect(counted == plan.sessions.count)
        let people = try #require(calendar.components(separatedBy: "<table class=\"cal-people\">").last)
        let days = people.components(separatedBy: "<td>").dropFirst().map { $0.prefix { $0 != "<" } }
            .reduce(0) { $0 + $1.split(separator: " ").count }
        #expect(days == plan.sessions.reduce(0) { $0 + $1.facilitators.count })
        let clashes = Set(CalendarFigures.schoolDaysOut(plan).filter { $0.value.count > 1 }.map(\.key.day))
        #expect(calendar.components(separatedBy: "cal-clash\"><b>").count - 1 == clashes.count)
    }

    @Test func timetablesNameFacilitatorsAndVenues() throws {
        let (s, plan) = try Small.scenarioAndPlan()
        let html = HTMLReport.render(plan: plan, scenario: s)
        let timetables = html[html.range(of: "<section id=\"by-cohort\">")!.lowerBound...]
        let session = try #require(plan.sessions.first { $0.venue != nil })
        let facilitator = try #require(s.facilitators.first { $0.id == session.facilitators.first })
        let venue = try #require(s.venues.first { $0.id == session.venue })
        #expect(timetables.contains(HTML.escape(facilitator.name)))
        #expect(timetables.contains(HTML.escape(venue.name)))
        #expect(!timetables.contains("<td>\(facilitator.id)</td>"))
        #expect(!timetables.contains("<td>\(venue.id)</td>"))
    }

    @Test func utilisationBarsAreDrawnOnAHundredPercentScale() {
        let svg = SVGChart.bars(title: "t", description: "d", items: [("a", 21.9), ("b", 50)], scale: 100, label: { "\($0)%" })
        let widths = svg.components(separatedBy: "width=\"").dropFirst(2).map { Double($0.prefix { $0 != "\"" })! }
        #expect(widths.count == 2)
        #expect(abs(widths[0] / widths[1] - 21.9 / 50) < 0.01)
        #expect(abs(widths[1] - 175) < 0.5)   // half of the 350 px a full bar takes
    }

    @Test func axisTicksAreRound() {
        // The ticks the issue saw were 93.0, 87.2, 8.2: now steps of 1, 2, 2.5 or 5 times a power of ten.
        #expect(SVGChart.niceTicks(0, 93.0) == [0, 25, 50, 75, 100])
        #expect(SVGChart.niceTicks(0, 8.2) == [0, 2.5, 5, 7.5, 10])
        #expect(SVGChart.niceTicks(0, 1_234) == [0, 500, 1_000, 1_500])
        #expect(SVGChart.niceTicks(0, 61) == [0, 20, 40, 60, 80])
        #expect(SVGChart.tickLabel(1_250) == "1,250")
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
        // Five years of history: the combination with intervals for five values.
        #expect(html.contains("Method: auto: combo(otm,theta,damped,ets,naive,holt)"))
    }

    /// A method name with commas stays one CSV field.
    @Test func forecastCSVQuotesTheMethod() {
        let r = ForecastResult(method: "auto: combo(damped,ets,naive,holt)", forecast: [10], lo80: [8], hi80: [12], lo95: [6], hi95: [14], parameters: [:])
        let csv = CSVExport.forecastTable([ProgrammeForecast(programme: "ECT1", authority: "HAL", years: [2026], result: r)])
        #expect(csv == "programme,authority,year,method,forecast,lo80,hi80,lo95,hi95\nECT1,HAL,2026-27,\"auto: combo(damped,ets,naive,holt)\",10.0,8.0,12.0,6.0,14.0\n")
    }
}

/// Events in the outputs: one calendar entry per event, and the report's Events section.
@Suite struct EventReportTests {
    /// The small scenario with each programme's opening day gathered by authority.
    static func scenarioAndPlan() throws -> (Scenario, Plan) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("small-events-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try ScenarioGenerator(size: .s, seed: 11).write(to: dir)
        var (s, _) = try ScenarioLoader.load(dir)
        for i in s.programmes.indices where s.programmes[i].sessions.first?.mode == .inPerson && s.programmes[i].continues == nil {
            s.programmes[i].sessions[0].gathers = .authority
            s.programmes[i].sessions[0].perFacilitator = 40
        }
        return (s, try Planner(scenario: s, settings: Planner.Settings(scenario: s)).plan())
    }

    @Test func anEventIsOneCalendarEntryAndOneReportRow() throws {
        let (s, plan) = try Self.scenarioAndPlan()
        let events = try #require(plan.events)
        let gathered = Set(plan.sessions.compactMap(\.event))
        #expect(!gathered.isEmpty)
        #expect(gathered.count == events.filter { $0.notGathered == nil }.count)
        #expect(PlanChecker(scenario: s).check(plan).isEmpty)
        let hub = try #require(ICalendar.files(plan: plan, scenario: s).first { $0.0 == "hub.ics" }?.1)
        let uids = hub.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
        #expect(uids.count == plan.sessions.filter { $0.event == nil }.count + gathered.count + plan.forums.count + plan.adviserAssignments.count)
        #expect(Set(uids).count == uids.count)
        let html = HTMLReport.render(plan: plan, scenario: s)
        #expect(html.contains("<section id=\"events\">"))
        let section = try #require(html.components(separatedBy: "<section id=\"events\">").last?.components(separatedBy: "</section>").first)
        #expect(section.components(separatedBy: "<tr>").count - 2 == events.count)
    }
}
