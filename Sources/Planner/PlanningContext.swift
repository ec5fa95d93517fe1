import HubModel

/// Facts about a scenario the planning stages share: zones, travel times,
/// teaching days. Built once per plan.
struct PlanningContext {
    let scenario: Scenario
    let schoolById: [String: School]
    let venueById: [String: Venue]
    let facilitatorById: [String: Facilitator]
    let adviserById: [String: ExpertAdviser]

    /// Participants grouped by (authority, town): the unit cohorts are formed from.
    struct Zone {
        var id: String
        var authority: String
        var town: String
        var location: GeoPoint
        /// (school, participants) in a fixed order.
        var schools: [(String, Int)]
        var participants: Int { schools.reduce(0) { $0 + $1.1 } }
    }

    init(_ s: Scenario) {
        scenario = s
        schoolById = Dictionary(s.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        venueById = Dictionary(s.venues.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        facilitatorById = Dictionary(s.facilitators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        adviserById = Dictionary(s.advisers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Participants' travel is measured from the centre of their school's town
        // (the mean position of the town's schools), so every participant of a
        // zone travels the same time to a venue and the model's cost is exact.
        var sums: [String: (Double, Double, Int)] = [:]
        for school in s.schools {
            let key = "\(school.authority)/\(school.town)"
            let t = sums[key] ?? (0, 0, 0)
            sums[key] = (t.0 + school.location.latitude, t.1 + school.location.longitude, t.2 + 1)
        }
        townCentre = sums.mapValues { GeoPoint(latitude: $0.0 / Double($0.2), longitude: $0.1 / Double($0.2)) }
    }

    /// (authority/town) → the mean position of its schools.
    let townCentre: [String: GeoPoint]

    /// Where a school's participants are taken to travel from.
    func origin(ofSchool id: String) -> GeoPoint? {
        guard let s = schoolById[id] else { return nil }
        return townCentre["\(s.authority)/\(s.town)"]
    }

    /// Zones of one programme's participants, sorted by id.
    /// The programme's cheapest qualified facilitator's day rate: what a facilitator place is priced at.
    func cheapestRate(_ p: Programme) -> Double {
        scenario.facilitators.filter { $0.qualifications.contains(p.id) }.map(\.dayRate).min() ?? 0
    }

    /// The day rates stage A prices a cohort's places at: its first, at the cheapest rate of
    /// those who could be on its team (qualified, and free in every half-term it meets), and
    /// each further one at the second cheapest, since a team's places are different people
    /// (the oracle sweep's E48: three cohorts of two places each needed the dearer of its two
    /// people on every team, where five of one or two places did not).
    func placeRates(_ p: Programme) -> (first: Double, more: Double) {
        let rates = teamCandidates(p).map(\.dayRate).sorted()
        let first = rates.first ?? cheapestRate(p)
        return (first, rates.dropFirst().first ?? first)
    }

    /// Those who could be on a cohort's team: qualified, and free on some day of every half-term it meets.
    func teamCandidates(_ p: Programme) -> [Facilitator] {
        let meets = Set(p.sessions.map(\.halfTerm))
        return scenario.facilitators.filter { f in f.qualifications.contains(p.id) && meets.allSatisfy { availableDays(facilitator: f.id, $0) > 0 } }
    }

    /// The zones of a programme's starters: those there from its first session.
    func zones(programme: String) -> [Zone] {
        zones(of: scenario.enrolment.filter { $0.programme == programme && $0.intake == nil }.map { ($0.school, $0.participants) })
    }

    /// The zones of a programme's late starters, by intake, earliest first (``IntakeStage``).
    func lateZones(programme: String) -> [(intake: HalfTerm, zones: [Zone])] {
        let late = scenario.enrolment.filter { $0.programme == programme && $0.intake != nil }
        return Dictionary(grouping: late) { $0.intake! }.sorted { $0.key < $1.key }.map { ht, rows in
            (ht, zones(of: rows.map { ($0.school, $0.participants) }))
        }
    }

    /// Zones of some participants, (school, participants), each school listed once.
    func zones(of participants: [(String, Int)]) -> [Zone] {
        var byKey: [String: Zone] = [:]
        for (id, n) in participants where n > 0 {
            guard let school = schoolById[id] else { continue }
            let key = "\(school.authority)/\(school.town)"
            if byKey[key] == nil {
                byKey[key] = Zone(id: key, authority: school.authority, town: school.town, location: school.location, schools: [])
            }
            byKey[key]!.schools.append((id, n))
        }
        return byKey.values.map { z in
            var zone = z
            zone.schools.sort { ($0.1, $0.0) > ($1.1, $1.0) }
            zone.location = townCentre[z.id] ?? z.location
            return zone
        }.sorted { $0.id < $1.id }
    }

    /// Teaching days common to the given authorities in a half-term.
    func teachingDays(_ authorities: [String], _ ht: HalfTerm) -> [Day] {
        scenario.calendar.commonTeachingDays(authorities: authorities.sorted(), halfTerm: ht)
    }

    /// Whether a venue can be used on a day (weekday and unavailability).
    func venueOpen(_ v: Venue, _ d: Day) -> Bool { v.weekdays.contains(d.weekday) && !scenario.isUnavailable(v.id, on: d) }

    /// Days in a half-term a facilitator could work in any authority.
    func availableDays(facilitator f: String, _ ht: HalfTerm) -> Int {
        let days = Set(scenario.authorities.flatMap { scenario.calendar.teachingDays(authority: $0.id, halfTerm: ht) })
        return days.filter { !scenario.isUnavailable(f, on: $0) }.count
    }
}
