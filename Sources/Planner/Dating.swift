import HubModel

/// Books dates for everything: sessions (stage C), forums and adviser visits.
///
/// A constructive pass, most constrained first: each event takes the free day
/// nearest its target (sessions spread through the half-term in order), with
/// people, rooms and venues never double-booked. Costs do not depend on the
/// day chosen, so this stage changes only feasibility, never the objective
/// (except where a substitute facilitator is needed).
final class Diary {
    let ctx: PlanningContext
    /// "person|day|part" and "venue|room|day|part" keys already booked.
    private var booked: Set<String> = []
    /// Staff days each person works on a day ("person|day").
    private var dayLoad: [String: Double] = [:]
    /// Facilitator days used per (facilitator, half-term) and per year.
    private(set) var termLoad: [String: Double] = [:]
    private(set) var yearLoad: [String: Double] = [:]

    init(_ ctx: PlanningContext) { self.ctx = ctx }

    /// Whether someone is available on a day, has those parts of it free, and can
    /// work `days` more staff days on it (``DailyLoad``).
    func isFree(_ who: String, _ d: Day, _ parts: DayParts, days: Double) -> Bool {
        parts.each.allSatisfy { !booked.contains("\(who)|\(d.ordinal)|\($0.rawValue)") }
            && DailyLoad.allows(days: (dayLoad["\(who)|\(d.ordinal)"] ?? 0) + days)
            && !ctx.scenario.isUnavailable(who, on: d)
    }

    func book(_ who: String, _ d: Day, _ parts: DayParts, days: Double) {
        for p in parts.each { booked.insert("\(who)|\(d.ordinal)|\(p.rawValue)") }
        dayLoad["\(who)|\(d.ordinal)", default: 0] += days
    }

    /// Frees what ``book(_:_:_:days:)`` took (the dating model moves sessions the first pass placed).
    func unbook(_ who: String, _ d: Day, _ parts: DayParts, days: Double) {
        for p in parts.each { booked.remove("\(who)|\(d.ordinal)|\(p.rawValue)") }
        dayLoad["\(who)|\(d.ordinal)", default: 0] -= days
    }

    /// Staff days someone already works on a day.
    func load(_ who: String, _ d: Day) -> Double { dayLoad["\(who)|\(d.ordinal)"] ?? 0 }

    /// Whether a part of a day is booked for someone.
    func isBooked(_ who: String, _ d: Day, _ part: DayParts) -> Bool { booked.contains("\(who)|\(d.ordinal)|\(part.rawValue)") }

    /// The venue's rooms free for one part of a day.
    func freeRooms(_ v: Venue, _ d: Day, _ part: DayParts) -> [Room] {
        v.rooms.filter { !booked.contains("\(v.id)|\($0.id)|\(d.ordinal)|\(part.rawValue)") }
    }

    func unbookRoom(_ v: Venue, _ r: Room, _ d: Day, _ parts: DayParts) {
        for p in parts.each { booked.remove("\(v.id)|\(r.id)|\(d.ordinal)|\(p.rawValue)") }
    }

    /// Everything booked, to go back to when a trial does not work out.
    struct State {
        fileprivate let booked: Set<String>
        fileprivate let dayLoad: [String: Double]
    }

    var state: State { State(booked: booked, dayLoad: dayLoad) }

    func restore(_ s: State) {
        booked = s.booked
        dayLoad = s.dayLoad
    }

    /// The smallest room at the venue that seats `size` and is free for those parts of the day.
    func freeRoom(_ v: Venue, _ d: Day, _ parts: DayParts, seats size: Int) -> Room? {
        v.rooms.filter { r in r.capacity >= size && parts.each.allSatisfy { !booked.contains("\(v.id)|\(r.id)|\(d.ordinal)|\($0.rawValue)") } }
            .min { ($0.capacity, $0.id) < ($1.capacity, $1.id) }
    }

