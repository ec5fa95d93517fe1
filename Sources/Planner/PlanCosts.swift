import HubModel

/// Prices a plan term by term, from the plan alone (the same rules the model
/// optimises; docs/model.md lists them), and breaks costs down by authority
/// and programme.
public struct PlanCosts {
    public let scenario: Scenario
    /// Last year's teams, by cohort: a continued cohort pays `brokenContinuity` for each member not kept.
    let lastYearTeams: [String: [String]]

    public init(scenario: Scenario, lastYear: Plan? = nil) {
        self.scenario = scenario
        lastYearTeams = Dictionary((lastYear?.cohorts ?? []).map { ($0.id, $0.facilitators) }, uniquingKeysWith: { a, _ in a })
    }

    public struct Breakdown: Sendable {
        public var byTerm: [CostTerm: Double] = [:]
        public var byAuthority: [String: Double] = [:]
        public var byProgramme: [String: Double] = [:]
        public var total: Double { byTerm.values.reduce(0, +) }
    }

    /// The plan with its costs (to the penny), reach and utilisation filled in.
    public func priced(_ draft: Plan) -> Plan {
        var plan = draft
        let costs = price(draft)
        func pennies(_ x: Double) -> Double { (x * 100).rounded() / 100 }
        plan.costs = costs.byTerm.mapValues(pennies)
        plan.objective = pennies(costs.total)
        plan.costsByAuthority = costs.byAuthority.mapValues(pennies)
        plan.costsByProgramme = costs.byProgramme.mapValues(pennies)
        plan.reach = Reach(plan: draft, scenario: scenario)
        plan.calendar = CalendarFigures(plan: draft, scenario: scenario)
        let use = Utilisation(plan: draft, scenario: scenario)
        plan.utilisation = use.facilitators.map { UtilisationEntry(kind: .facilitator, id: $0.id, used: $0.used, available: $0.available) }
            + use.advisers.map { UtilisationEntry(kind: .adviser, id: $0.id, used: $0.used, available: $0.available) }
            + use.venues.map { UtilisationEntry(kind: .venue, id: $0.id, used: $0.used, available: $0.available) }
        return plan
    }

