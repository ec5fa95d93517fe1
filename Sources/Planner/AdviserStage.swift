import Foundation
import HubModel
import Solver

/// Gives every Focus School one expert adviser for the year (continuity), within
/// advisers' capacity and coverage, then dates the visits.
///
/// A MIP: b[s,a] = 1 when adviser a supports school s; unmet support days are
/// penalised slack. Cost: day rates and travel from the adviser's home.
struct AdviserStage {
    let ctx: PlanningContext
    let options: SolveOptions
    var exporter: ((Model) -> Void)? = nil
    var hooks = SolveHooks()
    /// When re-planning: school → its previous adviser.
    var previousAdviser: [String: String] = [:]

    struct Outcome {
        var primary: [String: String]   // school → adviser
        var unmet: [UnmetItem]
        var objective: Double
        var bound: Double
        var stats: ModelStats?
    }

    static func totalDays(_ n: FocusSchoolNeed) -> Int { HalfTerm.allCases.reduce(0) { $0 + n.days(in: $1) } }

    func run() throws -> Outcome {
        let s = ctx.scenario, w = s.weights
        let needs = s.focusSchools.filter { Self.totalDays($0) > 0 && ctx.schoolById[$0.school] != nil }
        guard !needs.isEmpty else { return Outcome(primary: [:], unmet: [], objective: 0, bound: 0, stats: nil) }
        let modelStarted = Date()
        var m = Model(name: "adviser_assignment")
        var b: [[(Int, Variable)]] = []
        var slack: [Variable] = []
        var load = Array(repeating: LinearExpression(), count: s.advisers.count)
        var objective = LinearExpression()
        for n in needs {
            let school = ctx.schoolById[n.school]!
            let days = Double(Self.totalDays(n))
            var one = LinearExpression()
            var row: [(Int, Variable)] = []
            for (ai, a) in s.advisers.enumerated() where a.authorities.contains(school.authority) {
                let v = m.addBinary("b_\(n.school)_\(a.id)")
                row.append((ai, v))
                one.add(1, v)
                load[ai].add(days, v)
                let keepBonus = previousAdviser[n.school] == a.id ? w.brokenContinuity : 0
                objective.add(days * a.dayRate * w.staffDays + days * a.home.travelMinutes(to: school.location) * w.staffTravelPerMinute - keepBonus, v)
            }
            let u = m.addBinary("u_\(n.school)")
            slack.append(u)
            one.add(1, u)
            m.add(one == 1, name: "support_\(n.school)")
            objective.add(days * w.unmet, u)
            b.append(row)
        }
        // Every school needs at least the smallest school's days, so an adviser can
        // take at most ⌊capacity / smallest⌋ schools: a valid cut that closes most
        // of the LP gap of this bin-packing-like model.
        let smallest = Double(needs.map { Self.totalDays($0) }.min() ?? 1)
        for (ai, a) in s.advisers.enumerated() where !load[ai].terms.isEmpty {
            m.add(load[ai] <= a.capacityDays, name: "capacity_\(a.id)")
            let count = LinearExpression(sum: b.flatMap { $0 }.filter { $0.0 == ai }.map(\.1))
            m.add(count <= (a.capacityDays / smallest).rounded(.down), name: "schools_\(a.id)")
        }
        m.setObjective(.minimize, objective)
        exporter?(m)
        let r = try hooks.solve(m, options)
        let stats = ModelStats(m, r, built: modelStarted)
        guard r.status.hasSolution else { throw PlannerError.stageFailed("adviser assignment: GLPK returned \(r.status.rawValue)") }
        var primary: [String: String] = [:]
        var unmet: [UnmetItem] = []
        for (si, n) in needs.enumerated() {
            if let chosen = b[si].first(where: { r.value($0.1) > 0.5 }) {
                primary[n.school] = s.advisers[chosen.0].id
            } else {
                let la = ctx.schoolById[n.school]!.authority
                let covering = s.advisers.filter { $0.authorities.contains(la) }
                let why = covering.isEmpty ? "\(la): no expert adviser covers \(la)"
                    : "\(la): the \(covering.count) adviser(s) covering \(la) have too few days left for \(Self.totalDays(n)) support days"
                unmet.append(UnmetItem(what: "Focus School \(n.school): support days", amount: Double(Self.totalDays(n)), reason: why))
            }
        }
        return Outcome(primary: primary, unmet: unmet, objective: r.objective ?? 0, bound: r.bound ?? 0, stats: stats)
    }

