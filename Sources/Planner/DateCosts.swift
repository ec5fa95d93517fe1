import HubModel

/// What makes a date good or bad, as costs (docs/model.md, "Dates"): teachers released
/// from school, a second cohort out of one school on one day, days a school asked to
/// avoid, sessions of a cohort too close together or too far apart, and a cohort
/// meeting off its usual weekday. The pricing of a plan and the dating model both take
/// their numbers from here; the checker's `date-costs` rule recomputes them on its own.
enum DateCosts {
    /// Days out of school a session costs each participant: in-person sessions starting
    /// before 15:00, a half day or a day by length; twilights and online sessions none.
    static func releaseDays(start: String, hours: Double, online: Bool) -> Double {
        online || !DayParts.releasesTeachers(start: start) ? 0 : StaffDays(hours: hours).days
    }

    /// Supply cover for one participant at these sessions (the same wherever they meet).
    static func release(_ sessions: [SessionPattern], _ w: ObjectiveWeights) -> Double {
        sessions.reduce(0) { $0 + releaseDays(start: $1.start, hours: $1.hours, online: $1.mode == .online) } * w.releasePerDay
    }

    /// Days by which a gap between two sessions of a cohort falls outside the wanted spacing.
    static func spacingMiss(gap: Int, _ w: ObjectiveWeights) -> Double {
        max(0, w.minSpacingDays - Double(gap)) + max(0, Double(gap) - w.maxSpacingDays)
    }

    /// Participants, of (school, participants) places, whose schools asked to avoid a day with these closures.
    static func teachersAsked(_ places: [(school: String, participants: Int)], _ closures: [Closure], schools: [String: School]) -> Int {
        places.filter { place in schools[place.school].map { school in closures.contains { $0.concerns(school) } } ?? false }
            .reduce(0) { $0 + $1.participants }
    }

    /// The weekday most of these dates fall on (the earlier weekday on a tie).
    static func usualWeekday(_ days: [Day]) -> Weekday? {
        let counts = Dictionary(grouping: days, by: \.weekday).mapValues(\.count)
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    /// One priced amount, with the cohort it belongs to (for the breakdowns by authority and programme).
    struct Charge {
        let term: CostTerm
        let amount: Double
        let cohort: PlanCohort
    }

    /// Every date cost of a plan.
    static func charges(_ plan: Plan, _ scenario: Scenario) -> [Charge] {
        let w = scenario.weights
        let cohorts = Dictionary(plan.cohorts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let schools = Dictionary(scenario.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let avoid = Dictionary(grouping: scenario.calendar.closures.filter(\.isAvoided), by: \.day)
        var out: [Charge] = []
        // "school|day" → the meetings (a cohort's session, or an event) with its teachers out, and their cohorts.
        var released: [String: [(meeting: String, cohort: PlanCohort)]] = [:]
        for s in plan.sessions {
            guard let c = cohorts[s.cohort] else { continue }
            let days = releaseDays(start: s.start, hours: s.hours, online: s.online)
            // Those at the session: late joiners are released from their intake on.
            let present = c.present(at: s.halfTerm)
            if days > 0 {
                let teachers = present.reduce(0) { $0 + $1.participants }
                out.append(Charge(term: .schoolRelease, amount: Double(teachers) * days * w.releasePerDay, cohort: c))
                for place in present where place.participants > 0 {
                    released["\(place.school)|\(s.date)", default: []].append((s.meeting, c))
                }
            }
            if let closures = avoid[s.date] {
                let teachers = teachersAsked(present.map { ($0.school, $0.participants) }, closures, schools: schools)
                if teachers > 0 { out.append(Charge(term: .avoidDays, amount: Double(teachers) * w.avoidDay, cohort: c)) }
            }
        }
        for (_, list) in released {
            // Teachers of one school at one event are not a clash: one charge per meeting beyond the first.
            let distinct = Dictionary(list.map { ($0.meeting, $0.cohort) }, uniquingKeysWith: { a, b in a.id <= b.id ? a : b })
                .sorted { $0.key < $1.key }.map(\.value)
            for c in distinct.dropFirst() { out.append(Charge(term: .schoolDayClashes, amount: w.schoolDayClash, cohort: c)) }
        }
        for (id, sessions) in Dictionary(grouping: plan.sessions, by: \.cohort) {
            guard let c = cohorts[id] else { continue }
            let dates = sessions.sorted { $0.session < $1.session }.map(\.date)
            for (a, b) in zip(dates, dates.dropFirst()) {
                let miss = spacingMiss(gap: a.distance(to: b), w)
                if miss > 0 { out.append(Charge(term: .sessionSpacing, amount: miss * w.spacingPerDay, cohort: c)) }
            }
            if let usual = usualWeekday(dates) {
                let off = dates.filter { $0.weekday != usual }.count
                if off > 0 { out.append(Charge(term: .weekdayChanges, amount: Double(off) * w.weekdayChange, cohort: c)) }
            }
        }
        return out
    }
}
