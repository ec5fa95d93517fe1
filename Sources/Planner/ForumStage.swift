import HubModel

/// Dates each CPD Leaders Forum meeting: the venue and chair the advisers' model
/// chose, or else the cheapest pair with a chair who has days left, on a common
/// free teaching day near the middle of the half-term.
struct ForumStage {
    let ctx: PlanningContext

    struct Outcome {
        var forums: [PlanForum]
        var unmet: [UnmetItem]
    }

    /// Books every meeting. `chosen` is the pair the advisers' model picked for a
    /// meeting (by ``ForumMeeting/key``), tried first; `supportDays` is each
    /// adviser's support days, planned already: a chair needs days left after them
    /// (``AdviserCapacity``).
    func run(diary: Diary, chosen: [String: ForumMeeting.Pair], supportDays: [String: Double], baseline: Baseline? = nil) -> Outcome {
        var out = Outcome(forums: [], unmet: [])
        var load = supportDays
        func canChair(_ a: ExpertAdviser, _ m: ForumMeeting) -> Bool { AdviserCapacity.allows(a, days: (load[a.id] ?? 0) + m.chairDays) }
        func charge(_ a: String, _ m: ForumMeeting) { load[a, default: 0] += m.chairDays }
        let previous = Dictionary((baseline?.plan.forums ?? []).map { ("\($0.forum)|\($0.scope)|\($0.halfTerm.rawValue)", $0) }, uniquingKeysWith: { a, _ in a })
        for meeting in ForumMeeting.all(ctx) {
            let f = meeting.series, scope = meeting.scope, authorities = meeting.authorities, ht = meeting.halfTerm, size = meeting.size
            let what = UnmetSubject.forum(series: f.id, scope: scope, halfTerm: ht)
            // The model's pair first, then the others by cost (a hub forum's chair covers some authority).
            let pairs = (chosen[meeting.key].map { [$0] } ?? [])
                + meeting.pairs.filter { f.scope == .authority || !$0.chair.authorities.isEmpty }
            guard !pairs.isEmpty else {
                let why: UnmetReason = !ctx.scenario.venues.contains { (f.scope == .hub || authorities.contains($0.authority)) && $0.largestRoom >= size }
                    ? .noForumVenueSeats(scope: scope, halfTerm: ht, size: size)
                    : .noForumChair(scope: scope, halfTerm: ht, authorities: authorities)
                out.unmet.append(UnmetItem(what, amount: 1, reason: why))
                continue
            }
            if let old = previous[meeting.key], case let d = old.date, let v = ctx.venueById[old.venue],
               let room = v.rooms.first(where: { $0.id == old.room }),
               baseline!.isFrozen(old.date) || (ctx.venueOpen(v, d) && diary.isFree(old.chair, d, meeting.parts, days: meeting.chairDays)
                                                 && diary.freeRoom(v, d, meeting.parts, seats: size) != nil
                                                 && ctx.adviserById[old.chair].map({ canChair($0, meeting) }) == true
                                                 && ctx.teachingDays(authorities, ht).contains(d)) {
                // Held already, or still possible as planned: keep it.
                diary.book(old.chair, d, meeting.parts, days: meeting.chairDays)
                charge(old.chair, meeting)
                diary.bookRoom(v, room, d, meeting.parts)
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
            let free = pairs.filter { canChair($0.chair, meeting) }
            guard !free.isEmpty else {
                out.unmet.append(UnmetItem(what, amount: 1, reason: .chairsOutOfDays(scope: scope, halfTerm: ht)))
                continue
            }
            search: for pair in free {
                let v = pair.venue, chair = pair.chair
                for d in Diary.nearest(days, to: target) where ctx.venueOpen(v, d) && diary.isFree(chair.id, d, meeting.parts, days: meeting.chairDays) {
                    guard let room = diary.freeRoom(v, d, meeting.parts, seats: size) else { continue }
                    diary.book(chair.id, d, meeting.parts, days: meeting.chairDays)
                    charge(chair.id, meeting)
                    diary.bookRoom(v, room, d, meeting.parts)
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
        return out
    }
}
