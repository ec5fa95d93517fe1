import HubModel

/// Events (docs/model.md, "Events"): a session pattern that gathers cohorts is held once
/// for each authority's cohorts of the programme, or once for the hub's.
///
/// It runs after the dates are chosen, on the booked diary. For each event, the
/// cohorts' separate sessions are taken out of the diary; then, over every day after
/// all their previous sessions and before all their next ones, and every open venue
/// with a free room that seats them all, the cheapest choice is kept: room hire, the
/// fewest facilitators the pattern asks for (the cheapest free, by day rate and travel:
/// the cohorts' own team members, or others qualified with days left; a team member wins
/// a tie), the participants' travel, and what the date costs as ``DateCosts`` prices it;
/// nearer the sessions' own dates wins a tie. Cohorts whose session found no date join the event too (their unmet item goes).
///
/// Stage B planned who carries each event's load: for an event expected to gather
/// (``expected(_:)``), a crew it reserved, its cohorts' teams freed of that session; for
/// any other, each team member, for each of their cohorts. Anyone else on an event's staff
/// takes it on within their limits, so no one works more days than the load rules allow.
/// When nothing fits, the cohorts keep their separate sessions and the event says why
/// (``PlanEvent/notGathered``); the planner then plans the teams again with that event
/// theirs (``FacilitatorStage/EventCrews/missed(in:)``).
struct EventGathering {
    let ctx: PlanningContext
    let diary: Diary
    /// Re-planning: sessions held before the freeze date stay as they were, events or not.
    var baseline: Baseline? = nil
    /// The crews stage B reserved for the events it expected to gather.
    var crews = FacilitatorStage.EventCrews()

    /// The events stage B may expect to gather: each group, or when no room seats it all the
    /// cohorts the largest room seats (one at least, as ``gather(_:teams:cohorts:into:)`` asks);
    /// when re-planning, not those held before the freeze date (they stay as they were, their
    /// teams carrying them as before).
    func expected(_ cohorts: [CohortStage.Cohort]) -> [Group] {
        groups(cohorts).compactMap { g in
            if let baseline {
                let ids = Set(g.cohorts.map(\.id))
                let held = baseline.plan.sessions.contains { s in
                    s.programme == g.programme.id && s.session == g.pattern.number && ids.contains(s.cohort) && baseline.isFrozen(s.date)
                }
                if held { return nil }
            }
            guard let part = partial(g) else { return g }
            return part.cohorts.isEmpty ? nil : part
        }
    }

    /// Who has the event's days planned: its reserved crew, or its cohorts' teams.
    func carriers(_ g: Group, teams: [String: [String]]) -> Set<String> {
        crews.crews[g.id].map { Set($0.crew) } ?? Set(g.cohorts.flatMap { teams[$0.id] ?? [] })
    }

    struct Outcome {
        var sessions: [PlanSession]
        var unmet: [UnmetItem]
        var events: [PlanEvent]
    }

    /// One event to place: the cohorts of one scope for one pattern.
    struct Group {
        let programme: Programme
        let pattern: SessionPattern
        let scope: String
        let cohorts: [CohortStage.Cohort]
        var id: String { PlanEvent.id(programme: programme.id, session: pattern.number, scope: scope) }
        var participants: Int { cohorts.reduce(0) { $0 + $1.size(at: pattern.halfTerm) } }
    }

    /// A place for an event and what it costs.
    struct Choice {
        let day: Day
        let venue: Venue?
        let room: Room?
        let staff: [String]
        let cost: Double
        let distance: Int
    }