    func bookRoom(_ v: Venue, _ r: Room, _ d: Day, _ parts: DayParts) {
        for p in parts.each { booked.insert("\(v.id)|\(r.id)|\(d.ordinal)|\(p.rawValue)") }
    }

    func addLoad(_ f: String, _ ht: HalfTerm, _ days: Double) {
        termLoad["\(f)|\(ht.rawValue)", default: 0] += days
        yearLoad[f, default: 0] += days
    }

    func hasCapacity(_ f: Facilitator, _ ht: HalfTerm, _ days: Double) -> Bool {
        FacilitatorTermLoad.allows(f, days: (termLoad["\(f.id)|\(ht.rawValue)"] ?? 0) + days)
            && FacilitatorYearLoad.allows(f, days: (yearLoad[f.id] ?? 0) + days)
    }

    /// The candidate nearest the target, earlier first on ties.
    static func nearest(_ days: [Day], to target: Day) -> [Day] {
        days.sorted { (abs($0.ordinal - target.ordinal), $0.ordinal) < (abs($1.ordinal - target.ordinal), $1.ordinal) }
    }
}

/// Stage C: dates, rooms and (where needed) substitute facilitators for every session.
struct SessionDating {
    let ctx: PlanningContext
    let diary: Diary
    var baseline: Baseline? = nil

    struct Outcome {
        var sessions: [PlanSession]
        var unmet: [UnmetItem]
    }