    public func price(_ plan: Plan) -> Breakdown {
        let ctx = PlanningContext(scenario)
        let w = scenario.weights
        var b = Breakdown()
        for t in CostTerm.allCases { b.byTerm[t] = 0 }
        let cohortById = Dictionary(plan.cohorts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func add(_ term: CostTerm, _ x: Double, authority: String?, programme: String?) {
            b.byTerm[term, default: 0] += x
            if let authority { b.byAuthority[authority, default: 0] += x }
            if let programme { b.byProgramme[programme, default: 0] += x }
        }
        var load: [String: Double] = [:]
        // An event's people and room are paid once, whichever of its cohorts' sessions comes first.
        var eventsPaid: Set<String> = []
        let hubEvents = Set((plan.events ?? []).filter { $0.scope == "hub" }.map(\.id))
        for s in plan.sessions {
            let cohort = cohortById[s.cohort]
            let la = s.event.map { hubEvents.contains($0) } == true ? nil : cohort?.authority
            let days = StaffDays(hours: s.hours).days
            let paid = s.event.map { !eventsPaid.insert($0).inserted } ?? false
            for f in s.facilitators where !paid {
                guard let fac = ctx.facilitatorById[f] else { continue }
                add(.facilitatorDays, fac.dayRate * days * w.staffDays, authority: la, programme: s.programme)
                load[f, default: 0] += days
                if let v = s.venue.flatMap({ ctx.venueById[$0] }) {
                    add(.facilitatorTravel, fac.home.travelMinutes(to: v.location) * w.staffTravelPerMinute, authority: la, programme: s.programme)
                }
            }
            if let v = s.venue.flatMap({ ctx.venueById[$0] }), let cohort {
                if !paid { add(.venueHire, v.dayCost * w.venueHire, authority: la, programme: s.programme) }
                // Those at the session: late joiners travel from their intake on.
                let minutes = cohort.present(at: s.halfTerm).reduce(0.0) { total, place in
                    total + Double(place.participants) * (ctx.origin(ofSchool: place.school)?.travelMinutes(to: v.location) ?? 0)
                }
                add(.participantTravel, minutes * w.participantTravelPerMinute, authority: cohort.authority, programme: s.programme)
            }
        }
        let totalLoad = load.values.reduce(0, +)
        let mean = totalLoad / Double(max(1, scenario.facilitators.count))
        for (_, l) in load where l > mean { add(.loadImbalance, (l - mean) * w.loadImbalance, authority: nil, programme: nil) }
        var supporters: [String: Set<String>] = [:]
        for a in plan.adviserAssignments {
            guard let adv = ctx.adviserById[a.adviser], let school = ctx.schoolById[a.school] else { continue }
            add(.adviserDays, adv.dayRate * a.days * w.staffDays, authority: school.authority, programme: nil)
            add(.adviserTravel, adv.home.travelMinutes(to: school.location) * w.staffTravelPerMinute, authority: school.authority, programme: nil)
            supporters[a.school, default: []].insert(a.adviser)
        }
        for (school, advisers) in supporters where advisers.count > 1 {
            add(.brokenContinuity, Double(advisers.count - 1) * w.brokenContinuity, authority: ctx.schoolById[school]?.authority, programme: nil)
        }
        let forumSeries = Dictionary(scenario.forums.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for f in plan.forums {
            guard let v = ctx.venueById[f.venue], let chair = ctx.adviserById[f.chair], let series = forumSeries[f.forum] else { continue }
            let la = f.scope == "hub" ? nil : f.scope
            let authorities = la.map { [$0] } ?? scenario.authorities.map(\.id)
            let schools = scenario.focusSchools.compactMap { ctx.schoolById[$0.school] }.filter { authorities.contains($0.authority) }
            let travel = schools.reduce(0.0) { $0 + (ctx.origin(ofSchool: $1.id) ?? $1.location).travelMinutes(to: v.location) }
            add(.venueHire, v.dayCost * w.venueHire, authority: la, programme: nil)
            add(.participantTravel, travel * w.participantTravelPerMinute, authority: la, programme: nil)
            add(.adviserTravel, chair.home.travelMinutes(to: v.location) * w.staffTravelPerMinute, authority: la, programme: nil)
            add(.adviserDays, StaffDays(hours: series.hours).days * chair.dayRate * w.staffDays, authority: la, programme: nil)
        }
        for c in plan.cohorts {
            guard let old = c.continues.flatMap({ lastYearTeams[$0] }) else { continue }
            let dropped = Set(old).subtracting(c.facilitators).count
            if dropped > 0 { add(.brokenContinuity, Double(dropped) * w.brokenContinuity, authority: c.authority, programme: c.programme) }
        }
        let assessors = Dictionary(scenario.assessors.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var visited: Set<String> = []
        for r in plan.inductionReviews ?? [] {
            guard let a = assessors[r.assessor], let school = ctx.schoolById[r.school] else { continue }
            add(.assessorTime, r.hours * a.hourlyRate * w.staffDays, authority: school.authority, programme: nil)
            // One visit a year to each school an assessor reviews.
            if visited.insert("\(a.id)|\(school.id)").inserted {
                add(.assessorTravel, a.home.travelMinutes(to: school.location) * w.staffTravelPerMinute, authority: school.authority, programme: nil)
            }
        }
        for u in plan.unmet { add(.unmetDemand, u.amount * w.unmet, authority: nil, programme: nil) }
        // An event's session held on its own: its participants miss the gathering.
        let gathering = Set(scenario.programmes.flatMap { p in p.sessions.filter { $0.gathers != nil }.map { "\(p.id)|\($0.number)" } })
        for s in plan.sessions where s.event == nil && gathering.contains("\(s.programme)|\(s.session)") {
            add(.eventsApart, Double(s.participants) * w.eventApart, authority: cohortById[s.cohort]?.authority, programme: s.programme)
        }
        for charge in DateCosts.charges(plan, scenario) {
            add(charge.term, charge.amount, authority: charge.cohort.authority, programme: charge.cohort.programme)
        }
        return b
    }
}