    /// A lower bound on the advisers' cost in any plan the checker accepts.
    ///
    /// A plan either keeps every school with one adviser — then the assignment
    /// MIP's proven bound (`continuity`) holds — or shares at least one school
    /// between advisers, paying `brokenContinuity` at least once on top of the
    /// LP relaxation of the model where sharing is allowed. The smaller of the two holds.
    func bound(continuity: Double) throws -> (bound: Double, stats: ModelStats) {
        let shared = try sharedBound(options: SolveOptions(timeLimit: 10))
        return (min(continuity, shared.bound + ctx.scenario.weights.brokenContinuity), shared.stats)
    }

    /// The LP relaxation of the advisers' model where a school may be shared by
    /// several advisers (each extra one costs `brokenContinuity`) and part of its
    /// days may be unmet: d[s,a] days (at most one a visit, so travel is priced
    /// per day), b[s,a] whether a supports s.
    private func sharedBound(options: SolveOptions) throws -> (bound: Double, stats: ModelStats) {
        let s = ctx.scenario, w = s.weights
        let started = Date()
        var m = Model(name: "adviser_bound")
        var objective = LinearExpression()
        var load = Array(repeating: LinearExpression(), count: s.advisers.count)
        for n in s.focusSchools where Self.totalDays(n) > 0 {
            guard let school = ctx.schoolById[n.school] else { continue }
            let days = Double(Self.totalDays(n))
            var given = LinearExpression(), supporters = LinearExpression()
            for (ai, a) in s.advisers.enumerated() where a.authorities.contains(school.authority) {
                let d = m.addVariable(lower: 0, upper: days)
                let b = m.addVariable(lower: 0, upper: 1)
                m.add(d - days * b <= 0)
                given.add(1, d)
                supporters.add(1, b)
                load[ai].add(1, d)
                objective.add(a.dayRate * w.staffDays + a.home.travelMinutes(to: school.location) * w.staffTravelPerMinute, d)
            }
            let unmet = m.addVariable(lower: 0, upper: days)
            objective.add(w.unmet, unmet)
            m.add(given + unmet >= days)
            let extra = m.addVariable(lower: 0)
            m.add(extra - supporters >= -1)
            objective.add(w.brokenContinuity, extra)
        }
        for (ai, a) in s.advisers.enumerated() where !load[ai].terms.isEmpty { m.add(load[ai] <= a.capacityDays) }
        m.setObjective(.minimize, objective)
        let r = try hooks.solve(m, options)
        let stats = ModelStats(m, r, built: started)
        guard let b = r.bound, r.status != .infeasible, r.status != .unbounded else { return (0, stats) }
        return (max(0, b - 1e-7 * abs(b) - 1e-6), stats)
    }