    func run(_ cohorts: [CohortStage.Cohort], teams: [String: [String]], crews: FacilitatorStage.EventCrews = .init()) -> Outcome {
        struct Pending {
            var cohort: CohortStage.Cohort
            var pattern: SessionPattern
            var position: Int      // 1-based among the cohort's sessions in this half-term
            var count: Int         // the cohort's sessions in this half-term
            var days: [Day]        // teaching days for the cohort, venue open
        }
        // Team members and events' crews first take their full load for the year (stage B planned it).
        for c in cohorts {
            for f in teams[c.id] ?? [] {
                for ht in HalfTerm.allCases {
                    let d = crews.teamDays(c, ht)
                    if d > 0 { diary.addLoad(f, ht, d) }
                }
            }
        }
        for (f, ht, days) in crews.crewLoads() { diary.addLoad(f, ht, days) }
        var preference = DayPreference(ctx)
        var sessions: [PlanSession] = []
        var unmet: [UnmetItem] = []
        let previous = Dictionary((baseline?.plan.sessions ?? []).map { ("\($0.cohort)|\($0.session)", $0) }, uniquingKeysWith: { a, _ in a })
        let cohortIds = Set(cohorts.map(\.id))
        var frozen: [String: Day] = [:]
        // Sessions already held (before the freeze date) stay exactly as they were.
        if let baseline {
            for s in baseline.plan.sessions where baseline.isFrozen(s.date) && cohortIds.contains(s.cohort) {
                let d = s.date, parts = DayParts(start: s.start, hours: s.hours)
                for f in s.facilitators { diary.book(f, d, parts, days: StaffDays(hours: s.hours).days) }
                if let vid = s.venue, let v = ctx.venueById[vid], let roomId = s.room, let room = v.rooms.first(where: { $0.id == roomId }) {
                    diary.bookRoom(v, room, d, parts)
                }
                frozen["\(s.cohort)|\(s.session)"] = d
                sessions.append(s)
            }
        }
        for ht in HalfTerm.allCases {
            var pending: [Pending] = []
            for c in cohorts {
                let mine = c.programme.sessions.filter { $0.halfTerm == ht }
                guard !mine.isEmpty else { continue }
                let teaching = ctx.teachingDays(c.authorities.isEmpty ? [c.authority] : c.authorities, ht)
                for (k, pat) in mine.enumerated() {
                    let days = pat.mode == .inPerson ? teaching.filter { d in c.venue.map { ctx.venueOpen($0, d) } ?? true } : teaching
                    pending.append(Pending(cohort: c, pattern: pat, position: k + 1, count: mine.count, days: days))
                }
            }
            // Most constrained first; a cohort's sessions keep their order through the date bounds.
            pending.sort { ($0.days.count, $0.cohort.id, $0.pattern.number) < ($1.days.count, $1.cohort.id, $1.pattern.number) }
            var dated: [String: Day] = frozen  // "cohort|number" → day
            for item in pending {
                let c = item.cohort, pat = item.pattern
                if frozen["\(c.id)|\(pat.number)"] != nil { continue }
                let team = teams[c.id] ?? []
                let after = dated["\(c.id)|\(pat.number - 1)"], before = dated["\(c.id)|\(pat.number + 1)"]
                let notBefore = baseline?.freezeBefore
                let window = item.days.filter { d in (after.map { d > $0 } ?? true) && (before.map { d < $0 } ?? true)
                    && (notBefore.map { d >= $0 } ?? true) }
                guard !window.isEmpty else {
                    let why: UnmetReason = item.days.isEmpty
                        ? .venueClosedThroughout(authority: c.authority, programme: c.programme.id, halfTerm: ht, venue: c.venue?.id ?? "")
                        : .noDayBetweenNeighbours(authority: c.authority, programme: c.programme.id, halfTerm: ht)
                    unmet.append(unmetSession(c, pat, why))
                    continue
                }
                // Re-planning: aim for the session's previous date, so it moves only if it must.
                let target = previous["\(c.id)|\(pat.number)"]?.date
                    ?? item.days[min(item.days.count - 1, item.days.count * item.position / (item.count + 1))]
                var placed = false
                // First choice: the whole team on its own; then with substitutes.
                for allowSubstitutes in [false, true] where !placed {
                    // Re-planning stays as near the previous date as it can; a new plan spares schools.
                    for d in baseline == nil ? preference.order(window, target: target, cohort: c, pat) : Diary.nearest(window, to: target) {
                        var room: Room?
                        if pat.mode == .inPerson {
                            guard let v = c.venue, let r = diary.freeRoom(v, d, pat.parts, seats: c.size) else { continue }
                            room = r
                        }
                        guard let crew = crew(team, c, pat, d, allowSubstitutes: allowSubstitutes) else { continue }
                        for f in crew { diary.book(f, d, pat.parts, days: pat.facilitatorDays) }
                        if let v = c.venue, let room { diary.bookRoom(v, room, d, pat.parts) }
                        dated["\(c.id)|\(pat.number)"] = d
                        preference.record(d, cohort: c.id, schools: c.places(at: ht).map(\.0), releasing: DayPreference.releases(pat))
                        sessions.append(PlanSession(programme: c.programme.id, cohort: c.id, session: pat.number, halfTerm: ht,
                                                    date: d, start: pat.start, hours: pat.hours,
                                                    venue: pat.mode == .inPerson ? c.venue?.id : nil, room: room?.id,
                                                    facilitators: crew, participants: c.size(at: ht), online: pat.mode == .online))
                        placed = true
                        break
                    }
                }
                if !placed {
                    unmet.append(unmetSession(c, pat, .noDayForTeam(authority: c.authority, programme: c.programme.id, halfTerm: ht,
                                                                    roomFor: pat.mode == .inPerson ? c.size : nil)))
                }
            }
        }
        sessions.sort { ($0.cohort, $0.session) < ($1.cohort, $1.session) }
        return Outcome(sessions: sessions, unmet: unmet)
    }

    /// The team for a session on a day: the cohort's own facilitators, or with
    /// free qualified substitutes (cheapest first) standing in for busy ones.
    func crew(_ team: [String], _ c: CohortStage.Cohort, _ pat: SessionPattern, _ d: Day, allowSubstitutes: Bool) -> [String]? {
        let need = c.programme.facilitatorsNeeded(for: c.size)
        var crew = team.filter { diary.isFree($0, d, pat.parts, days: pat.facilitatorDays) }
        if crew.count == team.count && crew.count >= need { return crew }
        guard allowSubstitutes else { return nil }
        let substitutes = ctx.scenario.facilitators
            .filter { $0.qualifications.contains(c.programme.id) && !team.contains($0.id) && diary.isFree($0.id, d, pat.parts, days: pat.facilitatorDays)
                && diary.hasCapacity($0, pat.halfTerm, pat.facilitatorDays) }
            .sorted { ($0.dayRate, $0.id) < ($1.dayRate, $1.id) }
        for f in substitutes where crew.count < need {
            crew.append(f.id)
            diary.addLoad(f.id, pat.halfTerm, pat.facilitatorDays)
        }
        return crew.count >= need ? crew.sorted() : nil
    }

