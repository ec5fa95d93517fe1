import HubModel

/// Places each CPD Leaders Forum meeting: the cheapest venue and chair that
/// have a common free teaching day, near the middle of the half-term.
struct ForumStage {
    let ctx: PlanningContext

    struct Outcome {
        var forums: [PlanForum]
        var unmet: [UnmetItem]
    }

    /// (scope id, authorities in scope) for a series.
    func units(_ f: ForumSeries) -> [(String, [String])] {
        switch f.scope {
        case .authority: return ctx.scenario.authorities.map { ($0.id, [$0.id]) }
        case .hub: return [("hub", ctx.scenario.authorities.map(\.id))]
        }
    }

    func attendees(_ f: ForumSeries, _ authorities: [String]) -> [School] {
        ctx.scenario.focusSchools.compactMap { ctx.schoolById[$0.school] }.filter { authorities.contains($0.authority) }
    }

    /// The cost of holding one meeting at a venue with a chair.
    func cost(_ f: ForumSeries, venue: Venue, chair: ExpertAdviser, schools: [School]) -> Double {
        let w = ctx.scenario.weights
        let travel = schools.reduce(0.0) { $0 + (ctx.origin(ofSchool: $1.id) ?? $1.location).travelMinutes(to: venue.location) }
        return venue.dayCost * w.venueHire + travel * w.participantTravelPerMinute
            + chair.home.travelMinutes(to: venue.location) * w.staffTravelPerMinute
            + StaffDays(hours: f.hours).days * chair.dayRate * w.staffDays
    }

    /// A lower bound on the forums' cost in any plan the checker accepts: per
    /// meeting, the cheaper of its cheapest (venue, chair) pair — any venue in
    /// scope seating everyone, any chair the checker allows, dates ignored — and
    /// leaving it unmet.
    func bound() -> Double {
        let w = ctx.scenario.weights
        var total = 0.0
        for f in ctx.scenario.forums {
            for (_, authorities) in units(f) {
                let schools = attendees(f, authorities)
                let size = schools.count + f.extraAttendees
                let venues = ctx.scenario.venues.filter { (f.scope == .hub || authorities.contains($0.authority)) && $0.largestRoom >= size }
                let chairs = ctx.scenario.advisers.filter { a in f.scope == .hub || authorities.allSatisfy { a.authorities.contains($0) } }
                let cheapest = venues.flatMap { v in chairs.map { cost(f, venue: v, chair: $0, schools: schools) } }.min() ?? .infinity
                total += Double(f.halfTerms.count) * min(cheapest, w.unmet)
            }
        }
        return total
    }

    /// Books every meeting. `supportDays` is each adviser's support days, planned
    /// already: a chair needs days left after them (``AdviserCapacity``).
    func run(diary: Diary, supportDays: [String: Double], baseline: Baseline? = nil) -> Outcome {
        var out = Outcome(forums: [], unmet: [])
        var load = supportDays
        func canChair(_ a: ExpertAdviser, _ f: ForumSeries) -> Bool { AdviserCapacity.allows(a, days: (load[a.id] ?? 0) + StaffDays(hours: f.hours).days) }
        func charge(_ a: String, _ f: ForumSeries) { load[a, default: 0] += StaffDays(hours: f.hours).days }
        let previous = Dictionary((baseline?.plan.forums ?? []).map { ("\($0.forum)|\($0.scope)|\($0.halfTerm.rawValue)", $0) }, uniquingKeysWith: { a, _ in a })
        for f in ctx.scenario.forums {
            for (scope, authorities) in units(f) {
                let schools = attendees(f, authorities)
                let size = schools.count + f.extraAttendees
                let venues = ctx.scenario.venues.filter { (f.scope == .hub || authorities.contains($0.authority)) && $0.largestRoom >= size }
                let chairs = ctx.scenario.advisers.filter { a in authorities.allSatisfy { a.authorities.contains($0) } || (f.scope == .hub && !a.authorities.isEmpty) }
                let pairs = venues.flatMap { v in chairs.map { (v, $0, cost(f, venue: v, chair: $0, schools: schools)) } }
                    .sorted { ($0.2, $0.0.id, $0.1.id) < ($1.2, $1.0.id, $1.1.id) }
                for ht in f.halfTerms {
                    let what = UnmetSubject.forum(series: f.id, scope: scope, halfTerm: ht)
                    guard !pairs.isEmpty else {
                        let why: UnmetReason = venues.isEmpty ? .noForumVenueSeats(scope: scope, halfTerm: ht, size: size)
                                                              : .noForumChair(scope: scope, halfTerm: ht, authorities: authorities)
                        out.unmet.append(UnmetItem(what, amount: 1, reason: why))
                        continue
                    }
                    if let old = previous["\(f.id)|\(scope)|\(ht.rawValue)"], case let d = old.date, let v = ctx.venueById[old.venue],
                       let room = v.rooms.first(where: { $0.id == old.room }),
                       baseline!.isFrozen(old.date) || (ctx.venueOpen(v, d) && diary.isFree(old.chair, d) && diary.freeRoom(v, d, seats: size) != nil
                                                         && ctx.adviserById[old.chair].map({ canChair($0, f) }) == true
                                                         && ctx.teachingDays(authorities, ht).contains(d)) {
                        // Held already, or still possible as planned: keep it.
                        diary.book(old.chair, d)
                        charge(old.chair, f)
                        diary.bookRoom(v, room, d)
                        out.forums.append(old)
                        continue
                    }
                    let freeze = baseline?.freezeBefore
                    let days = ctx.teachingDays(authorities, ht).filter { d in freeze.map { d >= $0 } ?? true }
                    guard !days.isEmpty else {
                        out.unmet.append(UnmetItem(what, amount: 1, reason: .noCommonTeachingDay(scope: scope, halfTerm: ht)))
                        continue
                    }
                    let target = days[days.count / 2]
                    var placed = false
                    let free = pairs.filter { canChair($0.1, f) }
                    guard !free.isEmpty else {
                        out.unmet.append(UnmetItem(what, amount: 1, reason: .chairsOutOfDays(scope: scope, halfTerm: ht)))
                        continue
                    }
                    search: for (v, chair, _) in free {
                        for d in Diary.nearest(days, to: target) where ctx.venueOpen(v, d) && diary.isFree(chair.id, d) {
                            guard let room = diary.freeRoom(v, d, seats: size) else { continue }
                            diary.book(chair.id, d)
                            charge(chair.id, f)
                            diary.bookRoom(v, room, d)
                            out.forums.append(PlanForum(forum: f.id, scope: scope, halfTerm: ht, date: d,
                                                        start: f.start, hours: f.hours, venue: v.id, room: room.id,
                                                        chair: chair.id, attendees: size))
                            placed = true
                            break search
                        }
                    }
                    if !placed {
                        out.unmet.append(UnmetItem(what, amount: 1, reason: .noDayForVenueAndChair(scope: scope, halfTerm: ht, size: size)))
                    }
                }
            }
        }
        return out
    }
}