    /// Dates each support day: audit days first in HT1, visits spread through each half-term.
    func dateVisits(_ primary: [String: String], diary: Diary, baseline: Baseline? = nil) -> ([AdviserAssignment], [UnmetItem]) {
        var out: [AdviserAssignment] = []
        var unmet: [UnmetItem] = []
        // Re-planning: visits already made stay; later ones aim for their previous dates.
        var held: [String: Int] = [:]   // "school|HTn" → days already given
        var previousDates: [String: [Day]] = [:]
        for a in baseline?.plan.adviserAssignments ?? [] {
            guard let ds = a.date, let d = Day(iso: ds) else { continue }
            if baseline!.isFrozen(ds) {
                diary.book(a.adviser, d)
                out.append(a)
                held["\(a.school)|\(a.halfTerm)", default: 0] += 1
            } else {
                previousDates["\(a.school)|\(a.halfTerm)", default: []].append(d)
            }
        }
        for n in ctx.scenario.focusSchools.sorted(by: { $0.school < $1.school }) {
            guard let adviser = primary[n.school], let school = ctx.schoolById[n.school] else { continue }
            for ht in HalfTerm.allCases {
                let all = Array(repeating: "audit", count: ht == .ht1 ? n.auditDays : 0) + Array(repeating: "visit", count: n.daysPerHalfTerm)
                let kinds = Array(all.dropFirst(held["\(n.school)|\(ht.rawValue)"] ?? 0))
                guard !kinds.isEmpty else { continue }
                let freeze = baseline?.freezeBefore
                let days = ctx.teachingDays([school.authority], ht).filter { d in freeze.map { d >= $0 } ?? true }
                let wished = previousDates["\(n.school)|\(ht.rawValue)"] ?? []
                for (k, kind) in kinds.enumerated() {
                    let target = k < wished.count ? wished[k] : (days.isEmpty ? nil : days[min(days.count - 1, days.count * (k + 1) / (kinds.count + 1))])
                    if let target, let d = Diary.nearest(days, to: target).first(where: { diary.isFree(adviser, $0) }) {
                        diary.book(adviser, d)
                        out.append(AdviserAssignment(school: n.school, adviser: adviser, halfTerm: ht.rawValue, days: 1,
                                                     date: d.description, kind: kind))
                    } else {
                        unmet.append(UnmetItem(what: "Focus School \(n.school): \(kind) day in \(ht.rawValue)", amount: 1,
                                               reason: "\(school.authority), \(ht.rawValue): adviser \(adviser) has no free teaching day left"))
                    }
                }
            }
        }
        return (out, unmet)
    }
}

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
            + (f.hours > 3.5 ? 1 : 0.5) * chair.dayRate * w.staffDays
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

    func run(diary: Diary, baseline: Baseline? = nil) -> Outcome {
        var out = Outcome(forums: [], unmet: [])
        let previous = Dictionary((baseline?.plan.forums ?? []).map { ("\($0.forum)|\($0.scope)|\($0.halfTerm)", $0) }, uniquingKeysWith: { a, _ in a })
        for f in ctx.scenario.forums {
            for (scope, authorities) in units(f) {
                let schools = attendees(f, authorities)
                let size = schools.count + f.extraAttendees
                let venues = ctx.scenario.venues.filter { (f.scope == .hub || authorities.contains($0.authority)) && $0.largestRoom >= size }
                let chairs = ctx.scenario.advisers.filter { a in authorities.allSatisfy { a.authorities.contains($0) } || (f.scope == .hub && !a.authorities.isEmpty) }
                let pairs = venues.flatMap { v in chairs.map { (v, $0, cost(f, venue: v, chair: $0, schools: schools)) } }
                    .sorted { ($0.2, $0.0.id, $0.1.id) < ($1.2, $1.0.id, $1.1.id) }
                for ht in f.halfTerms {
                    let what = "\(f.id) \(scope) \(ht.rawValue)"
                    guard !pairs.isEmpty else {
                        let why = venues.isEmpty ? "no venue in scope seats \(size)" : "no expert adviser covers \(authorities.joined(separator: ", ")) to chair it"
                        out.unmet.append(UnmetItem(what: "forum \(what)", amount: 1, reason: "\(scope), \(ht.rawValue): \(why)"))
                        continue
                    }
                    if let old = previous["\(f.id)|\(scope)|\(ht.rawValue)"], let d = Day(iso: old.date), let v = ctx.venueById[old.venue],
                       let room = v.rooms.first(where: { $0.id == old.room }),
                       baseline!.isFrozen(old.date) || (ctx.venueOpen(v, d) && diary.isFree(old.chair, d) && diary.freeRoom(v, d, seats: size) != nil
                                                         && ctx.adviserById[old.chair] != nil && ctx.teachingDays(authorities, ht).contains(d)) {
                        // Held already, or still possible as planned: keep it.
                        diary.book(old.chair, d)
                        diary.bookRoom(v, room, d)
                        out.forums.append(old)
                        continue
                    }
                    let freeze = baseline?.freezeBefore
                    let days = ctx.teachingDays(authorities, ht).filter { d in freeze.map { d >= $0 } ?? true }
                    guard !days.isEmpty else {
                        out.unmet.append(UnmetItem(what: "forum \(what)", amount: 1, reason: "\(scope), \(ht.rawValue): no common teaching day"))
                        continue
                    }
                    let target = days[days.count / 2]
                    var placed = false
                    search: for (v, chair, _) in pairs {
                        for d in Diary.nearest(days, to: target) where ctx.venueOpen(v, d) && diary.isFree(chair.id, d) {
                            guard let room = diary.freeRoom(v, d, seats: size) else { continue }
                            diary.book(chair.id, d)
                            diary.bookRoom(v, room, d)
                            out.forums.append(PlanForum(forum: f.id, scope: scope, halfTerm: ht.rawValue, date: d.description,
                                                        start: f.start, hours: f.hours, venue: v.id, room: room.id,
                                                        chair: chair.id, attendees: size))
                            placed = true
                            break search
                        }
                    }
                    if !placed {
                        out.unmet.append(UnmetItem(what: "forum \(what)", amount: 1,
                                                   reason: "\(scope), \(ht.rawValue): no teaching day on which a venue seating \(size) and a chair are both free"))
                    }
                }
            }
        }
        return out
    }
}
