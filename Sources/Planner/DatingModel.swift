import Foundation
import HubModel
import Solver

/// Stage C, second pass: each half-term's session dates chosen by a MIP that prices
/// them (``DateCosts``); its answer replaces the first pass's dates only when it costs less.
///
/// Per half-term, x[s,d] = 1 when session s is on day d. A session's days are those
/// its cohort's authorities teach, its venue is open with a room that seats it, its
/// team is free of what stays booked and its fixed neighbours allow. What stays where
/// the first pass put it: sessions run with substitutes, and everything in other
/// half-terms (re-planning does not run the model: dates stay near the old ones). Rows: one day per session; a
/// cohort's sessions in order; per person, day and part of the day at most one
/// session, and a day's work within ``DailyLoad``; per venue, day, part and size, no
/// more sessions of at least that size than free rooms that seat it (the sets of rooms
/// that seat a size are nested, so rooms can be handed out largest session first).
/// Costs: y[school,day] ≥ cohorts out − 1 (``ObjectiveWeights/schoolDayClash``), a
/// school's avoid days per participant, shortfall and excess of the spacing between a
/// cohort's consecutive sessions, and a session off its cohort's usual weekday (the
/// weekday most of its sessions fall on as the half-term's model starts). Each session
/// may move to its first-pass day or one of the ``HalfTermModel/daysPerSession`` − 1
/// days that cost least on their own, which keeps each model small enough for GLPK.
struct DatingModel {
    let ctx: PlanningContext
    let diary: Diary
    var hooks = SolveHooks()
    /// Seconds for each half-term's model.
    var timeLimit: Double
    /// Whether a model is written out (for --export-mps).
    var exporter: ((Model) -> Void)? = nil
    /// Pounds each half-term's model may leave unproven once its search has run ten nodes:
    /// its share of the plan's gap (dates are a few hundred pounds of a plan of hundreds of thousands).
    var tolerance: Double = 0

    struct Outcome {
        var sessions: [PlanSession]
        var stats: [ModelStats]
    }

    /// The sessions, each half-term's re-dated where the model found cheaper dates.
    func improve(_ sessions: [PlanSession], cohorts: [CohortStage.Cohort], teams: [String: [String]]) -> Outcome {
        let byId = Dictionary(cohorts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var current = sessions
        var stats: [ModelStats] = []
        for ht in HalfTerm.allCases {
            let movable = current.indices.filter { i in
                let s = current[i]
                return s.halfTerm == ht && byId[s.cohort] != nil
                    && Set(s.facilitators) == Set(teams[s.cohort] ?? [])
            }
            guard !movable.isEmpty else { continue }
            let saved = diary.state
            for i in movable { unbook(current[i]) }
            let half = HalfTermModel(ctx: ctx, diary: diary, halfTerm: ht, sessions: current, movable: movable, cohorts: byId)
            guard let built = half.build() else { diary.restore(saved); continue }
            exporter?(built.model)
            // No start: GLPK's MIP presolver (which a start turns off) solves the larger half-terms
            // several times faster (L's HT3: 0.9 s against 3.8 s); the first pass's dates stand
            // whenever the model ends without a cheaper answer.
            // Cuts: the reference's second year's HT2 model (981 rows) is proven in 0.04 s with them and
            // 4.8–6.3 s without (`hubplan solve` on its MPS); the other half-terms of S, M and L take as long either way.
            var options = SolveOptions(timeLimit: timeLimit, relativeGap: 1e-4, cuts: [.gomory, .mir, .cover, .clique])
            // The cheaper of GLPK's best and the first pass is kept: min(best, start) − bound ≤ r · start = tolerance
            // whenever best − bound ≤ r · best.
            if tolerance > 0 && built.startObjective > 0 {
                options.laterGap = SolveOptions.LaterGap(gap: tolerance / built.startObjective, afterNodes: 10)
            }
            let started = Date()
            guard let r = try? hooks.solve(built.model, options) else { diary.restore(saved); continue }
            stats.append(ModelStats(built.model, r, built: started))
            guard r.status.hasSolution, let value = r.objective, value < built.startObjective - 1e-6,
                  let moved = half.decode(r, built) else {
                diary.restore(saved)
                continue
            }
            for (i, s) in moved { current[i] = s }
        }
        return Outcome(sessions: current, stats: stats)
    }

    private func unbook(_ s: PlanSession) {
        for f in s.facilitators { diary.unbook(f, s.date, s.parts, days: StaffDays(hours: s.hours).days) }
        if let v = s.venue.flatMap({ ctx.venueById[$0] }), let room = v.rooms.first(where: { $0.id == s.room }) {
            diary.unbookRoom(v, room, s.date, s.parts)
        }
    }

    static func key(_ s: PlanSession) -> String { "\(s.cohort)|\(s.session)" }
}

/// One half-term's dating model: built from the diary with the movable sessions unbooked.
private struct HalfTermModel {
    let ctx: PlanningContext
    let diary: Diary
    let halfTerm: HalfTerm
    /// Every session of the plan; `movable` are the indices the model dates.
    let sessions: [PlanSession]
    let movable: [Int]
    let cohorts: [String: CohortStage.Cohort]
    /// Day → the avoid closures on it.
    let avoidDays: [Day: [Closure]]
    /// Each cohort's usual weekday, as the plan stands (the most of its sessions): the model
    /// keeps it, so a session on another weekday costs that day alone.
    let usualDay: [String: Weekday]

