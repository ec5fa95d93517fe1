import Foundation
import HubModel
import Planner
import Workbook

/// `plan.xlsx`: the plan as a workbook for the office. Sessions, timetables by
/// cohort, facilitator, venue and borough, forums, adviser days, costs,
/// unmet demand and utilisation, with names beside ids, real Excel dates and
/// times, a frozen header row and a filter on every sheet.
public enum PlanWorkbook {
    public static func data(plan: Plan, scenario: Scenario) throws -> Data {
        try WorkbookWriter.data(sheets(plan: plan, scenario: scenario))
    }

    typealias Value = SheetTable.Value
    typealias Column = SheetTable.Column

    static func sheets(plan: Plan, scenario: Scenario) -> [SheetTable] {
        let n = PlanNames(scenario: scenario, plan: plan)
        func text(_ s: String?) -> Value? { s.flatMap { $0.isEmpty ? nil : .text($0) } }
        func date(_ day: Day?) -> Value? {
            guard let d = day else { return nil }
            let c = d.components
            return .date(year: c.year, month: c.month, day: c.day, minutes: nil)
        }
        func time(_ hhmm: String) -> Value? { PlanNames.minutes(hhmm).map { .time(minutes: $0) } }
        let byDate = plan.sessions.sorted { ($0.date, $0.start, $0.cohort, $0.session) < ($1.date, $1.start, $1.cohort, $1.session) }
        func when(_ s: PlanSession) -> [Value?] {
            [date(s.date), time(s.start), time(PlanNames.end(s.start, hours: s.hours)), .text(s.halfTerm.rawValue)]
        }
        let whenColumns = [Column("Date", .longDate), Column("Start", .time), Column("End", .time), Column("Half-term")]

        var sheets: [SheetTable] = []
        let proof = plan.proven.words
        sheets.append(SheetTable(name: "Summary", columns: [Column("Item", width: 28), Column("Value", width: 60)], rows: [
            [.text("Hub"), .text(plan.scenario)],
            [.text("Year"), .text(plan.year)],
            [.text("Plan"), .text(proof + (plan.status == .interrupted ? " (planning was interrupted)" : ""))],
            [.text("Cost (£)"), .number(plan.objective.rounded())],
            [.text("No plan can cost less than (£)"), .number(plan.bound.rounded())],
            [.text("Participants placed"), .number(Double(plan.cohorts.reduce(0) { $0 + $1.participants }))],
            [.text("Cohorts"), .number(Double(plan.cohorts.count))],
            [.text("Sessions"), .number(Double(plan.sessions.count))],
            [.text("Forums"), .number(Double(plan.forums.count))],
            [.text("Adviser days"), .number(plan.adviserAssignments.reduce(0) { $0 + $1.days })],
            [.text("Unmet items"), .number(Double(plan.unmet.count))],
        ]))

        sheets.append(SheetTable(name: "Sessions", columns: whenColumns + [
            Column("Programme"), Column("Programme name"), Column("Cohort"), Column("Borough"), Column("Session", .integer), Column("Title"),
            Column("Venue"), Column("Venue name"), Column("Room"), Column("Facilitators"), Column("Facilitator names"),
            Column("Participants", .integer), Column("Online"),
        ], rows: byDate.map { s in
            when(s) + [.text(s.programme), .text(n.programme(s.programme)), .text(s.cohort), text(n.cohortAuthority[s.cohort].map(n.authority)),
                       .number(Double(s.session)), .text(n.sessionTitle(s)), text(s.venue), .text(n.venue(s.venue)), text(s.room),
                       text(s.facilitators.joined(separator: ", ")), text(n.people(s.facilitators)), .number(Double(s.participants)),
                       .text(s.online ? "yes" : "no")]
        }))

        sheets.append(SheetTable(name: "By cohort", columns: [
            Column("Cohort"), Column("Programme name"), Column("Borough"), Column("Session", .integer), Column("Title"),
        ] + whenColumns + [Column("Venue name"), Column("Room"), Column("Facilitator names"), Column("Participants", .integer)],
        rows: plan.sessions.sorted { ($0.cohort, $0.session) < ($1.cohort, $1.session) }.map { s in
            [.text(s.cohort), .text(n.programme(s.programme)), text(n.cohortAuthority[s.cohort].map(n.authority)), .number(Double(s.session)),
             .text(n.sessionTitle(s))] + when(s) + [.text(n.venue(s.venue)), text(s.room), text(n.people(s.facilitators)), .number(Double(s.participants))]
        }))

        sheets.append(SheetTable(name: "By facilitator", columns: [Column("Facilitator"), Column("Name")] + whenColumns + [
            Column("Programme name"), Column("Cohort"), Column("Title"), Column("Venue name"), Column("Room"), Column("Participants", .integer),
        ], rows: scenario.facilitators.flatMap { f in
            byDate.filter { $0.facilitators.contains(f.id) }.map { s in
                [.text(f.id), .text(f.name)] + when(s) + [.text(n.programme(s.programme)), .text(s.cohort), .text(n.sessionTitle(s)),
                                                           .text(n.venue(s.venue)), text(s.room), .number(Double(s.participants))]
            }
        }))

        sheets.append(SheetTable(name: "By venue", columns: [Column("Venue"), Column("Venue name"), Column("Room")] + whenColumns + [
            Column("Programme name"), Column("Cohort"), Column("Title"), Column("Facilitator names"), Column("Participants", .integer),
        ], rows: scenario.venues.flatMap { v in
            byDate.filter { $0.venue == v.id }.map { s in
                [.text(v.id), .text(v.name), text(s.room)] + when(s) + [.text(n.programme(s.programme)), .text(s.cohort), .text(n.sessionTitle(s)),
                                                                        text(n.people(s.facilitators)), .number(Double(s.participants))]
            }
        }))

        sheets.append(SheetTable(name: "By borough", columns: [Column("Borough")] + whenColumns + [
            Column("Programme name"), Column("Cohort"), Column("Title"), Column("Venue name"), Column("Facilitator names"), Column("Participants", .integer),
        ], rows: scenario.authorities.flatMap { a in
            byDate.filter { n.cohortAuthority[$0.cohort] == a.id }.map { s in
                [.text(a.name)] + when(s) + [.text(n.programme(s.programme)), .text(s.cohort), .text(n.sessionTitle(s)), .text(n.venue(s.venue)),
                                             text(n.people(s.facilitators)), .number(Double(s.participants))]
            }
        }))

        sheets.append(SheetTable(name: "Forums", columns: [Column("Date", .longDate), Column("Start", .time), Column("End", .time), Column("Half-term"),
                                                           Column("Forum"), Column("For"), Column("Venue name"), Column("Room"), Column("Chair"),
                                                           Column("Chair name"), Column("Attendees", .integer)],
            rows: plan.forums.sorted { ($0.date, $0.scope) < ($1.date, $1.scope) }.map { f in
                [date(f.date), time(f.start), time(PlanNames.end(f.start, hours: f.hours)), .text(f.halfTerm.rawValue),
                 .text(scenario.forums.first { $0.id == f.forum }?.name ?? f.forum), .text(n.authority(f.scope)), .text(n.venue(f.venue)),
                 text(f.room), .text(f.chair), .text(n.person(f.chair)), .number(Double(f.attendees))]
            }))

        sheets.append(SheetTable(name: "Adviser days", columns: [Column("Date", .longDate), Column("Half-term"), Column("School"), Column("School name"),
                                                                 Column("Borough"), Column("Adviser"), Column("Adviser name"), Column("Kind"), Column("Days", .decimal)],
            rows: plan.adviserAssignments.sorted { ($0.date?.ordinal ?? 0, $0.school) < ($1.date?.ordinal ?? 0, $1.school) }.map { a in
                [date(a.date), .text(a.halfTerm.rawValue), .text(a.school), .text(n.school(a.school)), text(n.schoolAuthority(a.school).map(n.authority)),
                 .text(a.adviser), .text(n.adviser(a.adviser)), .text(a.kind.rawValue), .number(a.days)]
            }))

        if let reviews = plan.inductionReviews {
            sheets.append(SheetTable(name: "Induction reviews", columns: [Column("Date", .longDate), Column("Half-term"), Column("School"),
                                                                        Column("School name"), Column("Borough"), Column("Assessor"), Column("Assessor name"),
                                                                        Column("Inductions", .integer), Column("Hours", .decimal), Column("Kind")],
                rows: reviews.map { r in
                    [date(r.date), .text(r.halfTerm.rawValue), .text(r.school), .text(n.school(r.school)), text(n.schoolAuthority(r.school).map(n.authority)),
                     .text(r.assessor), .text(n.person(r.assessor)), .number(Double(r.inductions)), .number(r.hours), .text(r.kind)]
                }))
        }

        var costs: [[Value?]] = CostTerm.allCases.map { [.text("term"), .text(PlanNames.costTerm($0)), .number(plan.costs[$0] ?? 0)] }
        costs.append([.text("term"), .text("Total"), .number(plan.objective)])
        costs += plan.costsByAuthority.sorted { $0.key < $1.key }.map { [.text("borough"), .text(n.authority($0.key)), .number($0.value)] }
        costs += plan.costsByProgramme.sorted { $0.key < $1.key }.map { [.text("programme"), .text(n.programme($0.key)), .number($0.value)] }
        sheets.append(SheetTable(name: "Costs", columns: [Column("By"), Column("Item", width: 36), Column("Cost (£)", .pounds)], rows: costs))

        sheets.append(SheetTable(name: "Unmet demand", columns: [Column("What", width: 40), Column("Amount", .decimal), Column("Reason", .wrapped)],
            rows: plan.unmet.map { [.text($0.what), .number($0.amount), .text($0.why)] }))

        sheets.append(SheetTable(name: "Utilisation", columns: [Column("Kind"), Column("Id"), Column("Name"), Column("Days used", .decimal),
                                                                Column("Days available", .decimal), Column("Share", .percent)],
            rows: plan.utilisation.sorted { ($0.kind.rawValue, $0.id) < ($1.kind.rawValue, $1.id) }.map { u in
                let name = u.kind == .venue ? n.venue(u.id) : n.person(u.id)
                return [.text(u.kind.rawValue), .text(u.id), .text(name), .number(u.used), .number(u.available),
                        .number(u.available > 0 ? u.used / u.available : 0)]
            }))
        return sheets.map { var s = $0; s.fitWidths(); return s }
    }
}