    func unmetSession(_ c: CohortStage.Cohort, _ pat: SessionPattern, _ why: UnmetReason) -> UnmetItem {
        UnmetItem(.session(cohort: c.id, number: pat.number, halfTerm: pat.halfTerm), amount: Double(c.size(at: pat.halfTerm)), reason: why)
    }
}

/// Which cohorts take teachers out of each school on each day, how many sessions
/// each day holds, and which days schools want their teachers in (`avoid` days:
/// test weeks, exam seasons). Dates cost nothing in the objective, so among the
/// days near a session's target the dating pass prefers one outside its
/// schools' avoid days, that sends no second cohort's teachers out of a school
/// that day, and that is less crowded.
struct DayPreference {
    let ctx: PlanningContext
    /// Day ordinal → its avoid days.
    private let avoid: [Int: [Closure]]
    /// "school|day" → cohorts with teachers out at in-person daytime sessions.
    private var out: [String: Set<String>] = [:]
    private var perDay: [Int: Int] = [:]
    /// A school-day clash weighs as much as moving this many days from the target.
    static let clashDays = 4.0
    /// Each session already on a day weighs as much as moving this many days.
    static let busyDays = 0.25
    /// A day its schools want to avoid weighs as much as moving this many days: more than any half-term.
    static let avoidDays = 60.0

    init(_ ctx: PlanningContext) {
        self.ctx = ctx
        avoid = Dictionary(grouping: ctx.scenario.calendar.closures.filter(\.isAvoided), by: \.day.ordinal)
    }

    /// Whether a day is one that any of the cohort's schools wants to avoid.
    func avoided(_ d: Day, by c: CohortStage.Cohort, in ht: HalfTerm) -> Bool {
        guard let days = avoid[d.ordinal] else { return false }
        return c.places(at: ht).contains { place in ctx.schoolById[place.0].map { s in days.contains { $0.concerns(s) } } ?? false }
    }

    /// Whether a session takes its participants out of school in the school day.
    static func releases(_ pat: SessionPattern) -> Bool { pat.mode == .inPerson && DayParts.releasesTeachers(start: pat.start) }

    /// The window's days, best first: distance to the target, plus clashes and crowding.
    func order(_ window: [Day], target: Day, cohort c: CohortStage.Cohort, _ pat: SessionPattern) -> [Day] {
        let releasing = Self.releases(pat)
        func score(_ d: Day) -> Double {
            let clashes = releasing ? c.places(at: pat.halfTerm).filter { !(out["\($0.0)|\(d.ordinal)"] ?? []).subtracting([c.id]).isEmpty }.count : 0
            return Double(abs(d.ordinal - target.ordinal)) + Self.clashDays * Double(clashes) + Self.busyDays * Double(perDay[d.ordinal] ?? 0)
                + (avoided(d, by: c, in: pat.halfTerm) ? Self.avoidDays : 0)
        }
        return window.map { ($0, score($0)) }
            .sorted { ($0.1, abs($0.0.ordinal - target.ordinal), $0.0.ordinal) < ($1.1, abs($1.0.ordinal - target.ordinal), $1.0.ordinal) }
            .map(\.0)
    }

    mutating func record(_ d: Day, cohort: String, schools: [String], releasing: Bool) {
        perDay[d.ordinal, default: 0] += 1
        guard releasing else { return }
        for s in schools { out["\(s)|\(d.ordinal)", default: []].insert(cohort) }
    }
}