    init(ctx: PlanningContext, diary: Diary, halfTerm: HalfTerm, sessions: [PlanSession], movable: [Int], cohorts: [String: CohortStage.Cohort]) {
        self.ctx = ctx
        self.diary = diary
        self.halfTerm = halfTerm
        self.sessions = sessions
        self.movable = movable
        self.cohorts = cohorts
        avoidDays = Dictionary(grouping: ctx.scenario.calendar.closures.filter(\.isAvoided), by: \.day)
        usualDay = Dictionary(grouping: sessions, by: \.cohort).compactMapValues { DateCosts.usualWeekday($0.map(\.date)) }
    }

    struct Built {
        var model: Model
        /// The objective at the first pass's dates: what the model must beat.
        var startObjective: Double
        /// Per movable session (same order as `movable`): its days and x variables.
        var choices: [[(day: Day, x: Variable)]]
    }

    /// Days a session may move to: the first pass's and the cheapest others.
    static let daysPerSession = 8

    /// What a day costs a session of the cohort by itself: its schools' avoid days, the usual
    /// weekday, and (for ranking days) the spacing from fixed neighbours.
    private func staticCost(_ c: CohortStage.Cohort, _ d: Day, usual: Weekday?, after: Day?, before: Day?) -> Double {
        let w = ctx.scenario.weights
        var cost = 0.0
        if let closures = avoidDays[d] {
            cost += Double(DateCosts.teachersAsked(c.places(at: halfTerm).map { ($0.0, $0.1) }, closures, schools: ctx.schoolById)) * w.avoidDay
        }
        if let usual, d.weekday != usual { cost += w.weekdayChange }
        if let after { cost += DateCosts.spacingMiss(gap: after.distance(to: d), w) * w.spacingPerDay }
        if let before { cost += DateCosts.spacingMiss(gap: d.distance(to: before), w) * w.spacingPerDay }
        return cost
    }

