import Forecast
import Foundation
import HubModel
import Planner

extension HTMLReport {
    /// The plan as one self-contained page a hub's director can send: names and
    /// plain words, pounds everywhere, utilisation on a 0–100% scale, round
    /// axis ticks, long timetables folded away (`<details>`, opened for print),
    /// and an A4 print layout.
    public static func render(plan: Plan, scenario: Scenario, forecasts: [ProgrammeForecast] = [], nextYear: ReportWriter.NextYear? = nil) -> String {
        let n = PlanNames(scenario: scenario, plan: plan)
        let money = PlanNames.pounds
        let participants = plan.cohorts.reduce(0) { $0 + $1.participants }
        var b = """
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(plan.scenario)) — plan \(HTML.escape(plan.year))</title>
        <style>\(style)</style></head><body>
        <header><p class="kicker">Year plan <span class="nowrap">\(HTML.escape(plan.year))</span></p><h1>\(HTML.escape(plan.scenario))</h1>
        <p class="lead">This plan is <strong>\(HTML.escape(plan.proven.words))</strong>\(plan.status == .interrupted ? " (planning was interrupted)" : ""). It costs <strong>\(money(plan.objective))</strong>; no plan can cost less than \(money(plan.bound)).</p></header>
        <nav aria-label="Contents"><ul><li><a href="#summary">Summary</a></li><li><a href="#reach">Reach and equity</a></li><li><a href="#glance">Year at a glance</a></li>
        <li><a href="#costs">Costs</a></li><li><a href="#utilisation">Utilisation</a></li><li><a href="#forecast">Forecast to 2028</a></li>\(nextYear == nil ? "" : "<li><a href=\"#next-year\">Next year</a></li>")
        <li><a href="#unmet">Unmet demand</a></li>\(plan.carriedOver == nil ? "" : "<li><a href=\"#carried-over\">Carried over</a></li>")\(plan.events == nil ? "" : "<li><a href=\"#events\">Events</a></li>")<li><a href="#calendar">Calendar</a></li><li><a href="#forums">Forums</a></li><li><a href="#advisers">Adviser days</a></li>\(plan.inductionReviews == nil ? "" : "<li><a href=\"#inductions\">Appropriate Body</a></li>")
        <li><a href="#by-cohort">Timetable by cohort</a></li><li><a href="#by-facilitator">by facilitator</a></li><li><a href="#by-venue">by venue</a></li><li><a href="#by-borough">by borough</a></li></ul></nav>
        <main>
        """
        let engaged = plan.reach.map { $0.schoolsEngaged.values.reduce(0, +) } ?? 0
        b += "<section id=\"summary\"><h2>Summary</h2><div class=\"kpis\">"
        for (label, value) in [("participants placed", "\(participants)"), ("cohorts", "\(plan.cohorts.count)"),
                               ("sessions", "\(plan.sessions.count)"), ("forums", "\(plan.forums.count)"),
                               ("adviser days", CSVExport.num(plan.adviserAssignments.reduce(0) { $0 + $1.days })),
                               ("schools engaged", "\(engaged) of \(scenario.schools.count)"),
                               ("unmet items", "\(plan.unmet.count)"),
                               ("school-day clashes", "\(plan.calendar?.schoolDayClashes ?? 0)"),
                               ("teacher-days out of school", "\(plan.calendar?.teacherDaysOut ?? 0)"),
                               ("cost", money(plan.objective))] {
            b += "<div class=\"kpi\"><b>\(HTML.escape(value))</b>\(HTML.escape(label))</div>"
        }
        b += "</div></section>"

        b += reach(plan, scenario, n)
        b += glance(plan, scenario, n)
        b += costs(plan, n)
        b += utilisation(plan, scenario, n)
        b += forecastSection(scenario: scenario, forecasts: forecasts)
        b += nextYearSection(nextYear, n)

        b += "<section id=\"unmet\"><h2>Unmet demand</h2>"
        b += plan.unmet.isEmpty ? "<p>Everything was planned: no unmet demand.</p>"
            : HTML.table(caption: "What could not be met, and why", header: ["What", "Amount", "Reason"],
                         rows: plan.unmet.map { [$0.what, CSVExport.num($0.amount), $0.why] })
        b += "</section>"

        b += carriedOver(plan, n)
        b += events(plan, n)
        b += calendar(plan, scenario, n)
        b += "<section id=\"forums\"><h2>CPD Leaders Forums</h2>" + HTML.table(caption: "Forum calendar",
            header: ["Date", "Time", "Forum", "For", "Venue", "Room", "Chair", "Attendees"],
            rows: plan.forums.sorted { ($0.date, $0.scope) < ($1.date, $1.scope) }.map { f in
                [longDate(f.date), "\(f.start)–\(PlanNames.end(f.start, hours: f.hours))",
                 scenario.forums.first { $0.id == f.forum }?.name ?? f.forum, n.authority(f.scope), n.venue(f.venue), f.room,
                 n.person(f.chair), "\(f.attendees)"]
            }, id: "forum-table") + "</section>"

        b += advisers(plan, scenario, n)
        b += inductions(plan, scenario, n)
        b += timetables(plan, scenario, n, next: nextYear)
        b += "</main><footer><p>Made by HubPlan. Participants' travel is measured from the centre of their school's town. "
        b += "The same plan is in plan.xlsx (a sheet per timetable, with filters) and in the calendars/ folder.</p></footer>"
        // Folded sections are opened for printing, so paper shows everything.
        b += "<script>addEventListener('beforeprint',()=>document.querySelectorAll('details').forEach(d=>d.open=true))</script>"
        return b + "</body></html>\n"
    }

