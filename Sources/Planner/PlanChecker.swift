import HubModel

/// One broken hard rule in a plan.
public struct PlanViolation: Sendable, Equatable, CustomStringConvertible {
    /// Short rule name, e.g. `facilitator-double-booked`.
    public var rule: String
    public var message: String

    public var description: String { "\(rule): \(message)" }
}

/// Re-checks a plan against its scenario with code of its own: it reads only
/// the scenario's data and the plan, and shares no logic with the model or
/// the dating pass, so a bug in either shows up here.
public struct PlanChecker {
    public let scenario: Scenario

    public init(scenario: Scenario) { self.scenario = scenario }

    public func check(_ plan: Plan) -> [PlanViolation] {
        var out: [PlanViolation] = []
        func fail(_ rule: String, _ message: String) { out.append(PlanViolation(rule: rule, message: message)) }

        let programmes = Dictionary(scenario.programmes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let schools = Dictionary(scenario.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let venues = Dictionary(scenario.venues.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let facilitators = Dictionary(scenario.facilitators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let advisers = Dictionary(scenario.advisers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        // Cohorts: sizes, enrolment, authorities, travel.
        var placed: [String: Int] = [:]
        for c in plan.cohorts {
            guard let p = programmes[c.programme] else { fail("unknown-programme", "cohort \(c.id): programme '\(c.programme)'"); continue }
            let size = c.participants
            if size < p.cohortMin || size > p.cohortMax {
                fail("cohort-size", "cohort \(c.id) has \(size) participants; \(p.id) cohorts take \(p.cohortMin) to \(p.cohortMax)")
            }
            var las: Set<String> = []
            for place in c.schools {
                guard let school = schools[place.school] else { fail("unknown-school", "cohort \(c.id): school '\(place.school)'"); continue }
                las.insert(school.authority)
                placed["\(place.school)|\(c.programme)", default: 0] += place.participants
                if let vid = c.venue, let v = venues[vid] {
                    let minutes = townCentre(school).travelMinutes(to: v.location)
                    if minutes > scenario.solver.maxTravelMinutes + 1e-9 {
                        fail("travel-limit", "cohort \(c.id): \(school.id) (\(school.town)) is \(Int(minutes)) minutes from \(v.id); the limit is \(Int(scenario.solver.maxTravelMinutes))")
                    }
                }
            }
            if !p.crossAuthority && las.count > 1 {
                fail("cohort-authority", "cohort \(c.id) mixes \(las.sorted().joined(separator: ", ")); \(p.id) cohorts stay in one authority")
            }
            if let vid = c.venue, venues[vid] == nil { fail("unknown-venue", "cohort \(c.id): venue '\(vid)'") }
        }
        var enrolled: [String: Int] = [:]
        for e in scenario.enrolment { enrolled["\(e.school)|\(e.programme)", default: 0] += e.participants }
        for (key, n) in placed where n > (enrolled[key] ?? 0) {
            fail("over-enrolled", "\(key.replacingOccurrences(of: "|", with: ", ")): \(n) placed, \(enrolled[key] ?? 0) enrolled")
        }
        // Every participant enrolled on a programme with sessions is in a cohort or counted as unmet.
        for p in scenario.programmes where !p.sessions.isEmpty {
            let wanted = scenario.enrolment.filter { $0.programme == p.id }.reduce(0) { $0 + $1.participants }
            let inCohorts = plan.cohorts.filter { $0.programme == p.id }.reduce(0) { $0 + $1.participants }
            let listed = plan.unmet.filter { Self.isParticipants($0.what, of: p.id) }.reduce(0.0) { $0 + $1.amount }
            if Double(wanted - inCohorts) > listed + 1e-9 {
                fail("participants-unaccounted", "\(p.id): \(wanted) enrolled, \(inCohorts) in cohorts and \(listed.formatted()) listed as unmet")
            }
        }

        // Sessions: each pattern once, right half-term, teaching day, venue, room, team, order.
        var personDays: [String: [String]] = [:]   // "who|date" → what
        var roomDays: [String: [String]] = [:]
        var facilitatorLoad: [String: Double] = [:]
        let byCohort = Dictionary(grouping: plan.sessions, by: \.cohort)
        for c in plan.cohorts {
            guard let p = programmes[c.programme] else { continue }
            let mine = (byCohort[c.id] ?? []).sorted { $0.session < $1.session }
            let numbers = mine.map(\.session)
            for pat in p.sessions where !numbers.contains(pat.number) {
                let listed = plan.unmet.filter { $0.what.contains(c.id) && $0.what.contains("session \(pat.number)") }
                if listed.isEmpty {
                    fail("session-missing", "cohort \(c.id): session \(pat.number) is neither planned nor listed as unmet")
                } else if listed.reduce(0.0, { $0 + $1.amount }) + 1e-9 < Double(c.participants) {
                    fail("unmet-amount", "cohort \(c.id): session \(pat.number) is listed as unmet for fewer than its \(c.participants) participants")
                }
            }
            if Set(numbers).count != numbers.count { fail("session-duplicate", "cohort \(c.id) has a session number twice") }
            var previous: Day?
            for s in mine {
                guard let pat = p.sessions.first(where: { $0.number == s.session }) else {
                    fail("session-unknown", "cohort \(c.id): \(p.id) has no session \(s.session)"); continue
                }
                guard let day = Day(iso: s.date) else { fail("session-date", "cohort \(c.id) session \(s.session): '\(s.date)' is not a date"); continue }
                if s.halfTerm != pat.halfTerm.rawValue {
                    fail("session-half-term", "cohort \(c.id) session \(s.session) is in \(s.halfTerm); the programme puts it in \(pat.halfTerm.rawValue)")
                }
                let las = Set(c.schools.compactMap { schools[$0.school]?.authority })
                for la in las.sorted() {
                    if let why = notTeaching(day, authority: la, halfTerm: pat.halfTerm) {
                        fail("term-dates", "cohort \(c.id) session \(s.session) on \(day): \(why) in \(la)")
                    }
                }
                if let prev = previous, day <= prev {
                    fail("session-order", "cohort \(c.id) session \(s.session) on \(day) is not after the previous session (\(prev))")
                }
                previous = day
                let need = max(1, (s.participants + p.participantsPerFacilitator - 1) / p.participantsPerFacilitator)
                if s.facilitators.count < need {
                    fail("facilitator-count", "cohort \(c.id) session \(s.session): \(s.facilitators.count) facilitator(s) for \(s.participants); needs \(need)")
                }
                if s.participants != c.participants {
                    fail("session-participants", "cohort \(c.id) session \(s.session) lists \(s.participants) participants; the cohort has \(c.participants)")
                }
                let days = pat.hours > 3.5 ? 1.0 : 0.5
                for fid in s.facilitators {
                    guard let f = facilitators[fid] else { fail("unknown-facilitator", "cohort \(c.id) session \(s.session): '\(fid)'"); continue }
                    if !f.qualifications.contains(p.id) {
                        fail("qualification", "\(fid) is not qualified for \(p.id) (cohort \(c.id) session \(s.session))")
                    }
                    if unavailable(fid, day) { fail("availability", "\(fid) is unavailable on \(day) (cohort \(c.id) session \(s.session))") }
                    personDays["\(fid)|\(day)", default: []].append("\(c.id) session \(s.session)")
                    facilitatorLoad["\(fid)|\(pat.halfTerm.rawValue)", default: 0] += days
                    facilitatorLoad[fid, default: 0] += days
                }
                if pat.mode == .online {
                    if s.venue != nil || !s.online { fail("online-venue", "cohort \(c.id) session \(s.session) is online but has a venue") }
                } else {
                    guard let vid = s.venue, let v = venues[vid] else {
                        fail("venue-missing", "cohort \(c.id) session \(s.session) meets in person without a venue"); continue
                    }
                    if vid != c.venue { fail("venue-continuity", "cohort \(c.id) session \(s.session) is at \(vid), not the cohort's venue") }
                    if !v.weekdays.contains(day.weekday) { fail("venue-weekday", "\(vid) is not open on \(day.weekday.rawValue) \(day)") }
                    if unavailable(vid, day) { fail("venue-availability", "\(vid) is unavailable on \(day)") }
                    guard let roomId = s.room, let room = v.rooms.first(where: { $0.id == roomId }) else {
                        fail("room-missing", "cohort \(c.id) session \(s.session): no room of \(vid)"); continue
                    }
                    if room.capacity < s.participants {
                        fail("room-capacity", "\(vid) \(roomId) seats \(room.capacity); cohort \(c.id) has \(s.participants)")
                    }
                    roomDays["\(vid)|\(roomId)|\(day)", default: []].append("\(c.id) session \(s.session)")
                }
            }
        }
        for f in scenario.facilitators {
            if let used = facilitatorLoad[f.id], used > f.daysPerYear + 1e-9 {
                fail("facilitator-year-load", "\(f.id) works \(used) days; available \(f.daysPerYear) in the year")
            }
            for ht in HalfTerm.allCases {
                if let used = facilitatorLoad["\(f.id)|\(ht.rawValue)"], used > f.daysPerHalfTerm + 1e-9 {
                    fail("facilitator-term-load", "\(f.id) works \(used) days in \(ht.rawValue); available \(f.daysPerHalfTerm)")
                }
            }
        }

        // Forums: one per series, scope and half-term, in scope, seated, chaired.
        for series in scenario.forums {
            let scopes: [(String, [String])] = series.scope == .hub
                ? [("hub", scenario.authorities.map(\.id))] : scenario.authorities.map { ($0.id, [$0.id]) }
            for (scope, las) in scopes {
                for ht in series.halfTerms {
                    let meetings = plan.forums.filter { $0.forum == series.id && $0.scope == scope && $0.halfTerm == ht.rawValue }
                    let listed = plan.unmet.filter { $0.what == "forum \(series.id) \(scope) \(ht.rawValue)" }
                    if meetings.isEmpty && listed.isEmpty {
                        fail("forum-missing", "\(series.id) \(scope) \(ht.rawValue) is neither planned nor listed as unmet")
                    } else if meetings.isEmpty && listed.reduce(0.0, { $0 + $1.amount }) < 1 - 1e-9 {
                        fail("unmet-amount", "forum \(series.id) \(scope) \(ht.rawValue) is listed as unmet with an amount below 1")
                    }
                    let expected = scenario.focusSchools.filter { schools[$0.school].map { las.contains($0.authority) } ?? false }.count
                        + series.extraAttendees
                    if meetings.count > 1 { fail("forum-duplicate", "\(series.id) \(scope) \(ht.rawValue) meets \(meetings.count) times") }
                    for m in meetings {
                        if m.attendees < expected {
                            fail("forum-attendees", "forum \(series.id) \(scope) \(ht.rawValue) seats \(m.attendees); \(expected) are expected (Focus Schools in scope and extra attendees)")
                        }
                        guard let day = Day(iso: m.date) else { fail("forum-date", "\(series.id) \(scope): '\(m.date)'"); continue }
                        for la in las { if let why = notTeaching(day, authority: la, halfTerm: ht) { fail("term-dates", "forum \(series.id) \(scope) on \(day): \(why) in \(la)") } }
                        guard let v = venues[m.venue] else { fail("unknown-venue", "forum \(series.id) \(scope): '\(m.venue)'"); continue }
                        if series.scope == .authority && v.authority != scope { fail("forum-venue", "forum \(series.id) \(scope) meets at \(v.id) in \(v.authority)") }
                        if !v.weekdays.contains(day.weekday) { fail("venue-weekday", "\(v.id) is not open on \(day.weekday.rawValue) \(day)") }
                        if unavailable(v.id, day) { fail("venue-availability", "\(v.id) is unavailable on \(day)") }
                        if let room = v.rooms.first(where: { $0.id == m.room }) {
                            if room.capacity < m.attendees { fail("room-capacity", "\(v.id) \(room.id) seats \(room.capacity); forum has \(m.attendees)") }
                        } else {
                            fail("room-missing", "forum \(series.id) \(scope): no room '\(m.room)' at \(v.id)")
                        }
                        roomDays["\(v.id)|\(m.room)|\(day)", default: []].append("forum \(series.id) \(scope)")
                        if let chair = advisers[m.chair] {
                            if !las.allSatisfy({ chair.authorities.contains($0) }) && series.scope == .authority {
                                fail("forum-chair", "\(chair.id) does not cover \(scope)")
                            }
                            if unavailable(chair.id, day) { fail("availability", "\(chair.id) is unavailable on \(day)") }
                        } else {
                            fail("unknown-adviser", "forum \(series.id) \(scope): chair '\(m.chair)'")
                        }
                        personDays["\(m.chair)|\(day)", default: []].append("chairing \(series.id) \(scope)")
                    }
                }
            }
        }

        // Advisers: coverage, teaching days, days per half-term, continuity, capacity.
        var adviserDays: [String: Double] = [:]
        for a in plan.adviserAssignments {
            guard let adv = advisers[a.adviser], let school = schools[a.school] else {
                fail("unknown-adviser", "assignment of '\(a.adviser)' to '\(a.school)'"); continue
            }
            if !adv.authorities.contains(school.authority) { fail("adviser-coverage", "\(adv.id) does not cover \(school.authority) (\(school.id))") }
            if !(a.days > 0 && a.days <= 1) { fail("visit-length", "\(adv.id) at \(school.id): a visit of \(a.days) days; a visit is at most one day") }
            adviserDays[adv.id, default: 0] += a.days
            if let ds = a.date, let day = Day(iso: ds), let ht = HalfTerm(rawValue: a.halfTerm) {
                if let why = notTeaching(day, authority: school.authority, halfTerm: ht) { fail("term-dates", "\(adv.id) at \(school.id) on \(day): \(why)") }
                if unavailable(adv.id, day) { fail("availability", "\(adv.id) is unavailable on \(day)") }
                personDays["\(adv.id)|\(day)", default: []].append("visit to \(school.id)")
            }
        }
        for a in scenario.advisers where (adviserDays[a.id] ?? 0) > a.capacityDays + 1e-9 {
            fail("adviser-capacity", "\(a.id) gives \(adviserDays[a.id]!) support days; capacity \(a.capacityDays)")
        }
        for need in scenario.focusSchools {
            for ht in HalfTerm.allCases {
                let needed = Double(need.daysPerHalfTerm + (ht == .ht1 ? need.auditDays : 0))
                let given = plan.adviserAssignments.filter { $0.school == need.school && $0.halfTerm == ht.rawValue }.reduce(0) { $0 + $1.days }
                let listedUnmet = plan.unmet.filter { $0.what.contains("Focus School \(need.school)") && ($0.what.contains(ht.rawValue) || !$0.what.contains("HT")) }
                if given + 1e-9 < needed && listedUnmet.isEmpty {
                    fail("support-days", "\(need.school) gets \(given) of \(needed) support days in \(ht.rawValue), and the shortfall is not listed as unmet")
                }
            }
            // The days listed as unmet cover the whole shortfall over the year.
            let needed = Double(HalfTerm.allCases.reduce(0) { $0 + need.daysPerHalfTerm + ($1 == .ht1 ? need.auditDays : 0) })
            let given = plan.adviserAssignments.filter { $0.school == need.school }.reduce(0) { $0 + $1.days }
            let listed = plan.unmet.filter { $0.what.hasPrefix("Focus School \(need.school):") }.reduce(0.0) { $0 + $1.amount }
            if given + listed + 1e-9 < needed {
                fail("unmet-amount", "\(need.school) gets \(given.formatted()) of \(needed.formatted()) support days, and \(listed.formatted()) are listed as unmet")
            }
        }

        for (key, what) in personDays where what.count > 1 {
            let parts = key.split(separator: "|")
            fail("double-booked", "\(parts[0]) on \(parts[1]): \(what.joined(separator: "; "))")
        }
        for (key, what) in roomDays where what.count > 1 {
            let parts = key.split(separator: "|")
            fail("room-double-booked", "\(parts[0]) \(parts[1]) on \(parts[2]): \(what.joined(separator: "; "))")
        }
        return out.sorted { ($0.rule, $0.message) < ($1.rule, $1.message) }
    }

    /// Whether an unmet item counts participants of the programme ("Town (LA), P: participants", "P LA: participants", "P: participants").
    static func isParticipants(_ what: String, of programme: String) -> Bool {
        guard what.hasSuffix(": participants") else { return false }
        let head = what.dropLast(": participants".count)
        return head == programme || head.hasSuffix(", \(programme)") || head.hasPrefix("\(programme) ")
    }

    /// Why a day is not a usable teaching day of the authority's half-term, or nil if it is.
    func notTeaching(_ day: Day, authority: String, halfTerm: HalfTerm) -> String? {
        guard let range = scenario.calendar.halfTerms[authority]?[halfTerm] else { return "no \(halfTerm.rawValue) dates" }
        if day < range.first || day > range.last { return "outside \(halfTerm.rawValue) (\(range.first) to \(range.last))" }
        if day == range.first || day == range.last { return "first or last day of term" }
        if day.weekday == .saturday || day.weekday == .sunday { return "a weekend" }
        if let c = scenario.calendar.closures.first(where: { $0.day == day && ($0.authority == nil || $0.authority == authority) }) {
            return "closed (\(c.kind.rawValue)\(c.description.isEmpty ? "" : ": \(c.description)"))"
        }
        return nil
    }

    func unavailable(_ who: String, _ day: Day) -> Bool {
        scenario.unavailability.contains { $0.who == who && $0.from <= day && day <= $0.to }
    }

    /// The centre of a school's town: the mean position of the authority's schools in that town.
    func townCentre(_ school: School) -> GeoPoint {
        let same = scenario.schools.filter { $0.authority == school.authority && $0.town == school.town }
        let n = Double(max(1, same.count))
        return GeoPoint(latitude: same.reduce(0) { $0 + $1.location.latitude } / n,
                        longitude: same.reduce(0) { $0 + $1.location.longitude } / n)
    }
}