    func build() -> Built? {
        let w = ctx.scenario.weights
        var m = Model(name: "dates_\(halfTerm.rawValue)")
        var objective = LinearExpression()
        let isMovable = Set(movable)
        let index = Dictionary(sessions.indices.map { (DatingModel.key(sessions[$0]), $0) }, uniquingKeysWith: { a, _ in a })
        let neighbours = { (i: Int, step: Int) -> Int? in index["\(sessions[i].cohort)|\(sessions[i].session + step)"] }
        // Each movable session's days.
        var choices: [[(day: Day, x: Variable)]] = []
        for i in movable {
            let s = sessions[i], c = cohorts[s.cohort]!
            let days = StaffDays(hours: s.hours).days, parts = s.parts
            let venue = s.venue.flatMap { ctx.venueById[$0] }
            let after = neighbours(i, -1).flatMap { isMovable.contains($0) ? nil : sessions[$0].date }
            let before = neighbours(i, 1).flatMap { isMovable.contains($0) ? nil : sessions[$0].date }
            let teaching = ctx.teachingDays(c.authorities.isEmpty ? [c.authority] : c.authorities, halfTerm)
            let open = teaching.filter { d in
                (after.map { d > $0 } ?? true) && (before.map { d < $0 } ?? true)
                    && s.facilitators.allSatisfy { diary.isFree($0, d, parts, days: days) }
                    && (venue.map { v in ctx.venueOpen(v, d) && diary.freeRoom(v, d, parts, seats: s.participants) != nil } ?? true)
            }
            // The first pass's day is always among them (it was free with more booked); if not, leave the half-term alone.
            guard open.contains(s.date) else { return nil }
            // The days that cost least on their own, and the first pass's: a small model that GLPK solves in time.
            let usual = usualDay[s.cohort]
            let ranked = open.filter { $0 != s.date }
                .map { d in (d, staticCost(c, d, usual: usual, after: after, before: before)) }
                .sorted { ($0.1, abs($0.0.ordinal - s.date.ordinal)) < ($1.1, abs($1.0.ordinal - s.date.ordinal)) }
                .prefix(Self.daysPerSession - 1).map(\.0)
            choices.append(([s.date] + ranked).sorted().map { d in (d, m.addBinary("x_\(s.cohort)_\(s.session)_\(d)")) })
        }
        var start = [Double](repeating: 0, count: m.variables.count)
        for (k, i) in movable.enumerated() {
            m.add(LinearExpression(sum: choices[k].map(\.x)) == 1, name: "day_\(sessions[i].cohort)_\(sessions[i].session)")
            for (d, x) in choices[k] where d == sessions[i].date { start[x.index] = 1 }
        }
        let slot = Dictionary(movable.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        /// A session's day as an expression: Σ ordinal·x, or its fixed date.
        func dayOf(_ i: Int) -> LinearExpression {
            guard let k = slot[i] else { return LinearExpression(constant: Double(sessions[i].date.ordinal)) }
            var e = LinearExpression()
            for (d, x) in choices[k] { e.add(Double(d.ordinal), x) }
            return e
        }
        // Order within the half-term.
        for i in movable {
            if let j = neighbours(i, 1), slot[j] != nil { m.add(dayOf(j) - dayOf(i) >= 1, name: "order_\(sessions[i].cohort)_\(sessions[i].session)") }
        }
        // People: a part of a day once, a day's work within the daily limit; rooms by size.
        var partUse: [String: LinearExpression] = [:], dayUse: [String: (who: String, day: Day, e: LinearExpression)] = [:]
        var roomUse: [String: (venue: Venue, day: Day, part: DayParts, sized: [(Int, Variable)])] = [:]
        for (k, i) in movable.enumerated() {
            let s = sessions[i], days = StaffDays(hours: s.hours).days
            for (d, x) in choices[k] {
                for f in s.facilitators {
                    for p in s.parts.each { partUse["\(f)|\(d.ordinal)|\(p.rawValue)", default: LinearExpression()].add(1, x) }
                    dayUse["\(f)|\(d.ordinal)", default: (f, d, LinearExpression())].e.add(days, x)
                }
                if let v = s.venue.flatMap({ ctx.venueById[$0] }) {
                    for p in s.parts.each { roomUse["\(v.id)|\(d.ordinal)|\(p.rawValue)", default: (v, d, p, [])].sized.append((s.participants, x)) }
                }
            }
        }
        for (key, e) in partUse.sorted(by: { $0.key < $1.key }) where e.terms.count > 1 { m.add(e <= 1, name: "person_\(key)") }
        for (key, use) in dayUse.sorted(by: { $0.key < $1.key }) {
            let room = 1 - diary.load(use.who, use.day)
            if use.e.terms.reduce(0, { $0 + $1.coefficient }) > room + 1e-9 { m.add(use.e <= room, name: "daily_\(key)") }
        }
        for (key, use) in roomUse.sorted(by: { $0.key < $1.key }) where use.sized.count > 1 {
            let free = diary.freeRooms(use.venue, use.day, use.part).map(\.capacity)
            for size in Set(use.sized.map(\.0)).sorted() {
                let needing = use.sized.filter { $0.0 >= size }
                let seats = free.filter { $0 >= size }.count
                if needing.count > seats { m.add(LinearExpression(sum: needing.map(\.1)) <= Double(seats), name: "rooms_\(key)_\(size)") }
            }
        }
        // Costs of a session on a day on its own: its schools' avoid days, and a day off the cohort's usual weekday.
        for (k, i) in movable.enumerated() {
            let c = cohorts[sessions[i].cohort]!
            for (d, x) in choices[k] {
                let cost = staticCost(c, d, usual: usualDay[c.id], after: nil, before: nil)
                if cost > 0 { objective.add(cost, x) }
            }
        }
        var aux: [(Variable, ([Double]) -> Double)] = []
        // Two cohorts out of one school on one day.
        if w.schoolDayClash > 0 {
            var out: [String: LinearExpression] = [:]
            var fixed: [String: Set<String>] = [:]
            for (i, s) in sessions.enumerated() where s.halfTerm == halfTerm && DateCosts.releaseDays(start: s.start, hours: s.hours, online: s.online) > 0 {
                guard let c = cohorts[s.cohort] else { continue }
                // Starters' schools only: with late joiners' too, the weak clash relaxation kept the HT3
                // and HT5 models of the reference with January and April starters from a proof until
                // their 2 s limit (4.6 s in all, against 0.8 s, for one clash, £150, fewer). The first
                // pass sees joiners' schools.
                for place in c.schools where place.1 > 0 {
                    if let k = slot[i] {
                        for (d, x) in choices[k] { out["\(place.0)|\(d.ordinal)", default: LinearExpression()].add(1, x) }
                    } else {
                        fixed["\(place.0)|\(s.date.ordinal)", default: []].insert(s.cohort)
                    }
                }
            }
            for (key, e) in out.sorted(by: { $0.key < $1.key }) {
                let already = Double(fixed[key]?.count ?? 0)
                guard Double(e.terms.count) + already >= 2 else { continue }
                let y = m.addVariable("clash_\(key)", lower: 0)
                m.add(e - y <= 1 - already, name: "clash_\(key)")
                objective.add(w.schoolDayClash, y)
                aux.append((y, { v in max(0, e.value(at: v) + already - 1) }))
            }
        }
        // Spacing between a cohort's consecutive sessions, where one of them moves.
        if w.spacingPerDay > 0 {
            for i in sessions.indices {
                guard let j = neighbours(i, 1), slot[i] != nil || slot[j] != nil else { continue }
                let gap = dayOf(j) - dayOf(i)
                let short = m.addVariable("short_\(sessions[i].cohort)_\(sessions[i].session)", lower: 0)
                let over = m.addVariable("over_\(sessions[i].cohort)_\(sessions[i].session)", lower: 0)
                m.add(gap + short >= w.minSpacingDays)
                m.add(gap - over <= w.maxSpacingDays)
                objective.add(w.spacingPerDay, short)
                objective.add(w.spacingPerDay, over)
                aux.append((short, { v in max(0, w.minSpacingDays - gap.value(at: v)) }))
                aux.append((over, { v in max(0, gap.value(at: v) - w.maxSpacingDays) }))
            }
        }
        m.setObjective(.minimize, objective)
        start += [Double](repeating: 0, count: m.variables.count - start.count)
        for (v, value) in aux { start[v.index] = value(start) }
        let startObjective = objective.value(at: start)
        return Built(model: m, startObjective: startObjective, choices: choices)
    }

    /// The moved sessions with their new days and rooms, booked in the diary; nil (nothing
    /// booked) if the rooms cannot be handed out, so the first pass's dates stand.
    func decode(_ r: SolveResult, _ built: Built) -> [(Int, PlanSession)]? {
        var moved: [(Int, PlanSession)] = []
        for (k, i) in movable.enumerated() {
            guard let pick = built.choices[k].first(where: { r.value($0.x) > 0.5 }) else { return nil }
            var s = sessions[i]
            s.date = pick.day
            moved.append((i, s))
        }
        // Rooms largest session first, then people.
        for (n, (i, s)) in moved.enumerated().sorted(by: { ($0.element.1.participants, $0.offset) > ($1.element.1.participants, $1.offset) }) {
            if let v = s.venue.flatMap({ ctx.venueById[$0] }) {
                guard let room = diary.freeRoom(v, s.date, s.parts, seats: s.participants) else { return nil }
                diary.bookRoom(v, room, s.date, s.parts)
                moved[n] = (i, { var t = s; t.room = room.id; return t }())
            }
        }
        for (_, s) in moved {
            for f in s.facilitators { diary.book(f, s.date, s.parts, days: StaffDays(hours: s.hours).days) }
        }
        return moved
    }
}
