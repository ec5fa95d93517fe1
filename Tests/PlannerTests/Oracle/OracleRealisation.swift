import Foundation
import HubModel
@testable import Planner

/// (`@testable` only for the plan types' memberwise initialisers.)
///
/// Turns the oracle's optimum into a whole `Plan` — schools in cohorts, dated
/// sessions, visits and forums — so that `PlanChecker` and `PlanCosts` can
/// judge it. When the checker accepts it and `PlanCosts` prices it at the
/// oracle's value, the oracle's optimum is the cost of a real plan: a bound
/// above it is then wrong for certain, not merely above a relaxation.
///
/// Dates are given greedily (earliest free day that suits everyone, sessions
/// in order); it knows nothing of the planner's dating. It returns nil when
/// the greedy pass finds no day for something, since the oracle leaves dates
/// out and cannot promise one.
struct OracleRealisation {
    let scenario: Scenario
    let oracle: JointOracle.Result
    /// Last year's plan, when the oracle carried on its cohorts (pricing charges their teams' changes).
    var lastYear: Plan? = nil

    func plan() -> Plan? {
        let s = scenario
        let schools = Dictionary(s.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let venues = Dictionary(s.venues.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let programmes = Dictionary(s.programmes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var booked: Set<String> = []
        func free(_ who: String, _ d: Day) -> Bool {
            !booked.contains("\(who)|\(d)") && !s.unavailability.contains { $0.who == who && $0.from <= d && d <= $0.to }
        }
        func room(_ v: Venue, _ d: Day, seats: Int) -> Room? {
            guard v.weekdays.contains(d.weekday), free(v.id, d) else { return nil }
            return v.rooms.filter { $0.capacity >= seats && !booked.contains("\(v.id)|\($0.id)|\(d)") }.min { $0.capacity < $1.capacity }
        }

        // Schools per (programme, zone), filled into cohorts in order.
        // Late starters' rows are pooled by intake too: "programme|zone|intake".
        var pool: [String: [(String, Int)]] = [:]
        for e in s.enrolment where e.participants > 0 {
            guard let school = schools[e.school], let p = programmes[e.programme] else { continue }
            let late = e.intake.flatMap { t in t > (p.sessions.map(\.halfTerm).min() ?? .ht1) ? "|\(t.rawValue)" : nil } ?? ""
            pool["\(e.programme)|\(school.authority)/\(school.town)\(late)", default: []].append((e.school, e.participants))
        }
        func take(_ key: String, _ n: Int, from: HalfTerm? = nil) -> [SchoolPlaces]? {
            var need = n, out: [SchoolPlaces] = []
            for k in pool[key, default: []].indices where need > 0 {
                let t = min(need, pool[key]![k].1)
                if t > 0 { out.append(SchoolPlaces(school: pool[key]![k].0, participants: t, from: from)) }
                pool[key]![k].1 -= t
                need -= t
            }
            return need > 0 ? nil : out
        }
        // Continued cohorts' members are those schools' places, taken before anyone else's.
        for c in oracle.cohorts where c.continues != nil {
            for (school, n) in c.members {
                guard let sc = schools[school], let k = pool["\(c.programme)|\(sc.authority)/\(sc.town)"]?.firstIndex(where: { $0.0 == school }),
                      pool["\(c.programme)|\(sc.authority)/\(sc.town)"]![k].1 >= n else { return nil }
                pool["\(c.programme)|\(sc.authority)/\(sc.town)"]![k].1 -= n
            }
        }
        var cohorts: [PlanCohort] = []
        var sessions: [PlanSession] = []
        // Events: each is dated when its first cohort reaches it, on a day all its cohorts' authorities
        // teach, its crew is free and a room of its venue seats everyone it gathers.
        let eventOf = Dictionary(oracle.events.enumerated().flatMap { k, e in e.cohorts.map { ($0, k) } }, uniquingKeysWith: { a, _ in a })
        var eventDay: [Int: (Day, Room)] = [:]
        func authoritiesOf(_ c: JointOracle.Cohort) -> Set<String> { Set(c.zones.keys.map { String($0.split(separator: "/")[0]) }) }
        func eventId(_ e: JointOracle.Event) -> String { PlanEvent.id(programme: e.programme, session: e.session, scope: e.scope) }
        for (i, c) in oracle.cohorts.enumerated() {
            guard let p = programmes[c.programme] else { return nil }
            var places = c.members.sorted { $0.key < $1.key }.map { SchoolPlaces(school: $0.key, participants: $0.value) }
            var newcomers = c.zones
            for (school, n) in c.members { newcomers["\(schools[school]!.authority)/\(schools[school]!.town)"]! -= n }
            // A catch-up cohort's starters are its intake's late starters.
            let startersKey = { (zone: String) in "\(p.id)|\(zone)" + (c.starts.map { "|\($0.rawValue)" } ?? "") }
            for (zone, n) in newcomers.sorted(by: { $0.key < $1.key }) where n > 0 {
                guard let got = take(startersKey(zone), n) else { return nil }
                places += got
            }
            for (key, n) in c.joiners.sorted(by: { $0.key < $1.key }) {
                guard let t = HalfTerm(rawValue: String(key.split(separator: "|")[1])),
                      let got = take("\(p.id)|\(key)", n, from: t) else { return nil }
                places += got
            }
            let authorities = Set(places.compactMap { schools[$0.school]?.authority }).sorted()
            let venue = c.venue.flatMap { venues[$0] }
            let id = "O\(i + 1)-\(p.id)"
            var cohort = PlanCohort(id: id, programme: p.id, authority: venue?.authority ?? authorities.first ?? "",
                                    venue: c.venue, facilitators: c.team, schools: places)
            cohort.starts = c.starts
            cohort.continues = c.continues
            cohorts.append(cohort)
            var previous: Day?
            for pat in p.sessions.sorted(by: { $0.number < $1.number }) where pat.halfTerm >= (c.starts ?? .ht1) {
                if c.joined.contains(pat.number), let k = eventOf[i] {
                    let e = oracle.events[k]
                    guard let vid = e.venue, let v = venues[vid] else { return nil }
                    if eventDay[k] == nil {
                        let all = e.cohorts.reduce(into: Set<String>()) { $0.formUnion(authoritiesOf(oracle.cohorts[$1])) }.sorted()
                        let seats = e.cohorts.reduce(0) { $0 + oracle.cohorts[$1].size }
                        guard let (d, r) = s.calendar.commonTeachingDays(authorities: all, halfTerm: pat.halfTerm).lazy
                            .filter({ d in previous.map { d > $0 } ?? true })
                            .compactMap({ d in e.crew.allSatisfy { free($0, d) } ? room(v, d, seats: seats).map { (d, $0) } : nil }).first
                        else { return nil }
                        for f in e.crew { booked.insert("\(f)|\(d)") }
                        booked.insert("\(v.id)|\(r.id)|\(d)")
                        eventDay[k] = (d, r)
                    }
                    let (d, r) = eventDay[k]!
                    guard previous.map({ d > $0 }) ?? true else { return nil }
                    var session = PlanSession(programme: p.id, cohort: id, session: pat.number, halfTerm: pat.halfTerm, date: d,
                                              start: pat.start, hours: pat.hours, venue: v.id, room: r.id, facilitators: e.crew,
                                              participants: c.size, online: false)
                    session.event = eventId(e)
                    sessions.append(session)
                    previous = d
                    continue
                }
                let days = s.calendar.commonTeachingDays(authorities: authorities, halfTerm: pat.halfTerm)
                var placed = false
                for d in days where previous.map({ d > $0 }) ?? true {
                    guard c.team.allSatisfy({ free($0, d) }) else { continue }
                    var r: Room?
                    if pat.mode == .inPerson {
                        guard let v = venue, let fit = room(v, d, seats: c.present(at: pat.halfTerm)) else { continue }
                        r = fit
                        booked.insert("\(v.id)|\(fit.id)|\(d)")
                    }
                    for f in c.team { booked.insert("\(f)|\(d)") }
                    sessions.append(PlanSession(programme: p.id, cohort: id, session: pat.number, halfTerm: pat.halfTerm,
                                                date: d, start: pat.start, hours: pat.hours,
                                                venue: pat.mode == .inPerson ? c.venue : nil, room: r?.id,
                                                facilitators: c.team, participants: c.present(at: pat.halfTerm), online: pat.mode == .online))
                    previous = d
                    placed = true
                    break
                }
                if !placed { return nil }
            }
        }
        var unmet: [UnmetItem] = []
        for (key, rows) in pool.sorted(by: { $0.key < $1.key }) {
            let left = rows.reduce(0) { $0 + $1.1 }
            let programme = String(key.split(separator: "|")[0])
            if left > 0, programmes[programme].map({ !$0.sessions.isEmpty }) == true {
                unmet.append(UnmetItem(.participants(programme: programme, authority: nil, town: nil), amount: Double(left), reason: .other("oracle")))
            }
        }

        // Forums first (one day each), then visits.
        var forums: [PlanForum] = []
        for f in oracle.forumChoices {
            guard let series = s.forums.first(where: { $0.id == f.series }) else { return nil }
            guard let vid = f.venue, let v = venues[vid], let chair = f.chair else {
                unmet.append(UnmetItem(.forum(series: f.series, scope: f.scope, halfTerm: f.halfTerm), amount: 1, reason: .other("oracle")))
                continue
            }
            let authorities = f.scope == "hub" ? s.authorities.map(\.id) : [f.scope]
            let seats = s.focusSchools.compactMap { schools[$0.school] }.filter { authorities.contains($0.authority) }.count + series.extraAttendees
            guard let (d, r) = s.calendar.commonTeachingDays(authorities: authorities, halfTerm: f.halfTerm).lazy
                .compactMap({ d in free(chair, d) ? room(v, d, seats: seats).map { (d, $0) } : nil }).first else { return nil }
            booked.insert("\(chair)|\(d)")
            booked.insert("\(v.id)|\(r.id)|\(d)")
            forums.append(PlanForum(forum: f.series, scope: f.scope, halfTerm: f.halfTerm, date: d,
                                    start: series.start, hours: series.hours, venue: v.id, room: r.id, chair: chair, attendees: seats))
        }
        var visits: [AdviserAssignment] = []
        for need in s.focusSchools {
            guard let school = schools[need.school] else { continue }
            let total = HalfTerm.allCases.reduce(0) { $0 + need.days(in: $1) }
            guard total > 0 else { continue }
            guard let adviser = oracle.adviserOf[need.school] else {
                unmet.append(UnmetItem(.supportDays(school: need.school), amount: Double(total), reason: .other("oracle")))
                continue
            }
            for ht in HalfTerm.allCases {
                let kinds = Array(repeating: SupportKind.audit, count: ht == .ht1 ? need.auditDays : 0) + Array(repeating: SupportKind.visit, count: need.daysPerHalfTerm)
                var days = s.calendar.teachingDays(authority: school.authority, halfTerm: ht).filter { free(adviser, $0) }.makeIterator()
                for kind in kinds {
                    guard let d = days.next() else { return nil }
                    booked.insert("\(adviser)|\(d)")
                    visits.append(AdviserAssignment(school: need.school, adviser: adviser, halfTerm: ht, days: 1,
                                                    date: d, kind: kind))
                }
            }
        }
        var plan = Plan(scenario: s.name, year: s.yearLabel, status: .noProof, objective: 0, bound: 0, gap: 0, seconds: 0, costs: [:],
                        cohorts: cohorts, sessions: sessions, forums: forums, adviserAssignments: visits, unmet: unmet, models: [])
        if !oracle.events.isEmpty {
            plan.events = oracle.events.map { e in
                PlanEvent(id: eventId(e), programme: e.programme, session: e.session, scope: e.scope, cohorts: e.cohorts.map { cohorts[$0].id },
                          participants: e.cohorts.reduce(0) { $0 + oracle.cohorts[$1].size },
                          notGathered: e.apart.isEmpty ? nil : "apart in the oracle's optimum")
            }
        }
        // Priced term by term, so the costs of its dates (which the oracle does not model) can be told apart.
        return PlanCosts(scenario: s, lastYear: lastYear).priced(plan)
    }
}