    public static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1a1a1a;line-height:1.45}
    .kicker{margin:0;color:#2b6cb0;font-weight:600;letter-spacing:.02em}.nowrap{white-space:nowrap}
    h1{font-size:1.7rem;margin:.2rem 0 .6rem}.lead{font-size:1.05rem}
    h2{margin-top:2.2rem;border-bottom:2px solid #2b6cb0;padding-bottom:.2rem}h3{margin-top:1.4rem}
    .scroll{overflow-x:auto}table{border-collapse:collapse;margin:.6rem 0 1.2rem;font-size:.88rem;width:100%}caption{text-align:left;font-weight:600;padding:.3rem 0}
    th,td{border:1px solid #ccd;padding:.25rem .45rem;text-align:left;vertical-align:top}thead th{background:#eef3fa}td.num,th.num{text-align:right}
    .kpis{display:flex;flex-wrap:wrap;gap:.8rem}.kpi{border:1px solid #ccd;border-radius:6px;padding:.5rem .8rem;min-width:8rem}
    .kpi b{display:block;font-size:1.3rem}.warn{color:#9b2c2c}figure{margin:1rem 0}figcaption{font-size:.85rem;color:#444}
    details{border:1px solid #dde;border-radius:6px;margin:.4rem 0;padding:.2rem .6rem}details[open]{padding-bottom:.4rem}
    summary{cursor:pointer;font-weight:600;padding:.25rem 0}summary .meta{font-weight:400;color:#555}
    .fans{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:0 1.5rem}
    nav ul{columns:3;font-size:.9rem}
    table.cal{table-layout:fixed}table.cal td{height:3.2rem;font-size:.8rem}table.cal td b{font-size:.9rem}
    .cal-off{background:#eee;color:#777}.cal-avoid{background:#fdf3d8}.cal-clash{outline:2px solid #9b2c2c;outline-offset:-2px}
    span.cal-avoid{padding:0 .2rem}span.cal-clash{padding:0 .2rem}table.cal-people td{white-space:nowrap;font-size:.8rem}
    @media (max-width:600px){body{margin:1rem auto}nav ul{columns:2}h1{font-size:1.35rem}.fans{grid-template-columns:1fr}}
    @page{size:A4;margin:15mm 12mm}
    @media print{body{margin:0;max-width:none;font-size:10pt}nav,script{display:none}h2{break-before:page}header+nav+main>section:first-child h2{break-before:avoid}
    table{font-size:8pt}tr,figure{break-inside:avoid}details{border:none;padding:0}summary{list-style:none}.scroll{overflow:visible}a{color:inherit;text-decoration:none}}
    """

    /// `2026-09-18` as "Fri 18 Sep 2026".
    static func longDate(_ day: Day?) -> String {
        guard let d = day else { return "" }
        let (y, m, day) = d.components
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]   // 1970-01-01 was a Thursday
        return "\(weekdays[((d.ordinal % 7) + 7) % 7]) \(day) \(months[m - 1]) \(y)"
    }

    /// Appropriate Body work: each assessor's schools and hours in each review half-term against
    /// their hours, and the review days in a folded list.
    static func inductions(_ plan: Plan, _ scenario: Scenario, _ n: PlanNames) -> String {
        guard let reviews = plan.inductionReviews else { return "" }
        let halfTerms = scenario.appropriateBody.reviews.map(\.halfTerm)
        let schools = Set(reviews.map(\.school)).count
        var b = "<section id=\"inductions\"><h2>Appropriate Body work</h2>"
        b += "<p>\(schools) schools' inductions are reviewed by \(Set(reviews.map(\.assessor)).count) assessors, each school by one assessor all year, "
        b += "each review in the last \(scenario.appropriateBody.windowDays) teaching days of its half-term, before its deadline. "
        b += "It costs \(PlanNames.pounds((plan.costs[.assessorTime] ?? 0) + (plan.costs[.assessorTravel] ?? 0))).</p>"
        let rows = scenario.assessors.map { a -> [String] in
            let mine = reviews.filter { $0.assessor == a.id }
            return [a.name, "\(Set(mine.map(\.school)).count)"] + halfTerms.map { ht in
                "\(CSVExport.num(mine.filter { $0.halfTerm == ht }.reduce(0) { $0 + $1.hours })) of \(CSVExport.num(a.hoursPerHalfTerm))"
            }
        }
        b += HTML.table(caption: "Assessors: schools, and hours in each review half-term against their hours",
                        header: ["Assessor", "Schools"] + halfTerms.map { "\($0.longName) hours" }, rows: rows)
        b += "<details><summary>Every review day (\(reviews.count))</summary>"
        b += HTML.table(caption: "Reviews by date", header: ["Date", "School", "Assessor", "Inductions", "Hours", "Kind"],
                        rows: reviews.map { [longDate($0.date), n.school($0.school), n.person($0.assessor), "\($0.inductions)", CSVExport.num($0.hours), $0.kind] })
        return b + "</details></section>"
    }

    /// Next year at a glance, when it was planned too: demand per programme this year and
    /// next, what it costs, and how many cohorts carry on, with a link to its own report.
    static func nextYearSection(_ next: ReportWriter.NextYear?, _ n: PlanNames) -> String {
        guard let next else { return "" }
        let p = next.plan, year = HTML.escape(p.year)
        let carried = p.cohorts.filter { $0.continues != nil }.count
        var b = "<section id=\"next-year\"><h2>Next year, <span class=\"nowrap\">\(year)</span></h2>"
        b += "<p>Planned from the forecast (the median for each programme and borough), with this year's second-year cohorts carried on: "
        b += "it costs <strong>\(PlanNames.pounds(p.objective))</strong> and is \(HTML.escape(p.proven.words)); \(carried) of its \(p.cohorts.count) cohorts "
        b += "carry on one of this year's. Its calendar is this year's moved on 52 weeks with \(year)'s bank holidays: replace it with the "
        b += "boroughs' published dates when they are known. <a href=\"\(year)/report.html\">The plan for \(year)</a> and the scenario it was "
        b += "planned from (<code>\(year)/scenario/</code>) are beside this report.</p>"
        b += HTML.table(caption: "Participants by programme, this year and next (estimate)", header: ["Programme", "This year", "Next year", "Change"],
                        rows: next.participants.filter { $0.thisYear > 0 || $0.nextYear > 0 }.map { r in
                            [n.programme(r.programme), "\(r.thisYear)", "\(r.nextYear)", r.nextYear >= r.thisYear ? "+\(r.nextYear - r.thisYear)" : "\(r.nextYear - r.thisYear)"]
                        })
        return b + "</section>"
    }

    /// Last year's cohorts of the continuing programmes: who stayed, left and joined,
    /// and whether the venue and team are the same (only for a plan made with last year's).
    static func carriedOver(_ plan: Plan, _ n: PlanNames) -> String {
        guard let rows = plan.carriedOver else { return "" }
        let kept = rows.filter { $0.from != nil && $0.cohort != nil }
        let sameTeam = kept.filter { $0.teamLeft.isEmpty }.count
        var b = "<section id=\"carried-over\"><h2>Carried over from last year</h2>"
        b += "<p>\(kept.count) of last year's cohorts go on together (\(sameTeam) with the same facilitators); "
        b += "\(kept.reduce(0) { $0 + $1.stayed }) participants stayed, \(kept.reduce(0) { $0 + $1.left }) left and "
        b += "\(rows.reduce(0) { $0 + $1.joined }) joined. Each facilitator who does not stay with a cohort costs the broken-continuity penalty.</p>"
        func people(_ ids: [String]) -> String { ids.isEmpty ? "–" : ids.map(n.person).joined(separator: ", ") }
        b += HTML.table(caption: "Last year's cohorts and what they became",
                        header: ["Last year", "This year", "Stayed", "Left", "Joined", "Venue", "Team kept", "Team changed", "Note"],
                        rows: rows.map { r in
                            let venue = r.venueBefore == r.venueAfter ? r.venueAfter.map(n.venue) ?? "online"
                                : "\(r.venueBefore.map(n.venue) ?? "–") → \(r.venueAfter.map(n.venue) ?? "–")"
                            let changed = r.teamLeft.isEmpty && r.teamJoined.isEmpty ? "–" : "\(people(r.teamLeft)) → \(people(r.teamJoined))"
                            return [r.from ?? "–", r.cohort ?? "–", "\(r.stayed)", "\(r.left)", "\(r.joined)", venue, people(r.teamKept), changed, r.note ?? ""]
                        })
        return b + "</section>"
    }

    static func reach(_ plan: Plan, _ scenario: Scenario, _ n: PlanNames) -> String {
        var b = "<section id=\"reach\"><h2>Reach and equity</h2>"
        guard let reach = plan.reach else { return b + "</section>" }
        b += HTML.table(caption: "Schools engaged and participants' travel (one way, minutes) by borough",
                        header: ["Borough", "Schools engaged", "Participants travelling", "Median", "90th percentile", "Longest"],
                        rows: scenario.authorities.map { a in
                            let t = reach.travelByAuthority[a.id]
                            return [a.name, "\(reach.schoolsEngaged[a.id] ?? 0) of \(reach.schools[a.id] ?? 0)", "\(t?.participants ?? 0)",
                                    t.map { String(format: "%.0f min", $0.median) } ?? "–", t.map { String(format: "%.0f min", $0.p90) } ?? "–",
                                    t.map { String(format: "%.0f min", $0.worst) } ?? "–"]
                        })
        b += HTML.table(caption: "Participants served by programme", header: ["Programme", "Participants"],
                        rows: scenario.programmes.compactMap { p in reach.participantsByProgramme[p.id].map { [p.name, "\($0)"] } })
        let items = scenario.authorities.compactMap { a in reach.travelByAuthority[a.id].map { ("\(a.name), median", $0.median) } }
            + scenario.authorities.compactMap { a in reach.travelByAuthority[a.id].map { ("\(a.name), 90th percentile", $0.p90) } }
        let ticks = SVGChart.niceTicks(0, items.map(\.1).max() ?? 1)
        b += "<figure>" + SVGChart.bars(title: "Travel to sessions by borough",
                                        description: "Median and 90th percentile one-way travel of participants, by borough: "
                                            + items.map { "\($0.0) \(String(format: "%.0f", $0.1)) minutes" }.joined(separator: "; "),
                                        items: items, scale: ticks.last, label: { String(format: "%.0f min", $0) })
        b += "<figcaption>Participants' one-way travel to their cohort's venue, in minutes (the dashed line is \(SVGChart.tickLabel(ticks.last ?? 0)) minutes).</figcaption></figure>"
        return b + "</section>"
    }

    static func glance(_ plan: Plan, _ scenario: Scenario, _ n: PlanNames) -> String {
        var rows: [[String]] = []
        for ht in HalfTerm.allCases {
            var row = ["\(ht.longName) (\(ht.rawValue))"]
            for a in scenario.authorities {
                let range = scenario.calendar.halfTerms[a.id]?[ht]
                let count = plan.sessions.filter { $0.halfTerm == ht && n.cohortAuthority[$0.cohort] == a.id }.count
                row.append(range.map { "\(longDate($0.first)) to \(longDate($0.last)): \(count) sessions" } ?? "–")
            }
            row.append("\(plan.forums.filter { $0.halfTerm == ht }.count)")
            rows.append(row)
        }
        return "<section id=\"glance\"><h2>Year at a glance</h2>" + HTML.table(
            caption: "Half-terms by borough, with the sessions each borough's cohorts attend",
            header: ["Half-term"] + scenario.authorities.map(\.name) + ["Forums"], rows: rows) + "</section>"
    }

    static func costs(_ plan: Plan, _ n: PlanNames) -> String {
        let money = PlanNames.pounds
        let terms = CostTerm.allCases.map { (PlanNames.costTerm($0), plan.costs[$0] ?? 0) }
        var b = "<section id=\"costs\"><h2>Costs</h2>"
        b += "<p>What the plan costs, term by term. Travel is priced per minute; the penalties are what the planner weighs against uneven workloads, broken continuity and demand it could not meet, not money spent.</p>"
        b += HTML.table(caption: "Cost by term", header: ["Term", "Cost"], rows: terms.map { [$0.0, money($0.1)] } + [["Total", money(plan.objective)]])
        let ticks = SVGChart.niceTicks(0, terms.map(\.1).max() ?? 1)
        b += "<figure>" + SVGChart.bars(title: "Cost by term", description: terms.map { "\($0.0) \(money($0.1))" }.joined(separator: "; "),
                                        items: terms, scale: ticks.last, label: money)
        b += "<figcaption>Cost of each term in pounds (the dashed line is \(money(ticks.last ?? 0))).</figcaption></figure>"
        b += HTML.table(caption: "Cost by borough (costs tied to one)", header: ["Borough", "Cost"],
                        rows: plan.costsByAuthority.sorted { $0.key < $1.key }.map { [n.authority($0.key), money($0.value)] })
        b += HTML.table(caption: "Cost by programme (costs tied to one)", header: ["Programme", "Cost"],
                        rows: plan.costsByProgramme.sorted { $0.key < $1.key }.map { [n.programme($0.key), money($0.value)] })
        return b + "</section>"
    }

    static func utilisation(_ plan: Plan, _ scenario: Scenario, _ n: PlanNames) -> String {
        var b = "<section id=\"utilisation\"><h2>Utilisation</h2>"
        b += "<p>Days used as a share of days available in the year: each bar is drawn on a 0–100% scale (the dashed line is 100%).</p>"
        let all: [(kind: Resource, plural: String, ids: [String])] = [
            (.facilitator, "Facilitators", scenario.facilitators.map(\.id)), (.adviser, "Expert advisers", scenario.advisers.map(\.id)),
            (.venue, "Venues", scenario.venues.map(\.id)),
        ]
        for group in all {
            let items = plan.utilisation.filter { $0.kind == group.kind }
            let byId = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let used = group.ids.filter { (byId[$0]?.used ?? 0) > 0 }
            let unused = group.ids.filter { (byId[$0]?.used ?? 0) == 0 }
            let name: (String) -> String = { group.kind == .venue ? n.venue($0) : n.person($0) }
            let shares = used.map { id -> (String, Double) in
                let u = byId[id]!
                return (name(id), u.available > 0 ? 100 * u.used / u.available : 0)
            }.sorted { $0.1 > $1.1 }
            guard !group.ids.isEmpty else { continue }
            let busiest = shares.first.map { " Busiest: \($0.0), \(String(format: "%.0f", $0.1))%." } ?? ""
            b += "<details\(group.kind == .facilitator ? "" : " open")><summary>\(group.plural) <span class=\"meta\">— \(used.count) of \(group.ids.count) used.\(HTML.escape(busiest))</span></summary>"
            if !shares.isEmpty {
                b += "<figure>" + SVGChart.bars(title: "\(group.plural) utilisation",
                                                description: shares.map { "\($0.0) \(String(format: "%.1f", $0.1))%" }.joined(separator: "; "),
                                                items: shares, scale: 100, label: { String(format: "%.1f%%", $0) })
                b += "<figcaption>Share of each one's available days used, 0–100%.</figcaption></figure>"
            }
            if !unused.isEmpty {
                b += "<p>Not used in this plan (no calendar is written for them): \(HTML.escape(unused.map(name).joined(separator: ", "))).</p>"
            }
            b += "</details>"
        }
        return b + "</section>"
    }

    static func advisers(_ plan: Plan, _ scenario: Scenario, _ n: PlanNames) -> String {
        var b = "<section id=\"advisers\"><h2>Expert adviser days</h2>"
        let byAdviser = Dictionary(grouping: plan.adviserAssignments, by: \.adviser)
        b += HTML.table(caption: "Each adviser's Focus Schools and days", header: ["Adviser", "Focus Schools", "Days"],
                        rows: scenario.advisers.compactMap { a in
                            guard let mine = byAdviser[a.id] else { return nil }
                            let schools = Array(Set(mine.map(\.school))).sorted().map(n.school)
                            return [a.name, schools.joined(separator: "; "), CSVExport.num(mine.reduce(0) { $0 + $1.days })]
                        })
        for a in scenario.advisers {
            guard let mine = byAdviser[a.id] else { continue }
            b += "<details><summary>\(HTML.escape(a.name)) <span class=\"meta\">— \(mine.count) visits</span></summary>"
            b += HTML.table(caption: "\(a.name): support days", header: ["Date", "Half-term", "School", "Borough", "Kind", "Days"],
                            rows: mine.sorted { ($0.date?.ordinal ?? 0, $0.school) < ($1.date?.ordinal ?? 0, $1.school) }.map {
                                [longDate($0.date), $0.halfTerm.rawValue, n.school($0.school), n.schoolAuthority($0.school).map(n.authority) ?? "",
                                 $0.kind.rawValue, CSVExport.num($0.days)]
                            }, rowHeaders: false, class: "adviser-days")
            b += "</details>"
        }
        return b + "</section>"
    }

    /// Each event: the cohorts it gathers, when and where they meet, and who runs it; or why they met apart.
    static func events(_ plan: Plan, _ n: PlanNames) -> String {
        guard let events = plan.events else { return "" }
        let first = Dictionary(plan.sessions.compactMap { s in s.event.map { ($0, s) } }, uniquingKeysWith: { a, _ in a })
        var b = "<section id=\"events\"><h2>Events</h2>"
        b += "<p>Sessions that gather cohorts meet once, in one room, with one team, and are paid for once. "
        b += "\(events.filter { $0.notGathered == nil }.count) of \(events.count) events gathered their cohorts.</p>"
        b += HTML.table(caption: "Events and the cohorts they gather",
                        header: ["Date", "Time", "Event", "For", "Venue", "Room", "Facilitators", "Participants", "Cohorts"],
                        rows: events.map { e in
                            let title = first[e.id].map { "\(n.programme(e.programme)): \(n.sessionTitle($0))" } ?? "\(n.programme(e.programme)), session \(e.session)"
                            let scope = e.scope == "hub" ? "the hub" : e.scope
                            guard let s = first[e.id], e.notGathered == nil else {
                                return ["–", "–", title, scope, "met apart: \(e.notGathered ?? "")", "", "", "\(e.participants)", e.cohorts.joined(separator: ", ")]
                            }
                            return [longDate(s.date), "\(s.start)–\(PlanNames.end(s.start, hours: s.hours))", title, scope, n.venue(s.venue), s.room ?? "",
                                    n.people(s.facilitators), "\(e.participants)", e.cohorts.joined(separator: ", ")]
                        })
        return b + "</section>"
    }

    static func timetables(_ plan: Plan, _ scenario: Scenario, _ n: PlanNames, next: ReportWriter.NextYear? = nil) -> String {
        let byDate = plan.sessions.sorted { ($0.date, $0.start, $0.cohort, $0.session) < ($1.date, $1.start, $1.cohort, $1.session) }
        let header = ["Date", "Time", "Programme", "Cohort", "Session", "Venue", "Room", "Facilitators", "Participants"]
        func row(_ s: PlanSession) -> [String] {
            [longDate(s.date), "\(s.start)–\(PlanNames.end(s.start, hours: s.hours))", n.programme(s.programme), s.cohort,
             "\(s.session). \(n.sessionTitle(s))\(s.event == nil ? "" : " (event)")", n.venue(s.venue), s.room ?? "", n.people(s.facilitators), "\(s.participants)"]
        }
        func fold(_ title: String, _ meta: String, caption: String, _ sessions: [PlanSession], class className: String? = nil) -> String {
            "<details><summary>\(HTML.escape(title)) <span class=\"meta\">— \(HTML.escape(meta))</span></summary>"
                + HTML.table(caption: caption, header: header, rows: sessions.map(row), rowHeaders: false, class: className) + "</details>"
        }
        func count(_ k: Int, _ word: String) -> String { "\(k) \(word)\(k == 1 ? "" : "s")" }
        /// A facilitator's or a venue's sessions, each event once: its cohorts as one row, with all its participants.
        func once(_ sessions: [PlanSession]) -> [PlanSession] {
            var seen: [String: Int] = [:], out: [PlanSession] = []
            for s in sessions {
                guard let e = s.event else { out.append(s); continue }
                if let k = seen[e] {
                    out[k].participants += s.participants
                } else {
                    seen[e] = out.count
                    var first = s
                    first.cohort = "event \(e)"
                    out.append(first)
                }
            }
            return out
        }
        var b = "<section id=\"by-cohort\"><h2>Timetable by cohort</h2><p>Open a programme to see its cohorts' sessions in order.</p>"
        let byProgramme = Dictionary(grouping: plan.sessions, by: \.programme)
        // Next year's plan, when there is one: this year's cohort each of its cohorts carries on.
        let carriedFrom = Dictionary((next?.plan.cohorts ?? []).compactMap { c in c.continues.map { (c.id, $0) } }, uniquingKeysWith: { a, _ in a })
        for p in scenario.programmes {
            guard let mine = byProgramme[p.id] else { continue }
            let cohorts = Set(mine.map(\.cohort)).count
            // A programme that goes on next year as another (an 18-month NPQ, ECT year 2) says so, and when
            // next year is planned, its cohorts' sessions there follow, under this year's cohort ids.
            let successor = scenario.programmes.first { $0.continues == p.id }
            let onward = successor.map { q in
                "; goes on next year as \(q.name) (\(count(q.sessions.count, "session")), \(Set(q.sessions.map(\.halfTerm)).sorted().map(\.rawValue).joined(separator: ", ")))"
            } ?? ""
            b += fold(p.name, "\(count(cohorts, "cohort")), \(count(mine.count, "session"))\(onward)", caption: "\(p.name): every session, by cohort",
                      mine.sorted { ($0.cohort, $0.session) < ($1.cohort, $1.session) }, class: "by-cohort")
            if let q = successor, let next {
                let later = next.plan.sessions.filter { $0.programme == q.id && carriedFrom[$0.cohort].map { id in mine.contains { $0.cohort == id } } == true }
                    .map { s -> PlanSession in var x = s; x.cohort = "\(carriedFrom[s.cohort] ?? s.cohort) → \(s.cohort)"; return x }
                if !later.isEmpty {
                    b += fold("\(p.name), in \(next.plan.year)", "\(count(Set(later.map(\.cohort)).count, "cohort")) carried on as \(q.name), \(count(later.count, "session"))",
                              caption: "\(p.name): its cohorts' sessions in \(next.plan.year), as \(q.name)",
                              later.sorted { ($0.cohort, $0.session) < ($1.cohort, $1.session) }, class: "next-year")
                }
            }
        }
        b += "</section><section id=\"by-facilitator\"><h2>Timetable by facilitator</h2>"
        var idle: [String] = []
        for f in scenario.facilitators {
            let mine = once(byDate.filter { $0.facilitators.contains(f.id) })
            if mine.isEmpty { idle.append(f.name); continue }
            b += fold(f.name, "\(count(mine.count, "session")), \(f.homeTown)", caption: "\(f.name): sessions by date", mine)
        }
        if !idle.isEmpty { b += "<p>With no sessions in this plan: \(HTML.escape(idle.joined(separator: ", "))).</p>" }
        b += "</section><section id=\"by-venue\"><h2>Timetable by venue</h2>"
        for v in scenario.venues {
            let mine = once(byDate.filter { $0.venue == v.id })
            guard !mine.isEmpty else { continue }
            b += fold(v.name, "\(count(mine.count, "session")), \(v.town)", caption: "\(v.name): sessions by date", mine)
        }
        b += "</section><section id=\"by-borough\"><h2>Timetable by borough</h2>"
        for a in scenario.authorities {
            let mine = byDate.filter { n.cohortAuthority[$0.cohort] == a.id }
            guard !mine.isEmpty else { continue }
            b += fold(a.name, count(mine.count, "session"), caption: "\(a.name): sessions of its cohorts by date", mine)
        }
        return b + "</section>"
    }
}