    func run(_ sessions: [PlanSession], unmet: [UnmetItem], cohorts: [CohortStage.Cohort], teams: [String: [String]]) -> Outcome {
        var out = Outcome(sessions: sessions, unmet: unmet, events: [])
        let byId = Dictionary(cohorts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for group in groups(cohorts) {
            out.events.append(gather(group, teams: teams, cohorts: byId, into: &out))
        }
        out.sessions.sort { ($0.cohort, $0.session) < ($1.cohort, $1.session) }
        return out
    }

    /// Every event the scenario's patterns ask for, in a fixed order.
    func groups(_ cohorts: [CohortStage.Cohort]) -> [Group] {
        let byProgramme = Dictionary(grouping: cohorts, by: \.programme.id)
        return ctx.scenario.programmes.flatMap { p -> [Group] in
            let all = (byProgramme[p.id] ?? []).sorted { $0.id < $1.id }
            return p.sessions.compactMap { pat in pat.gathers.map { (pat, $0) } }.flatMap { pat, gathering -> [Group] in
                // A catch-up cohort that starts later has no part in an earlier event.
                let mine = all.filter { c in c.programme.sessions.contains { $0.number == pat.number } }
                // A programme without cohorts this year has no event.
                let scoped = mine.isEmpty ? [:] : gathering == .hub ? ["hub": mine] : Dictionary(grouping: mine, by: \.authority)
                return scoped.keys.sorted().map { Group(programme: p, pattern: pat, scope: $0, cohorts: scoped[$0] ?? []) }
            }
        }
    }

    /// Places one event, or says why it cannot be placed (the separate sessions then stand).
    func gather(_ g: Group, teams: [String: [String]], cohorts: [String: CohortStage.Cohort], into out: inout Outcome) -> PlanEvent {
        var event = PlanEvent(id: g.id, programme: g.programme.id, session: g.pattern.number, scope: g.scope,
                              cohorts: g.cohorts.map(\.id), participants: g.participants)
        let all = Set(g.cohorts.map(\.id)), pat = g.pattern
        let frozen = out.sessions.filter { all.contains($0.cohort) && $0.session == pat.number }
        if let baseline, frozen.contains(where: { baseline.isFrozen($0.date) }) {
            if Set(frozen.map(\.event)) != [g.id] || frozen.count < g.cohorts.count { event.notGathered = "held before the freeze date as it was" }
            return event
        }
        // No room seats them all: the cohorts the largest room seats gather, the rest meet apart.
        // A lone cohort that fits holds the event too: its participants are at the event, as the
        // checker and PlanCosts count them (the oracle sweep's G22 and E53 held all apart: 7% and 17% dearer).
        var g = g
        if let part = partial(g) {
            guard !part.cohorts.isEmpty else {
                event.notGathered = reason(g)
                return event
            }
            let apart = g.cohorts.filter { c in !part.cohorts.contains { $0.id == c.id } }.map(\.id)
            event.notGathered = "\(reason(g)): \(part.participants) gathered, cohort\(apart.count == 1 ? "" : "s") \(apart.joined(separator: ", ")) apart"
            g = part
        }
        let ids = Set(g.cohorts.map(\.id))
        let own = out.sessions.filter { ids.contains($0.cohort) && $0.session == pat.number }
        let before = diary.state
        for s in own { release(s) }
        guard let choice = best(g, teams: teams, sessions: out.sessions, cohorts: cohorts, current: own.map(\.date)) else {
            diary.restore(before)
            event.notGathered = reason(g)
            return event
        }
        if event.notGathered != nil { event.participants = g.participants }
        let carriers = carriers(g, teams: teams)
        for f in choice.staff {
            diary.book(f, choice.day, pat.parts, days: pat.facilitatorDays)
            if !carriers.contains(f) { diary.addLoad(f, pat.halfTerm, pat.facilitatorDays) }
        }
        if let v = choice.venue, let r = choice.room { diary.bookRoom(v, r, choice.day, pat.parts) }
        out.sessions.removeAll { ids.contains($0.cohort) && $0.session == pat.number }
        for c in g.cohorts {
            var s = PlanSession(programme: g.programme.id, cohort: c.id, session: pat.number, halfTerm: pat.halfTerm, date: choice.day,
                                start: pat.start, hours: pat.hours, venue: choice.venue?.id, room: choice.room?.id,
                                facilitators: choice.staff, participants: c.size(at: pat.halfTerm), online: pat.mode == .online)
            s.event = g.id
            out.sessions.append(s)
        }
        out.unmet.removeAll { u in
            if case let .session(cohort, number, _) = u.subject { return ids.contains(cohort) && number == pat.number }
            return false
        }
        return event
    }

    /// When no room seats all an in-person event's participants, or the qualified facilitators
    /// free in its half-term are too few to crew them all: the cohorts that gather the most of
    /// them within both; nil when nothing stops them all gathering. On a tie, those whose teams
    /// have the most places gather (a cohort apart has its whole team work the event: the oracle
    /// sweep's E53 held apart a cohort of three places, where one of two seated as many), then
    /// the fewest cohorts.
    func partial(_ g: Group) -> Group? {
        let largest = seats(g)
        guard g.participants > largest else { return nil }
        let ht = g.pattern.halfTerm
        // best[t]: the cohorts seating exactly t with the most places, then the fewest, over the cohorts in id order.
        var best: [(cohorts: [Int], places: Int)?] = Array(repeating: nil, count: largest + 1)
        best[0] = ([], 0)
        for (k, c) in g.cohorts.enumerated() {
            let n = c.size(at: ht), places = g.programme.facilitatorsNeeded(for: c.size)
            guard n <= largest else { continue }
            for t in stride(from: largest, through: n, by: -1) {
                guard let from = best[t - n] else { continue }
                let next = (cohorts: from.cohorts + [k], places: from.places + places)
                if let now = best[t], (now.places, -now.cohorts.count) >= (next.places, -next.cohorts.count) { continue }
                best[t] = next
            }
        }
        let seated = (0...largest).last { best[$0] != nil } ?? 0
        return Group(programme: g.programme, pattern: g.pattern, scope: g.scope, cohorts: (best[seated]?.cohorts ?? []).map { g.cohorts[$0] })
    }

    /// The most of an event's participants who can gather: the largest room seats (in person) and the crew holds.
    func seats(_ g: Group) -> Int {
        min(g.pattern.mode == .inPerson ? largestRoom ?? 0 : Int.max, crewSeats(g))
    }

    /// The most participants an event's crew could hold: one per so many, of everyone qualified
    /// and free in its half-term. (Their days may hold fewer; the team stage then says so.)
    func crewSeats(_ g: Group) -> Int {
        let free = ctx.scenario.facilitators.filter { $0.qualifications.contains(g.programme.id) && ctx.availableDays(facilitator: $0.id, g.pattern.halfTerm) > 0 }
        return free.count * max(1, g.pattern.perFacilitator ?? g.programme.participantsPerFacilitator)
    }

    /// The largest room of any venue.
    var largestRoom: Int? { ctx.scenario.venues.flatMap(\.rooms).map(\.capacity).max() }

    /// Stage A's cohorts, sized so that more of them fit their event when no room seats it all:
    /// at each venue, the fewest cohorts that hold the most participants the largest room
    /// seats hand their excess to the venue's other cohorts, which take it within their largest
    /// size and places. Only who sits in which of a venue's cohorts changes: travel, hire and
    /// places do not (fewer places at most).
    func fitted(_ cohorts: [CohortStage.Cohort]) -> [CohortStage.Cohort] {
        guard baseline == nil, let largest = largestRoom else { return cohorts }
        var out = cohorts
        let index = Dictionary(cohorts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        // A programme that carries on last year's cohorts keeps their members together.
        for g in groups(cohorts) where g.pattern.mode == .inPerson && g.participants > largest && g.programme.continues == nil {
            let seated = partial(g)?.participants ?? 0
            let ht = g.pattern.halfTerm, p = g.programme
            for venue in Set(g.cohorts.compactMap(\.venue?.id)).sorted() {
                let here = g.cohorts.filter { $0.venue?.id == venue }.compactMap { index[$0.id] }.map { out[$0] }
                guard here.count >= 3, let moved = rebalanced(here, room: largest, ht: ht, p) else { continue }
                let trial = Group(programme: p, pattern: g.pattern, scope: g.scope,
                                  cohorts: g.cohorts.map { c in moved.first { $0.id == c.id } ?? c })
                guard (partial(trial)?.participants ?? 0) > seated else { continue }
                for c in moved { out[index[c.id]!] = c }
                break
            }
        }
        // Then the cohorts apart hand starters to those that gather, where these have seats.
        for g in groups(out) where g.programme.continues == nil {
            guard let part = partial(g), let moved = filled(g, gathering: part) else { continue }
            for c in moved { out[index[c.id]!] = c }
        }
        return out
    }

    /// When the cohorts that gather seat fewer than the event can hold: the cohorts apart hand
    /// starters to those gathering at the same venue (so no one travels further), within the
    /// seats their places already teach and their largest size, each apart cohort kept at its
    /// smallest size. Fewer are held apart, and a cohort apart may need fewer places (its
    /// team works the event). The oracle sweep's E53: 32 of a hall of 35 gathered, 14 apart,
    /// where a gathered cohort had a seat. The cohorts changed, or nil when none is.
    func filled(_ g: Group, gathering part: Group) -> [CohortStage.Cohort]? {
        let p = g.programme, ht = g.pattern.halfTerm
        var room = seats(g) - part.participants
        var gathered = part.cohorts
        let ids = Set(gathered.map(\.id))
        var apart = g.cohorts.filter { !ids.contains($0.id) }.sorted { ($0.size(at: ht), $0.id) < ($1.size(at: ht), $1.id) }
        var changed = Set<String>()
        for a in apart.indices where room > 0 {
            for k in gathered.indices where room > 0 && gathered[k].venue?.id == apart[a].venue?.id {
                let c = gathered[k]
                let capacity = min(p.cohortMax, c.venue?.largestRoom ?? p.cohortMax, p.facilitatorsNeeded(for: c.size) * p.participantsPerFacilitator)
                let starters = apart[a].schools.reduce(0) { $0 + $1.1 }
                let n = min(room, capacity - c.size, starters - p.cohortMin)
                guard n > 0 else { continue }
                for (school, m) in take(n, from: &apart[a]) { gathered[k].addStarters(school, m) }
                room -= n
                changed.formUnion([c.id, apart[a].id])
            }
        }
        guard !changed.isEmpty else { return nil }
        let trial = Group(programme: p, pattern: g.pattern, scope: g.scope,
                          cohorts: g.cohorts.map { c in (gathered + apart).first { $0.id == c.id } ?? c })
        guard (partial(trial)?.participants ?? 0) > part.participants else { return nil }
        return (gathered + apart).filter { changed.contains($0.id) }
    }

    /// A venue's cohorts with the m smallest cut to seat `room` between them (m as large as fits
    /// the smallest cohort size), their excess starters moved into the others; nil when it cannot be done.
    func rebalanced(_ cohorts: [CohortStage.Cohort], room: Int, ht: HalfTerm, _ p: Programme) -> [CohortStage.Cohort]? {
        let sorted = cohorts.sorted { ($0.size(at: ht), $0.id) < ($1.size(at: ht), $1.id) }
        let capacity = min(p.cohortMax, sorted[0].venue?.largestRoom ?? p.cohortMax)
        for m in stride(from: min(sorted.count - 1, room / max(1, p.cohortMin)), through: 2, by: -1) {
            var gather = Array(sorted.prefix(m)), others = Array(sorted.dropFirst(m))
            var excess = gather.reduce(0) { $0 + $1.size(at: ht) } - room
            guard excess > 0 else { return nil }
            // Room in the others: up to their largest size, with no more places than they have.
            let spare = others.map { c in min(capacity, p.facilitatorsNeeded(for: c.size) * p.participantsPerFacilitator) - c.size }
            guard spare.reduce(0, +) >= excess else { continue }
            // Cut the largest of the gathered first, never below the smallest cohort size.
            var cuts = Array(repeating: 0, count: m)
            while excess > 0, let k = gather.indices.filter({ gather[$0].schools.reduce(0) { $0 + $1.1 } - cuts[$0] > p.cohortMin })
                    .max(by: { (gather[$0].size(at: ht) - cuts[$0], $1) < (gather[$1].size(at: ht) - cuts[$1], $0) }) {
                cuts[k] += 1
                excess -= 1
            }
            guard excess == 0 else { continue }
            var pool: [(String, Int)] = []
            for k in gather.indices { pool += take(cuts[k], from: &gather[k]) }
            for k in others.indices where !pool.isEmpty {
                var room = spare[k]
                while room > 0, !pool.isEmpty {
                    let n = min(room, pool[0].1)
                    others[k].schools.append((pool[0].0, n))
                    pool[0].1 -= n
                    room -= n
                    if pool[0].1 == 0 { pool.removeFirst() }
                }
            }
            return (gather + others).map { c in
                var c = c
                c.schools = Dictionary(c.schools.map { ($0.0, $0.1) }, uniquingKeysWith: +).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
                return c
            }
        }
        return nil
    }

    /// Takes `n` starters from a cohort, last schools first: (school, participants) taken.
    func take(_ n: Int, from c: inout CohortStage.Cohort) -> [(String, Int)] {
        var left = n, out: [(String, Int)] = []
        for k in c.schools.indices.reversed() where left > 0 {
            let t = min(left, c.schools[k].1)
            out.append((c.schools[k].0, t))
            c.schools[k].1 -= t
            left -= t
        }
        c.schools.removeAll { $0.1 == 0 }
        return out
    }

    /// Frees a separate session's people and room.
    func release(_ s: PlanSession) {
        for f in s.facilitators { diary.unbook(f, s.date, s.parts, days: StaffDays(hours: s.hours).days) }
        if let vid = s.venue, let v = ctx.venueById[vid], let rid = s.room, let r = v.rooms.first(where: { $0.id == rid }) {
            diary.unbookRoom(v, r, s.date, s.parts)
        }
    }

    /// The cheapest day, room and staff for an event, or nil when none fits.
    func best(_ g: Group, teams: [String: [String]], sessions: [PlanSession],
              cohorts: [String: CohortStage.Cohort], current: [Day]) -> Choice? {
        let pat = g.pattern, w = ctx.scenario.weights
        let need = g.programme.facilitatorsNeeded(for: g.participants, at: pat)
        let team = Set(g.cohorts.flatMap { teams[$0.id] ?? [] }), carriers = carriers(g, teams: teams)
        // Others qualified may stand in where the teams are too few, busy or dearer, within their load.
        let staff = ctx.scenario.facilitators.filter { team.contains($0.id) || carriers.contains($0.id) || $0.qualifications.contains(g.programme.id) }
        guard staff.count >= need else { return nil }
        let days = window(g, sessions: sessions)
        let middle = current.sorted().dropFirst(current.count / 2).first ?? days.first
        let venues: [Venue?] = pat.mode == .inPerson
            ? ctx.scenario.venues.filter { v in v.rooms.contains { $0.capacity >= g.participants } } : [nil]
        let places = g.cohorts.flatMap { $0.places(at: pat.halfTerm) }.map { (school: $0.0, participants: $0.1) }
        let avoid = Dictionary(grouping: ctx.scenario.calendar.closures.filter(\.isAvoided), by: \.day)
        let dated = DatedNeighbours(g, sessions: sessions, cohorts: cohorts, w: w)
        var best: Choice?
        for d in days {
            let asked = avoid[d].map { DateCosts.teachersAsked(places, $0, schools: ctx.schoolById) } ?? 0
            let free = staff.filter { f in
                diary.isFree(f.id, d, pat.parts, days: pat.facilitatorDays)
                    && (carriers.contains(f.id) || diary.hasCapacity(f, pat.halfTerm, pat.facilitatorDays))
            }
            guard free.count >= need else { continue }
            let dateCost = Double(asked) * w.avoidDay + dated.cost(on: d)
            for v in venues {
                var room: Room?
                if let v {
                    guard ctx.venueOpen(v, d), let r = diary.freeRoom(v, d, pat.parts, seats: g.participants) else { continue }
                    room = r
                }
                func staffCost(_ f: Facilitator) -> Double {
                    f.dayRate * pat.facilitatorDays * w.staffDays + (v.map { f.home.travelMinutes(to: $0.location) * w.staffTravelPerMinute } ?? 0)
                }
                // The cheapest who are free; those whose days are planned for it on a tie.
                let priced: [(f: Facilitator, cost: Double, rank: Int)] = free.map { ($0, staffCost($0), carriers.contains($0.id) ? 0 : 1) }
                let crew = priced.sorted { ($0.cost, $0.rank, $0.f.id) < ($1.cost, $1.rank, $1.f.id) }.prefix(need)
                var cost = crew.reduce(0) { $0 + $1.cost } + dateCost
                if let v {
                    cost += v.dayCost * w.venueHire
                    let minutes: Double = places.reduce(0) { total, place in
                        total + Double(place.participants) * (ctx.origin(ofSchool: place.school)?.travelMinutes(to: v.location) ?? 0)
                    }
                    cost += minutes * w.participantTravelPerMinute
                }
                let distance = middle.map { abs($0.ordinal - d.ordinal) } ?? 0
                let choice = Choice(day: d, venue: v, room: room, staff: crew.map(\.f.id).sorted(), cost: cost, distance: distance)
                if best.map({ (choice.cost, choice.distance) < ($0.cost, $0.distance) }) ?? true { best = choice }
            }
        }
        return best
    }

    /// What a date costs an event's cohorts as ``DateCosts`` prices it: a day off a cohort's
    /// usual weekday, spacing from its neighbouring sessions, and schools whose teachers
    /// another meeting already takes out that day.
    struct DatedNeighbours {
        let w: ObjectiveWeights
        /// Per cohort: the weekday most of its other sessions fall on, and the dates of its neighbours.
        let cohorts: [(usual: Weekday?, before: Day?, after: Day?)]
        /// Schools at the event, and the days other meetings take their teachers out.
        let released: [Day: Int]
        let releases: Bool

        init(_ g: Group, sessions: [PlanSession], cohorts all: [String: CohortStage.Cohort], w: ObjectiveWeights) {
            self.w = w
            let pat = g.pattern, ids = Set(g.cohorts.map(\.id))
            cohorts = g.cohorts.map { c in
                let own = sessions.filter { $0.cohort == c.id && $0.session != pat.number }
                return (DateCosts.usualWeekday(own.map(\.date)),
                        own.filter { $0.session < pat.number }.max { $0.session < $1.session }?.date,
                        own.filter { $0.session > pat.number }.min { $0.session < $1.session }?.date)
            }
            let schools = Set(g.cohorts.flatMap { $0.places(at: pat.halfTerm).map(\.0) })
            var out: [Day: Set<String>] = [:]
            for s in sessions where !(ids.contains(s.cohort) && s.session == pat.number)
                && DateCosts.releaseDays(start: s.start, hours: s.hours, online: s.online) > 0 {
                for (school, _) in all[s.cohort]?.places(at: s.halfTerm) ?? [] where schools.contains(school) { out[s.date, default: []].insert(school) }
            }
            released = out.mapValues(\.count)
            releases = DateCosts.releaseDays(start: pat.start, hours: pat.hours, online: pat.mode == .online) > 0
        }

        func cost(on d: Day) -> Double {
            var total = releases ? Double(released[d] ?? 0) * w.schoolDayClash : 0
            for c in cohorts {
                if let usual = c.usual, usual != d.weekday { total += w.weekdayChange }
                if let b = c.before { total += DateCosts.spacingMiss(gap: b.distance(to: d), w) * w.spacingPerDay }
                if let a = c.after { total += DateCosts.spacingMiss(gap: d.distance(to: a), w) * w.spacingPerDay }
            }
            return total
        }
    }

    /// Teaching days of every school's authority in the half-term, after each cohort's
    /// previous session and before its next.
    func window(_ g: Group, sessions: [PlanSession]) -> [Day] {
        let pat = g.pattern, ids = Set(g.cohorts.map(\.id))
        let neighbours = sessions.filter { ids.contains($0.cohort) }
        // The latest held session before it and the earliest after, whatever their numbers (one may be unmet).
        var after: Day?, before: Day?
        for c in g.cohorts {
            let own = neighbours.filter { $0.cohort == c.id }
            if let a = own.filter({ $0.session < pat.number }).max(by: { $0.session < $1.session })?.date { after = max(after ?? a, a) }
            if let b = own.filter({ $0.session > pat.number }).min(by: { $0.session < $1.session })?.date { before = min(before ?? b, b) }
        }
        let authorities = Set(g.cohorts.flatMap { $0.authorities.isEmpty ? [$0.authority] : $0.authorities }).sorted()
        return ctx.teachingDays(authorities, pat.halfTerm).filter { d in (after.map { d > $0 } ?? true) && (before.map { d < $0 } ?? true)
            && (baseline?.freezeBefore.map { d >= $0 } ?? true) }
    }

    /// Why an event could not be placed, in a planner's words.
    func reason(_ g: Group) -> String {
        let n = g.participants
        if g.pattern.mode == .inPerson && !ctx.scenario.venues.contains(where: { v in v.rooms.contains { $0.capacity >= n } }) {
            return "no room seats all \(n) participants"
        }
        if crewSeats(g) < n {
            return "the \(g.programme.id) facilitators free in \(g.pattern.halfTerm.rawValue) are too few to crew all \(n) participants"
        }
        return "no day in \(g.pattern.halfTerm.rawValue) between the cohorts' neighbouring sessions with a room for \(n) and \(g.programme.facilitatorsNeeded(for: n, at: g.pattern)) of their facilitators free"
    }
}
