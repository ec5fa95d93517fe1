import Foundation
import HubModel
import Solver

/// An exact joint model of a small scenario's costly decisions — cohorts,
/// venues, year-long facilitator teams, advisers and forums — solved to
/// optimality by GLPK, to judge the planner's plan and its bound against.
///
/// It is built from the `Scenario` alone, with no code of the planner's
/// stages (only HubModel, Solver and Foundation): the semantics come from
/// `PlanCosts` (how a plan is priced), `PlanChecker` (which plans are
/// allowed) and docs/model.md. Dates are left out, since no cost depends on
/// them; the oracle is therefore a relaxation of date feasibility, and its
/// optimum is a lower bound on every plan of its shape (below) that the
/// checker accepts.
///
/// ## Cohorts and teams (one MIP)
///
/// - A zone is (school's authority, school's town) for one programme; its
///   participants travel from the town centre, the mean position of *all*
///   the scenario's schools in that (authority, town), as `PlanCosts` does.
/// - Cohort slots per (programme group, venue): a group is the programme
///   (`crossAuthority`) or the programme in one authority; online-only
///   programmes have slots per group with no venue and no travel. A slot k
///   opens only if slot k−1 is open and is no larger (symmetry). Participants
///   are decided per (zone, base) and sizes per slot, with Σ sizes = Σ zone
///   participants at the base: which cohort of a base a participant joins
///   changes no cost and no rule, so this is exact and much smaller than
///   x[zone, slot] (the cohorts are filled in order when read back). A cohort has
///   `cohortMin … min(cohortMax, largest room)` participants, all from zones
///   whose town centre is within `maxTravelMinutes` of the venue. A venue is
///   a candidate only if, in every half-term the programme meets in person,
///   it is open (weekday, not unavailable) on a teaching day of some
///   authority: otherwise no session could be dated there.
/// - Places: integer `k_c ≥ size/ppf` and `k_c ≥ open_c`, so `k_c ≥
///   facilitatorsNeeded(size)`; a larger team is allowed (the checker
///   allows it) but never pays. `Σ_f a[c,f] = k_c`: a cohort is fully
///   staffed or not formed, and its participants are then unmet at
///   `w.unmet` each. The oracle has no "unfilled place" or "unmet session":
///   those are plans of another shape (see below).
/// - Facilitator f may join a cohort of p if qualified for p and, in each
///   half-term p meets, has at least one available day (a teaching day of
///   any authority, not in an unavailability); in each half-term f runs at
///   most as many sessions as such days (a person does one thing a day, and
///   a cohort's sessions fall on different days — a valid extra row the
///   planner does not have). Loads: `dh_f` per half-term, `dy_f` per year.
/// - Cost per in-person session: venue `dayCost · w.venueHire`; members'
///   travel minutes (town centre → venue) `· w.participantTravelPerMinute`;
///   per team member `t(home, venue) · w.staffTravelPerMinute`. Per session
///   per team member: facilitator days (1 above 3.5 hours, else ½) `· dayRate
///   · w.staffDays`. Imbalance: `w.loadImbalance · Σ_f e_f`, `e_f ≥ load_f −
///   Σ load / |F|` with |F| every facilitator of the scenario — exact, as
///   `PlanCosts` takes the mean over all of them.
/// - Strengthening, all valid for every integer point: per group at most
///   ⌊N/cmin⌋ cohorts, Σ open + Σ unmet ≥ ⌈N/largest cohort⌉ and Σ places +
///   Σ unmet ≥ ⌈N/ppf⌉ (Chvátal–Gomory), `a[c,f] ≤ open_c`, and one binary
///   per team size of a slot with `size ≤ Σ_j min(cap, j·ppf) t_j` (the LP
///   of one slot becomes the hull of its choices). Measured on the issue's
///   two S seed 7 cases (debug build, 2 busy cores): without any of these,
///   neither was proven in 300 s; with the first three, ECT1 at ppf 10 was
///   still open after 60 s; with all, both are proven optimal in 4–55 s.
/// - Programmes without sessions are left out: nothing is delivered, the
///   planner neither places nor lists their participants, so they cost 0.
/// - Events (`EventGathered`, `PlanCosts`): per event and scope (the hub, the
///   cohorts' authority, or a cross-authority cohort's venue's), at most one
///   venue `E_v` (its largest room seats all gathered) and a crew `c_f` of
///   qualified facilitators free in its half-term, `N · Σc ≥ gathered`, each
///   paying the day, counted in their limits, and the trip to the venue
///   chosen. A slot gathers or not (`j`); of each zone's participants at a base,
///   `xg` are gathered and travel to the event's venue instead of the base once,
///   the rest pay `w.eventApart`; a gathered slot's team does not work the
///   session (`aj = a ∧ j` takes back its day, trip and load) and its hire is
///   saved. One gathering session a programme at most.
/// - Late starters (`Enrolment.intake`): of each zone and intake, some join a
///   slot from their intake (the slot's size and places count them; they pay
///   travel and supply cover for the sessions from then on), some start a
///   catch-up cohort — slots of the programme from that half-term on, with that
///   intake's late starters as their starters and later intakes as joiners —
///   and the rest are unmet. An intake at or before an event is not modelled.
/// - Continued cohorts (`lastYear`, docs/model.md "Continuing cohorts"): for a
///   programme that continues one of last year's, this year's enrolment fills
///   last year's places school by school (cohorts in id order); each cohort so
///   carried on keeps those members together at last year's venue while it seats
///   and reaches them (otherwise at any venue that does, chosen by the model), may
///   be smaller than `cohortMin`, takes newcomers up to its cap (of its authority
///   unless the programme mixes them, within reach), and pays `w.brokenContinuity`
///   for each of last year's team not on this year's; or it is not carried on and
///   its members are unmet. One whose members span authorities (where they may not
///   mix) or that no venue seats and reaches is dissolved: its members are newcomers.
///   The rest of the enrolment are newcomers, who join continued cohorts, form new
///   ones or are unmet. Late starters and events in a continuing programme are not modelled.
///
/// ## Advisers (one MIP, independent of the first)
///
/// `PlanCosts` prices each `AdviserAssignment` row as `days · rate ·
/// w.staffDays` plus one trip `t(home, school.location) · w.staffTravel`
/// (the school's own position, not its town centre). The planner writes one
/// row per support day (`AdviserStage.dateVisits`: `days: 1` per visit), so
/// a school's T days from adviser a cost `T · (rate · staffDays + t ·
/// staffTravel)`. Continuity is the hard rule of docs/model.md: each Focus
/// School gets all its T = audit + 6 · daysPerHalfTerm days from one adviser
/// covering its authority, within `capacityDays`, or all T days are unmet
/// at `w.unmet` each. Valid extra rows: an adviser gives a school its days
/// of a half-term on distinct available teaching days of the school's
/// authority, and gives all schools at most as many days in a half-term as
/// it has available teaching days in the authorities it covers.
///
/// A plan the checker accepts may do what this excludes: split a school
/// between advisers (paying `w.brokenContinuity`), serve it in part, or put
/// several days in one row (one trip). `splitAdvisers` solves that wider
/// model (days per (school, adviser) integer, partial service, one row per
/// day), so a caller can see whether continuity, not the model, decides the
/// adviser cost; it is reported apart and not part of `total`.
///
/// ## Forums (closed form)
///
/// Per series, scope unit (each authority, or the hub) and half-term, the
/// cheapest (venue, chair) pair — `dayCost · w.venueHire` + the Focus
/// Schools' leads' travel from their town centres `· w.participantTravel` +
/// chair's travel `· w.staffTravel` + chair's half or whole day — or
/// `w.unmet` when no pair exists or it is cheaper. A venue must be in the
/// authority (authority scope; any venue for the hub) and seat the Focus
/// Schools in scope plus the extra attendees; the chair must cover the
/// authority (authority scope) — for the hub scope the checker asks nothing
/// of the chair, so any adviser may chair (the planner takes only advisers
/// covering some authority: they differ only for an adviser covering none).
/// The pair needs a common teaching day of the scope's authorities on which
/// the venue is open and the chair available. Chairing takes the chair's
/// half or whole day out of their capacity (`adviser-capacity`), so the
/// meetings are chosen in the advisers' MIP: one binary per pair and one for
/// leaving the meeting unmet.
///
/// ## Which plans it bounds, and which it is below
///
/// The optimum is a lower bound on every plan with year-long teams, no
/// unfilled places or unmet sessions, no adviser split or partial service
/// — the shape of the planner's plans when it meets every session with the
/// teams it chose. Plans outside that shape (a substitute standing in for a
/// busy team member, a place priced as unmet while a substitute runs the
/// sessions, a session left unmet) are priced by other rules and may be
/// cheaper, so `oracle ≤ plan.objective` is only asserted for plans of the
/// oracle's shape (`OracleTests.planShapeProblems`).
struct JointOracle {
    let scenario: Scenario
    var timeLimit: Double = 300
    var relativeGap: Double = 1e-6
    /// Last year's cohorts of the programmes this year's continue (empty: nothing is carried on).
    var lastYear: [LastYearCohort] = []

    init(scenario: Scenario, timeLimit: Double = 300, lastYear: [LastYearCohort] = []) {
        self.scenario = scenario
        self.timeLimit = timeLimit
        self.lastYear = lastYear
    }

    /// One of last year's cohorts, as last year's plan gives it (a plain value, so that the
    /// oracle needs none of the planner's types).
    struct LastYearCohort {
        var id: String
        var programme: String
        var venue: String?
        var team: [String]
        /// (school, participants) in the plan's order.
        var schools: [(String, Int)]
    }

    /// A cohort of the optimum.
    struct Cohort: Equatable, CustomStringConvertible {
        var programme: String
        var venue: String?
        /// zone id ("authority/town") → participants.
        var zones: [String: Int]
        var team: [String]
        /// The session numbers of the events it is gathered into (the rest of its sessions it meets on its own).
        var joined: [Int] = []
        /// Late starters who join it: "zone id|intake" → participants.
        var joiners: [String: Int] = [:]
        /// A catch-up cohort's first half-term: its starters are that intake's late starters.
        var starts: HalfTerm? = nil
        /// Last year's cohort it carries on, and its members from it (school → participants; the rest of `zones` joined).
        var continues: String? = nil
        var members: [String: Int] = [:]
        /// Its starters.
        var size: Int { zones.values.reduce(0, +) }
        /// Those at its sessions of a half-term: the starters and the joiners whose intake has come.
        func present(at ht: HalfTerm) -> Int {
            size + joiners.filter { HalfTerm(rawValue: String($0.key.split(separator: "|")[1]))! <= ht }.values.reduce(0, +)
        }
        var description: String { "\(programme)@\(venue ?? "online") \(size) \(team)" }
    }

    /// An event of the optimum: one per (programme, gathering session, scope) with cohorts of
    /// the programme in the scope; `venue` nil when none of them gathers.
    struct Event {
        var programme: String
        var session: Int
        /// Authority id, or `hub`.
        var scope: String
        var venue: String?
        var crew: [String]
        /// Indices into `Result.cohorts` of the cohorts it gathers.
        var cohorts: [Int]
        /// Indices of the scope's cohorts that meet apart.
        var apart: [Int]
    }

    struct Result {
        /// The cohort and team MIP's status; `.optimal` means proven within `relativeGap`.
        var status: TerminationStatus
        var adviserStatus: TerminationStatus
        /// Cohorts, venues, teams, participant travel, imbalance and unmet participants.
        var cohortsAndTeams: Double
        /// GLPK's proven lower bound on `cohortsAndTeams` (equal to it when optimal).
        var cohortsAndTeamsBound: Double
        var advisers: Double
        var forums: Double
        /// The adviser part when splits and partial service are allowed (see the type's comment).
        var splitAdvisers: Double
        var cohorts: [Cohort]
        var events: [Event]
        /// Focus School → adviser, in the continuity model's optimum.
        var adviserOf: [String: String]
        var forumChoices: [ForumChoice]
        var unmetParticipants: Int
        var seconds: Double
        var total: Double { cohortsAndTeams + advisers + forums }
        /// A proven lower bound on `total`, whatever the status.
        var totalBound: Double { cohortsAndTeamsBound + advisers + forums }
        var isOptimal: Bool { status == .optimal && adviserStatus == .optimal }
    }

    func solve() throws -> Result {
        let started = Date()
        let teams = try solveCohortsAndTeams()
        let advisers = try solveAdvisers(split: false)
        let split = try solveAdvisers(split: true)
        let forumCost = advisers.forumChoices.reduce(0) { $0 + $1.cost }
        return Result(status: teams.status, adviserStatus: advisers.status, cohortsAndTeams: teams.objective,
                      cohortsAndTeamsBound: teams.bound, advisers: advisers.objective - forumCost, forums: forumCost,
                      splitAdvisers: split.objective - split.forumChoices.reduce(0) { $0 + $1.cost }, cohorts: teams.cohorts, events: teams.events,
                      adviserOf: advisers.adviserOf, forumChoices: advisers.forumChoices, unmetParticipants: teams.unmet,
                      seconds: Date().timeIntervalSince(started))
    }

    // MARK: - Facts from the scenario

    var w: ObjectiveWeights { scenario.weights }

    /// A GLPK-safe name: towns have spaces ("Great Sankey").
    static func name(_ text: String) -> String { text.replacingOccurrences(of: " ", with: "_") }

    /// Facilitator days of a session: a full day above 3.5 hours, otherwise half.
    static func days(_ hours: Double) -> Double { hours > 3.5 ? 1 : 0.5 }

    /// Teaching days of any authority in the calendar in a half-term: a day on
    /// which someone could be working for some cohort.
    func anyTeachingDays(_ ht: HalfTerm) -> Set<Day> {
        var out: Set<Day> = []
        for la in Set(scenario.calendar.halfTerms.keys).union(scenario.authorities.map(\.id)) {
            out.formUnion(scenario.calendar.teachingDays(authority: la, halfTerm: ht))
        }
        return out
    }

    func available(_ who: String, _ d: Day) -> Bool {
        !scenario.unavailability.contains { $0.who == who && $0.from <= d && d <= $0.to }
    }

    func venueOpen(_ v: Venue, _ d: Day) -> Bool { v.weekdays.contains(d.weekday) && available(v.id, d) }

    /// (authority/town) → mean position of all the scenario's schools there.
    func townCentres() -> [String: GeoPoint] {
        var sums: [String: (Double, Double, Double)] = [:]
        for s in scenario.schools {
            let t = sums["\(s.authority)/\(s.town)"] ?? (0, 0, 0)
            sums["\(s.authority)/\(s.town)"] = (t.0 + s.location.latitude, t.1 + s.location.longitude, t.2 + 1)
        }
        return sums.mapValues { GeoPoint(latitude: $0.0 / $0.2, longitude: $0.1 / $0.2) }
    }

    // MARK: - Cohorts and teams

    struct Zone {
        var id: String
        var authority: String
        var centre: GeoPoint
        var participants: Int
    }

    /// One of last year's cohorts carried on this year.
    struct Carried {
        var old: LastYearCohort
        /// Its members: school → participants still enrolled.
        var members: [String: Int]
        /// Its members by zone id.
        var zones: [String: Int]
        var authority: String
        var size: Int { members.values.reduce(0, +) }
        /// Where it may meet: last year's venue while that seats and reaches its members, otherwise
        /// any venue that does; `[nil]` for an online programme.
        var venues: [Venue?]
    }

    /// Last year's cohorts of the programme `p` continues, carried on by docs/model.md's rules
    /// ("Continuing cohorts"): this year's enrolment (`enrolled`, school → starters) fills last
    /// year's places school by school, cohort by cohort in id order; a cohort whose members span
    /// authorities when `p` may not mix them, or that no venue seats and reaches, is dissolved and
    /// its members are newcomers again. `enrolled` is left holding the newcomers.
    func carriedOn(_ p: Programme, enrolled: inout [String: Int], teaching: [HalfTerm: Set<Day>],
                   centres: [String: GeoPoint]) throws -> [Carried] {
        guard let q = p.continues else { return [] }
        let schools = Dictionary(scenario.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let inPerson = p.sessions.filter { $0.mode == .inPerson }
        let inPersonTerms = Set(inPerson.map(\.halfTerm))
        var out: [Carried] = []
        for old in lastYear.filter({ $0.programme == q }).sorted(by: { $0.id < $1.id }) {
            var members: [String: Int] = [:]
            for (school, n) in old.schools {
                let k = min(n, enrolled[school] ?? 0)
                if k > 0 { members[school, default: 0] += k; enrolled[school]! -= k }
            }
            guard !members.isEmpty else { continue }
            var zones: [String: Int] = [:]
            for (school, n) in members { zones["\(schools[school]!.authority)/\(schools[school]!.town)", default: 0] += n }
            let authorities = Set(members.keys.map { schools[$0]!.authority })
            let size = members.values.reduce(0, +)
            guard size <= p.cohortMax else { throw OracleError.unsupported("\(old.id): more members than \(p.id)'s largest cohort") }
            func seats(_ v: Venue) -> Bool {
                v.largestRoom >= size
                    && zones.keys.allSatisfy { centres[$0]!.travelMinutes(to: v.location) <= scenario.solver.maxTravelMinutes + 1e-9 }
                    && inPersonTerms.allSatisfy { ht in teaching[ht]!.contains { venueOpen(v, $0) } }
            }
            var venues: [Venue?] = [nil]
            if !inPerson.isEmpty {
                if let was = old.venue, let v = scenario.venues.first(where: { $0.id == was }), seats(v) { venues = [v] }
                else { venues = scenario.venues.filter(seats) }
            }
            guard (p.crossAuthority || authorities.count == 1) && !venues.isEmpty else {
                for (school, n) in members { enrolled[school]! += n }
                continue
            }
            out.append(Carried(old: old, members: members, zones: zones, authority: authorities.sorted()[0], venues: venues))
        }
        return out
    }

    struct TeamsOutcome {
        var status: TerminationStatus
        var objective: Double
        var bound: Double
        var cohorts: [Cohort]
        var events: [Event] = []
        var unmet: Int
    }

    /// One event's decisions: its venue (at most one), its crew and who it gathers.
    struct EventVars {
        var programme: Programme
        var pattern: SessionPattern
        var scope: String
        var venues: [(Venue, Variable)]
        var crew: [(Int, Variable)]
        /// Participants gathered (Σ over its bases' zones).
        var gathered = LinearExpression()
        /// (slot index, joins) of every slot in the scope.
        var joins: [(Int, Variable)] = []
    }

    /// The scope of a base's cohorts' event, as the checker's `EventGathered` finds it: the hub, the
    /// cohort's authority, or for a cohort that may mix authorities its venue's.
    static func eventScope(_ pattern: SessionPattern, _ p: Programme, groupAuthority: String, venue: Venue) -> String {
        guard pattern.gathers == .authority else { return "hub" }
        return p.crossAuthority ? venue.authority : groupAuthority
    }

    func solveCohortsAndTeams() throws -> TeamsOutcome {
        let schools = Dictionary(scenario.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let centres = townCentres()
        let facilitators = scenario.facilitators
        let teaching = Dictionary(uniqueKeysWithValues: HalfTerm.allCases.map { ($0, anyTeachingDays($0)) })
        // Available days per facilitator and half-term.
        let free: [[Int]] = facilitators.map { f in HalfTerm.allCases.map { ht in teaching[ht]!.filter { available(f.id, $0) }.count } }

        var m = Model(name: "joint_oracle")
        var objective = LinearExpression()
        // Per facilitator: days per half-term, sessions per half-term, days in the year.
        var termDays = Array(repeating: Array(repeating: LinearExpression(), count: 6), count: facilitators.count)
        var termSessions = termDays
        var yearDays = Array(repeating: LinearExpression(), count: facilitators.count)
        struct Slot {
            var programme: Programme
            var venue: Venue?
            var open: Variable
            /// Its starters (nil for a continued cohort: its members and `newcomers`).
            var size: Variable?
            var a: [(Int, Variable)]
            var base: String
            /// Whether the slot is gathered into its event (nil: its programme has none).
            var joins: Variable?
            /// Late starters who join it, by intake.
            var joiners: [(HalfTerm, Variable)] = []
            /// A catch-up cohort's first half-term.
            var starts: HalfTerm? = nil
            /// A continued cohort: last year's it carries on, and the newcomers who join it.
            var carried: Carried? = nil
            var newcomers: [(Zone, Variable)] = []
        }
        var slots: [Slot] = []
        var events: [String: EventVars] = [:]
        var eventOrder: [String] = []
        // Per base: each zone's participants gathered into the event, when the programme has one.
        var gatheredAt: [String: [String: Variable]] = [:]
        var placedAt: [String: [(Zone, Variable)]] = [:]
        // Per base and intake: each zone's late starters joining its cohorts.
        var joiningAt: [String: [HalfTerm: [(Zone, Variable)]]] = [:]
        var zoneUnmet: [Variable] = []
        // Continued cohorts not carried on: (members, whether).
        var carriedUnmet: [(Int, Variable)] = []

        for whole in scenario.programmes where !whole.sessions.isEmpty {
            // Zones of the programme: its starters, and by intake its late starters (who join a
            // cohort with room from their intake, start a catch-up cohort, or are unmet).
            let first = whole.sessions.map(\.halfTerm).min() ?? .ht1
            var byZone: [String: Zone] = [:]
            var lateByZone: [HalfTerm: [String: Zone]] = [:]
            var startersAt: [String: Int] = [:]
            func zone(_ s: School) -> Zone {
                let id = "\(s.authority)/\(s.town)"
                return Zone(id: id, authority: s.authority, centre: centres[id]!, participants: 0)
            }
            for e in scenario.enrolment where e.programme == whole.id && e.participants > 0 {
                guard let s = schools[e.school] else { continue }
                if let t = e.intake, t > first {
                    lateByZone[t, default: [:]][zone(s).id, default: zone(s)].participants += e.participants
                } else {
                    startersAt[e.school, default: 0] += e.participants
                }
            }
            // Last year's cohorts carried on take their members first; the rest are newcomers.
            let carried = try carriedOn(whole, enrolled: &startersAt, teaching: teaching, centres: centres)
            if !carried.isEmpty && !lateByZone.isEmpty { throw OracleError.unsupported("\(whole.id): late starters in a continuing programme") }
            if !carried.isEmpty && whole.sessions.contains(where: { $0.gathers != nil }) {
                throw OracleError.unsupported("\(whole.id): an event in a continuing programme")
            }
            for (school, n) in startersAt where n > 0 {
                let s = schools[school]!
                byZone[zone(s).id, default: zone(s)].participants += n
            }
            let starterZones = byZone.values.sorted { $0.id < $1.id }
            let allLate = lateByZone.mapValues { $0.values.sorted { $0.id < $1.id } }
            var latePlaced: [String: LinearExpression] = [:]
            var lateUnmet: [String: (Int, Variable)] = [:]
            for (t, zs) in allLate {
                for z in zs {
                    let u = m.addVariable(Self.name("ul_\(whole.id)_\(z.id)_\(t.rawValue)"), lower: 0, upper: Double(z.participants))
                    lateUnmet["\(z.id)|\(t.rawValue)"] = (z.participants, u)
                    zoneUnmet.append(u)
                    objective.add(w.unmet, u)
                }
            }
            defer {
                for (key, (n, u)) in lateUnmet { m.add((latePlaced[key] ?? LinearExpression()) + u == Double(n)) }
            }
            // The programme from its start, then a catch-up cohort's from each intake on: its
            // starters that intake's late starters (shared with joining and unmet), later ones may join.
            for catchUp in [nil] + allLate.keys.sorted().map({ Optional($0) }) {
            let p = catchUp.map { whole.startingIn($0) } ?? whole
            let zones = catchUp.map { allLate[$0]! } ?? starterZones
            let lateZones = allLate.filter { t, _ in catchUp.map { t > $0 } ?? true }
            let tag = catchUp.map { "\(p.id)_from\($0.rawValue)" } ?? p.id
            guard !zones.isEmpty || (catchUp == nil && !carried.isEmpty) else { continue }
            let inPerson = p.sessions.filter { $0.mode == .inPerson }
            // Supply cover per participant served: in-person sessions before 15:00, a day from 3.5 hours, else half.
            let supplyCover = inPerson.filter { $0.start < "15:00" }.map { $0.hours > 3.5 ? 1.0 : 0.5 }.reduce(0, +) * w.releasePerDay
            let sessionsIn = HalfTerm.allCases.map { ht in p.sessions.filter { $0.halfTerm == ht } }
            let daysIn = sessionsIn.map { $0.reduce(0.0) { $0 + Self.days($1.hours) } }
            let daysTotal = daysIn.reduce(0, +)
            let meets = HalfTerm.allCases.filter { !sessionsIn[$0.index].isEmpty }
            // The session that gathers p's cohorts into an event, if any (one at most: the read-back
            // below fills a cohort from one pool of gathered participants per base).
            let gatheringSessions = p.sessions.filter { $0.gathers != nil && $0.mode == .inPerson }
            guard gatheringSessions.count <= 1 else { throw OracleError.unsupported("\(p.id) has more than one session that gathers") }
            let event = gatheringSessions.first
            if let event, lateZones.keys.contains(where: { $0 <= event.halfTerm }) {
                throw OracleError.unsupported("\(p.id): late starters before its event")
            }
            let eventDays = event.map { Self.days($0.hours) } ?? 0
            // Who could be on a team: the limits of the sessions a member works whatever happens
            // (not the event's: a gathered cohort's team does not work it). The rows below hold the rest.
            let own = p.sessions.filter { $0.number != event?.number }
            let ownIn = HalfTerm.allCases.map { ht in own.filter { $0.halfTerm == ht } }
            let ownDays = ownIn.map { $0.reduce(0.0) { $0 + Self.days($1.hours) } }
            let ownMeets = HalfTerm.allCases.filter { !ownIn[$0.index].isEmpty }
            let candidates = facilitators.indices.filter { fi in
                let f = facilitators[fi]
                return f.qualifications.contains(p.id) && ownMeets.allSatisfy { free[fi][$0.index] >= 1 }
                    && ownMeets.allSatisfy { ownDays[$0.index] <= f.daysPerHalfTerm + 1e-9 && ownIn[$0.index].count <= free[fi][$0.index] }
                    && ownDays.reduce(0, +) <= f.daysPerYear + 1e-9
            }
            // An event's venue (at most one), crew and their costs and loads, made on first use.
            func eventVars(_ e: SessionPattern, scope: String) -> String {
                let key = "\(p.id)_\(e.number)_\(scope)"
                guard events[key] == nil else { return key }
                let ht = e.halfTerm
                var ev = EventVars(programme: p, pattern: e, scope: scope, venues: [], crew: [])
                for v in scenario.venues where v.largestRoom >= 1 && teaching[ht]!.contains(where: { venueOpen(v, $0) }) {
                    let open = m.addBinary(Self.name("E_\(key)_\(v.id)"))
                    objective.add(v.dayCost * w.venueHire, open)
                    ev.venues.append((v, open))
                }
                m.add(LinearExpression(sum: ev.venues.map(\.1)) <= 1)
                for fi in facilitators.indices {
                    let f = facilitators[fi]
                    guard f.qualifications.contains(p.id), free[fi][ht.index] >= 1,
                          eventDays <= f.daysPerHalfTerm + 1e-9, eventDays <= f.daysPerYear + 1e-9 else { continue }
                    let c = m.addBinary(Self.name("c_\(key)_\(f.id)"))
                    objective.add(eventDays * f.dayRate * w.staffDays, c)
                    termDays[fi][ht.index].add(eventDays, c)
                    termSessions[fi][ht.index].add(1, c)
                    yearDays[fi].add(eventDays, c)
                    // The crew member's trip to the venue chosen: cv ≥ c + E_v − 1.
                    for (v, open) in ev.venues {
                        let trip = m.addVariable(Self.name("cv_\(key)_\(f.id)_\(v.id)"), lower: 0)
                        objective.add(f.home.travelMinutes(to: v.location) * w.staffTravelPerMinute, trip)
                        m.add(LinearExpression(trip) - c - open >= -1)
                    }
                    ev.crew.append((fi, c))
                }
                events[key] = ev
                eventOrder.append(key)
                return key
            }
            // A slot's places and team: enough places for its largest size (one per ppf, at least one
            // when open, none when closed) and a member binary per candidate, with their days, trips and loads.
            func staff(_ tag: String, open: Variable, largestSize: LinearExpression, cap: Int, venue v: Venue?) -> (Variable, [(Int, Variable)]) {
                let maxPlaces = Double((cap + p.participantsPerFacilitator - 1) / p.participantsPerFacilitator)
                // Places: enough for the size, at least one, none when closed.
                let places = m.addVariable("k_\(tag)", lower: 0, upper: maxPlaces, kind: .integer)
                m.add(Double(p.participantsPerFacilitator) * places - largestSize >= 0)
                m.add(LinearExpression(places) - open >= 0)
                m.add(LinearExpression(places) - maxPlaces * open <= 0)
                // Which team size the slot has (one binary each, Σ = open): the slot's
                // size then fits the team, `size ≤ Σ_j min(cap, j·ppf) t_j`. The same set
                // as above, but its LP relaxation is the convex hull of one slot's
                // choices, where `ppf · k ≥ size` alone lets the LP buy fractional places.
                if maxPlaces > 1 {
                    var choice = LinearExpression(), fits = LinearExpression(), count = LinearExpression()
                    for j in 1...Int(maxPlaces) {
                        let t = m.addBinary("t_\(tag)_\(j)")
                        choice.add(1, t)
                        count.add(Double(j), t)
                        fits.add(Double(min(cap, j * p.participantsPerFacilitator)), t)
                    }
                    m.add(choice - open == 0)
                    m.add(count - places == 0)
                    m.add(largestSize - fits <= 0)
                }
                var team = LinearExpression()
                var aVars: [(Int, Variable)] = []
                for fi in candidates {
                    let f = facilitators[fi]
                    let a = m.addBinary("a_\(tag)_\(f.id)")
                    aVars.append((fi, a))
                    team.add(1, a)
                    // Disaggregated (Σ_f a = k ≤ kmax · open holds it only on average).
                    m.add(LinearExpression(a) - open <= 0)
                    let trips = v.map { Double(inPerson.count) * f.home.travelMinutes(to: $0.location) * w.staffTravelPerMinute } ?? 0
                    objective.add(daysTotal * f.dayRate * w.staffDays + trips, a)
                    for ht in meets {
                        termDays[fi][ht.index].add(daysIn[ht.index], a)
                        termSessions[fi][ht.index].add(Double(sessionsIn[ht.index].count), a)
                    }
                    yearDays[fi].add(daysTotal, a)
                }
                m.add(team - places == 0)
                return (places, aVars)
            }
            // Every zone's participants: in some cohort or unmet (a catch-up's: the late starters' rows).
            var placedOf: [String: LinearExpression] = [:]
            var unmetOf: [String: Variable] = [:]
            for z in zones where catchUp == nil {
                let u = m.addVariable(Self.name("u_\(p.id)_\(z.id)"), lower: 0, upper: Double(z.participants))
                unmetOf[z.id] = u
                zoneUnmet.append(u)
                objective.add(w.unmet, u)
            }
            let groups: [[Zone]] = p.crossAuthority ? [zones] : Dictionary(grouping: zones, by: \.authority).sorted { $0.key < $1.key }.map(\.value)
            for group in groups {
                // (venue, capacity, reachable zones), or one online "venue".
                var bases: [(Venue?, Int, [Zone])] = []
                if inPerson.isEmpty {
                    bases = [(nil, p.cohortMax, group)]
                } else {
                    let inPersonTerms = Set(inPerson.map(\.halfTerm))
                    for v in scenario.venues {
                        let cap = min(p.cohortMax, v.largestRoom)
                        guard cap >= p.cohortMin, cap >= 1 else { continue }
                        guard inPersonTerms.allSatisfy({ ht in teaching[ht]!.contains { venueOpen(v, $0) } }) else { continue }
                        let reach = group.filter { $0.centre.travelMinutes(to: v.location) <= scenario.solver.maxTravelMinutes + 1e-9 }
                        if !reach.isEmpty { bases.append((v, cap, reach)) }
                    }
                }
                let groupTotal = group.reduce(0) { $0 + $1.participants }
                var groupOpen = LinearExpression()
                var groupPlaces = LinearExpression()
                let largest = bases.map(\.1).max() ?? 1
                for (v, cap, reach) in bases {
                    let reachable = reach.reduce(0) { $0 + $1.participants }
                    let count = reachable / max(1, p.cohortMin)
                    guard count > 0 else { continue }
                    let base = "\(tag)_\(group[0].authority)_\(v?.id ?? "online")"
                    // Participants of each zone at this base. Which cohort of the base they join
                    // changes no cost and no rule (the group's zones may mix), so only the
                    // cohorts' sizes are decided per slot: exact, and far smaller than x per slot.
                    var here = LinearExpression()
                    var xs: [(Zone, Variable)] = []
                    for z in reach {
                        let x = m.addVariable(Self.name("x_\(base)_\(z.id)"), lower: 0, upper: Double(z.participants), kind: .integer)
                        xs.append((z, x))
                        here.add(1, x)
                        if let t = catchUp {
                            latePlaced["\(z.id)|\(t.rawValue)", default: LinearExpression()].add(1, x)
                        } else {
                            placedOf[z.id, default: LinearExpression()].add(1, x)
                        }
                        if let v { objective.add(Double(inPerson.count) * z.centre.travelMinutes(to: v.location) * w.participantTravelPerMinute, x) }
                        if supplyCover > 0 { objective.add(supplyCover, x) }
                    }
                    // Late starters at this base, by intake: they travel to, and are released for, the
                    // sessions from their intake on.
                    var joining: [HalfTerm: [(Zone, Variable)]] = [:]
                    for (t, zs) in lateZones {
                        let from = inPerson.filter { $0.halfTerm >= t }
                        let cover = from.filter { $0.start < "15:00" }.map { $0.hours > 3.5 ? 1.0 : 0.5 }.reduce(0, +) * w.releasePerDay
                        for z in zs where (p.crossAuthority || z.authority == group[0].authority)
                            && (v.map { z.centre.travelMinutes(to: $0.location) <= scenario.solver.maxTravelMinutes + 1e-9 } ?? true) {
                            let x = m.addVariable(Self.name("xj_\(base)_\(z.id)_\(t.rawValue)"), lower: 0, upper: Double(z.participants), kind: .integer)
                            joining[t, default: []].append((z, x))
                            latePlaced["\(z.id)|\(t.rawValue)", default: LinearExpression()].add(1, x)
                            if let v { objective.add(Double(from.count) * z.centre.travelMinutes(to: v.location) * w.participantTravelPerMinute, x) }
                            if cover > 0 { objective.add(cover, x) }
                        }
                    }
                    joiningAt[base] = joining
                    var joinedBy = joining.mapValues { _ in LinearExpression() }
                    // The base's cohorts' event: of each zone's participants here, xg are gathered
                    // (travelling to the event's venue, q per venue, instead of the base once), and
                    // the rest meet apart at w.eventApart each.
                    let eventKey = event.flatMap { e in v.map { eventVars(e, scope: Self.eventScope(e, p, groupAuthority: group[0].authority, venue: $0)) } }
                    var gatheredHere = LinearExpression(), joinedSizes = LinearExpression()
                    if let eventKey, let v {
                        var gz: [String: Variable] = [:]
                        for (z, x) in xs {
                            let g = m.addVariable(Self.name("xg_\(base)_\(z.id)"), lower: 0, upper: Double(z.participants), kind: .integer)
                            m.add(LinearExpression(g) - x <= 0)
                            gatheredHere.add(1, g)
                            events[eventKey]!.gathered.add(1, g)
                            objective.add(w.eventApart, x)
                            objective.add(-w.eventApart - z.centre.travelMinutes(to: v.location) * w.participantTravelPerMinute, g)
                            var there = LinearExpression()
                            for (venue, open) in events[eventKey]!.venues {
                                let q = m.addVariable(Self.name("q_\(base)_\(z.id)_\(venue.id)"), lower: 0)
                                objective.add(z.centre.travelMinutes(to: venue.location) * w.participantTravelPerMinute, q)
                                m.add(LinearExpression(q) - Double(z.participants) * open <= 0)
                                there.add(1, q)
                            }
                            m.add(there - g == 0)
                            gz[z.id] = g
                        }
                        gatheredAt[base] = gz
                    }
                    var sizes = LinearExpression()
                    var previous: (open: Variable, size: Variable)?
                    for k in 0..<count {
                        let tag = "\(base)_\(k)"
                        let open = m.addBinary("o_\(tag)")
                        groupOpen.add(1, open)
                        if let v { objective.add(Double(inPerson.count) * v.dayCost * w.venueHire, open) }
                        let sizeVar = m.addVariable("s_\(tag)", lower: 0, upper: Double(cap), kind: .integer)
                        let size = LinearExpression(sizeVar)
                        sizes.add(1, sizeVar)
                        // Its largest: the starters and every late starter who joins (cohortMin is the starters').
                        var largestSize = LinearExpression(sizeVar)
                        var joiners: [(HalfTerm, Variable)] = []
                        for t in joining.keys.sorted() {
                            let j = m.addVariable("j_\(tag)_\(t.rawValue)", lower: 0, upper: Double(cap), kind: .integer)
                            largestSize.add(1, j)
                            joinedBy[t]!.add(1, j)
                            joiners.append((t, j))
                        }
                        m.add(size - Double(p.cohortMin) * open >= 0)
                        m.add(largestSize - Double(cap) * open <= 0)
                        if let previous {
                            m.add(LinearExpression(previous.open) - open >= 0)
                            m.add(LinearExpression(previous.size) - size >= 0)
                        }
                        previous = (open, sizeVar)
                        let (places, aVars) = staff(tag, open: open, largestSize: largestSize, cap: cap, venue: v)
                        groupPlaces.add(1, places)
                        // Gathered or not: a gathered cohort's whole size goes to the event (sg = size),
                        // and its team, room and hire for that session are not needed (aj = a ∧ j).
                        var joins: Variable?
                        if let eventKey, let e = event, let v {
                            let j = m.addBinary("j_\(tag)")
                            m.add(LinearExpression(j) - open <= 0)
                            let sg = m.addVariable("sg_\(tag)", lower: 0, upper: Double(cap), kind: .integer)
                            m.add(LinearExpression(sg) - sizeVar <= 0)
                            m.add(LinearExpression(sg) - Double(cap) * j <= 0)
                            m.add(LinearExpression(sg) - sizeVar - Double(cap) * j >= -Double(cap))
                            joinedSizes.add(1, sg)
                            objective.add(-v.dayCost * w.venueHire, j)
                            for (fi, a) in aVars {
                                let f = facilitators[fi]
                                let aj = m.addBinary("aj_\(tag)_\(f.id)")
                                m.add(LinearExpression(aj) - a <= 0)
                                m.add(LinearExpression(aj) - j <= 0)
                                m.add(LinearExpression(aj) - a - j >= -1)
                                objective.add(-(eventDays * f.dayRate * w.staffDays + f.home.travelMinutes(to: v.location) * w.staffTravelPerMinute), aj)
                                termDays[fi][e.halfTerm.index].add(-eventDays, aj)
                                termSessions[fi][e.halfTerm.index].add(-1, aj)
                                yearDays[fi].add(-eventDays, aj)
                            }
                            events[eventKey]!.joins.append((slots.count, j))
                            joins = j
                        }
                        slots.append(Slot(programme: p, venue: v, open: open, size: sizeVar, a: aVars, base: base, joins: joins, joiners: joiners,
                                          starts: catchUp))
                    }
                    m.add(sizes - here == 0)
                    for (t, joined) in joinedBy { m.add(joined - LinearExpression(sum: joining[t]!.map(\.1)) == 0) }
                    if eventKey != nil { m.add(joinedSizes - gatheredHere == 0) }
                    placedAt[base] = xs
                }
                // At most ⌊N/cmin⌋ cohorts in the group (valid: each takes cmin of its N).
                if !groupOpen.terms.isEmpty { m.add(groupOpen <= Double(groupTotal / max(1, p.cohortMin))) }
                // The cuts below count the starters' unmet alone: a catch-up's late starters may join other
                // cohorts, and newcomers continued ones.
                if !groupOpen.terms.isEmpty && catchUp == nil && carried.isEmpty {
                    // Chvátal–Gomory cuts, valid for the same reason as docs/model.md's: each
                    // cohort takes at most `largest` participants and needs one place per ppf,
                    // so Σ open + Σ u ≥ ⌈N/largest⌉ and Σ places + Σ u ≥ ⌈N/ppf⌉. They close
                    // much of the LP gap fractional cohorts leave.
                    let groupUnmet = LinearExpression(sum: group.map { unmetOf[$0.id]! })
                    let ceilDiv = { (a: Int, b: Int) in Double((a + b - 1) / max(1, b)) }
                    m.add(groupOpen + groupUnmet >= ceilDiv(groupTotal, largest))
                    m.add(groupPlaces + groupUnmet >= ceilDiv(groupTotal, p.participantsPerFacilitator))
                }
            }
            // Last year's cohorts carried on: at one of their venues with their members and the
            // newcomers who join them (of their authority unless p mixes them, within reach, up to the
            // cohort's cap), paying w.brokenContinuity for each of last year's team not on this
            // year's; or not at all, their members unmet. They may be smaller than cohortMin.
            for (ci, c) in carried.enumerated() where catchUp == nil {
                var chosen = LinearExpression()
                for v in c.venues {
                    let cap = min(p.cohortMax, v?.largestRoom ?? p.cohortMax)
                    let tag = Self.name("\(p.id)_c\(ci)_\(v?.id ?? "online")")
                    let open = m.addBinary("o_\(tag)")
                    chosen.add(1, open)
                    var fixed = Double(c.size) * supplyCover + Double(c.old.team.count) * w.brokenContinuity
                    if let v {
                        fixed += Double(inPerson.count) * v.dayCost * w.venueHire
                        for (zid, n) in c.zones {
                            fixed += Double(n * inPerson.count) * centres[zid]!.travelMinutes(to: v.location) * w.participantTravelPerMinute
                        }
                    }
                    objective.add(fixed, open)
                    var joined = LinearExpression()
                    var xs: [(Zone, Variable)] = []
                    for z in zones where (p.crossAuthority || z.authority == c.authority)
                        && (v.map { z.centre.travelMinutes(to: $0.location) <= scenario.solver.maxTravelMinutes + 1e-9 } ?? true) {
                        let x = m.addVariable(Self.name("xc_\(tag)_\(z.id)"), lower: 0, upper: Double(min(z.participants, cap - c.size)), kind: .integer)
                        xs.append((z, x))
                        joined.add(1, x)
                        placedOf[z.id, default: LinearExpression()].add(1, x)
                        if let v { objective.add(Double(inPerson.count) * z.centre.travelMinutes(to: v.location) * w.participantTravelPerMinute, x) }
                        if supplyCover > 0 { objective.add(supplyCover, x) }
                    }
                    m.add(joined - Double(cap - c.size) * open <= 0)
                    let (_, aVars) = staff(tag, open: open, largestSize: joined + Double(c.size) * open, cap: cap, venue: v)
                    for (fi, a) in aVars where c.old.team.contains(facilitators[fi].id) { objective.add(-w.brokenContinuity, a) }
                    slots.append(Slot(programme: p, venue: v, open: open, size: nil, a: aVars, base: tag, joins: nil, carried: c, newcomers: xs))
                }
                let gone = m.addBinary(Self.name("gone_\(p.id)_c\(ci)"))
                objective.add(Double(c.size) * w.unmet, gone)
                m.add(chosen + gone == 1)
                carriedUnmet.append((c.size, gone))
            }
            for z in zones where catchUp == nil {
                m.add((placedOf[z.id] ?? LinearExpression()) + unmetOf[z.id]! == Double(z.participants))
            }
            }
        }
        // Each event: its room seats everyone gathered, one crew member per perFacilitator of
        // them (at least one when it is held), no crew when it is not.
        for key in eventOrder {
            let ev = events[key]!
            let perFacilitator = Double(max(1, ev.pattern.perFacilitator ?? ev.programme.participantsPerFacilitator))
            let held = LinearExpression(sum: ev.venues.map(\.1))
            var seats = LinearExpression()
            for (v, open) in ev.venues { seats.add(Double(v.largestRoom), open) }
            m.add(ev.gathered - seats <= 0)
            let crew = LinearExpression(sum: ev.crew.map(\.1))
            m.add(perFacilitator * crew - ev.gathered >= 0)
            m.add(crew - held >= 0)
            for (_, c) in ev.crew { m.add(LinearExpression(c) - held <= 0) }
        }
        // Loads and imbalance.
        var total = LinearExpression()
        for fi in facilitators.indices { total.add(yearDays[fi]) }
        let n = Double(max(1, facilitators.count))
        for (fi, f) in facilitators.enumerated() where !yearDays[fi].terms.isEmpty {
            for ht in HalfTerm.allCases where !termDays[fi][ht.index].terms.isEmpty {
                m.add(termDays[fi][ht.index] <= f.daysPerHalfTerm)
                m.add(termSessions[fi][ht.index] <= Double(free[fi][ht.index]))
            }
            m.add(yearDays[fi] <= f.daysPerYear)
            if w.loadImbalance != 0 {
                let e = m.addVariable("e_\(f.id)", lower: 0)
                objective.add(w.loadImbalance, e)
                m.add(LinearExpression(e) - yearDays[fi] + (1 / n) * total >= 0)
            }
        }
        guard !m.variables.isEmpty else { return TeamsOutcome(status: .optimal, objective: 0, bound: 0, cohorts: [], unmet: 0) }
        m.setObjective(.minimize, objective)
        let r = try GLPKSolver.solve(m, options: SolveOptions(timeLimit: timeLimit, relativeGap: relativeGap, presolve: true,
                                                              cuts: [.gomory, .mir, .cover, .clique]))
        guard r.status.hasSolution, let value = r.objective else {
            throw OracleError.noSolution("cohorts and teams: GLPK returned \(r.status.rawValue)")
        }
        // Cohorts: each base's participants fill its open slots in order, the gathered ones the
        // slots that join the event and the rest the others.
        var cohorts: [Cohort] = []
        var cohortOfSlot: [Int: Int] = [:]
        func count(_ x: Variable) -> Int { Int(r.value(x).rounded()) }
        var gatheredPool: [String: [(String, Int)]] = [:], apartPool: [String: [(String, Int)]] = [:]
        for (base, xs) in placedAt {
            let gathered = xs.map { z, _ in gatheredAt[base]?[z.id].map(count) ?? 0 }
            gatheredPool[base] = zip(xs, gathered).map { ($0.0.id, $1) }
            apartPool[base] = zip(xs, gathered).map { ($0.0.id, count($0.1) - $1) }
        }
        var joinPool = joiningAt.mapValues { byIntake in byIntake.mapValues { xs in xs.map { ($0.0.id, count($0.1)) } } }
        for (si, s) in slots.enumerated() where r.value(s.open) > 0.5 {
            let team = s.a.filter { r.value($0.1) > 0.5 }.map { facilitators[$0.0].id }.sorted()
            if let c = s.carried {
                var zones = c.zones
                for (z, x) in s.newcomers where count(x) > 0 { zones[z.id, default: 0] += count(x) }
                cohortOfSlot[si] = cohorts.count
                cohorts.append(Cohort(programme: s.programme.id, venue: s.venue?.id, zones: zones, team: team, continues: c.old.id, members: c.members))
                continue
            }
            let joined = s.joins.map { r.value($0) > 0.5 } ?? false
            var need = count(s.size!)
            var zones: [String: Int] = [:]
            func fill(_ pool: inout [(String, Int)]) {
                for i in pool.indices where need > 0 {
                    let take = min(need, pool[i].1)
                    if take > 0 { zones[pool[i].0, default: 0] += take }
                    pool[i].1 -= take
                    need -= take
                }
            }
            if joined { fill(&gatheredPool[s.base]!) } else { fill(&apartPool[s.base]!) }
            var joiners: [String: Int] = [:]
            for (t, j) in s.joiners {
                var want = count(j)
                for k in (joinPool[s.base]?[t] ?? []).indices where want > 0 {
                    let take = min(want, joinPool[s.base]![t]![k].1)
                    if take > 0 { joiners["\(joinPool[s.base]![t]![k].0)|\(t.rawValue)", default: 0] += take }
                    joinPool[s.base]![t]![k].1 -= take
                    want -= take
                }
            }
            cohortOfSlot[si] = cohorts.count
            cohorts.append(Cohort(programme: s.programme.id, venue: s.venue?.id, zones: zones, team: team,
                                  joined: joined ? s.programme.sessions.filter { $0.gathers != nil && $0.mode == .inPerson }.map(\.number) : [],
                                  joiners: joiners, starts: s.starts))
        }
        var held: [Event] = []
        for key in eventOrder {
            let ev = events[key]!
            guard ev.joins.contains(where: { cohortOfSlot[$0.0] != nil }) else { continue }
            held.append(Event(programme: ev.programme.id, session: ev.pattern.number, scope: ev.scope,
                              venue: ev.venues.first { r.value($0.1) > 0.5 }?.0.id,
                              crew: ev.crew.filter { r.value($0.1) > 0.5 }.map { facilitators[$0.0].id }.sorted(),
                              cohorts: ev.joins.filter { r.value($0.1) > 0.5 }.compactMap { cohortOfSlot[$0.0] },
                              apart: ev.joins.filter { r.value($0.1) <= 0.5 }.compactMap { cohortOfSlot[$0.0] }))
        }
        let unmet = Int((zoneUnmet.reduce(0.0) { $0 + r.value($1) } + carriedUnmet.reduce(0.0) { $0 + Double($1.0) * r.value($1.1) }).rounded())
        return TeamsOutcome(status: r.status, objective: value, bound: min(value, r.bound ?? -.infinity), cohorts: cohorts,
                            events: held, unmet: unmet)
    }

    // MARK: - Advisers

    struct AdviserOutcome {
        var status: TerminationStatus
        var objective: Double
        /// Focus School → its adviser (continuity model only; schools left out are unmet).
        var adviserOf: [String: String] = [:]
        /// Each forum meeting's pair, or unmet.
        var forumChoices: [ForumChoice] = []
    }

    /// The adviser MIP: continuity as a hard rule, or (`split`) days per
    /// (school, adviser) with partial service and `w.brokenContinuity` for
    /// each adviser after the first.
    func solveAdvisers(split: Bool) throws -> AdviserOutcome {
        let schools = Dictionary(scenario.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let needs = scenario.focusSchools.filter { need in
            schools[need.school] != nil && HalfTerm.allCases.reduce(0) { $0 + need.days(in: $1) } > 0
        }
        let meetings = forumOptions()
        guard !needs.isEmpty || !meetings.isEmpty else { return AdviserOutcome(status: .optimal, objective: 0) }
        var m = Model(name: split ? "oracle_advisers_split" : "oracle_advisers")
        var objective = LinearExpression()
        var capacity = Array(repeating: LinearExpression(), count: scenario.advisers.count)
        var perTerm = Array(repeating: Array(repeating: LinearExpression(), count: 6), count: scenario.advisers.count)
        var choices: [(String, [(String, Variable)])] = []
        // Days an adviser could visit a school of an authority in a half-term.
        func freeDays(_ a: ExpertAdviser, _ authorities: [String], _ ht: HalfTerm) -> Int {
            Set(authorities.flatMap { scenario.calendar.teachingDays(authority: $0, halfTerm: ht) }).filter { available(a.id, $0) }.count
        }
        for (si, need) in needs.enumerated() {
            let school = schools[need.school]!
            let total = Double(HalfTerm.allCases.reduce(0) { $0 + need.days(in: $1) })
            var given = LinearExpression()
            var used = LinearExpression()
            var chosen: [(String, Variable)] = []
            var givenIn = Array(repeating: LinearExpression(), count: 6)
            for (ai, a) in scenario.advisers.enumerated() where a.authorities.contains(school.authority) {
                let perDay = a.dayRate * w.staffDays + a.home.travelMinutes(to: school.location) * w.staffTravelPerMinute
                let free = HalfTerm.allCases.map { freeDays(a, [school.authority], $0) }
                if split {
                    // Days of each half-term from this adviser, within its free days there.
                    let b = m.addBinary("b_\(si)_\(a.id)")
                    used.add(1, b)
                    for ht in HalfTerm.allCases where need.days(in: ht) > 0 {
                        let most = Double(min(need.days(in: ht), free[ht.index]))
                        guard most > 0 else { continue }
                        let d = m.addVariable("d_\(si)_\(a.id)_\(ht.rawValue)", lower: 0, upper: most, kind: .integer)
                        m.add(LinearExpression(d) - most * b <= 0)
                        objective.add(perDay, d)
                        given.add(1, d)
                        givenIn[ht.index].add(1, d)
                        capacity[ai].add(1, d)
                        perTerm[ai][ht.index].add(1, d)
                    }
                } else {
                    guard HalfTerm.allCases.allSatisfy({ need.days(in: $0) <= free[$0.index] }) else { continue }
                    let b = m.addBinary("b_\(si)_\(a.id)")
                    chosen.append((a.id, b))
                    given.add(total, b)
                    objective.add(total * perDay, b)
                    capacity[ai].add(total, b)
                    for ht in HalfTerm.allCases where need.days(in: ht) > 0 { perTerm[ai][ht.index].add(Double(need.days(in: ht)), b) }
                }
            }
            if split {
                // Advisers after the first break continuity.
                let extra = m.addVariable("extra_\(si)", lower: 0)
                objective.add(w.brokenContinuity, extra)
                m.add(LinearExpression(extra) - used >= -1)
                let unmet = m.addVariable("u_\(si)", lower: 0, upper: total)
                objective.add(w.unmet, unmet)
                m.add(given + unmet == total)
                // No half-term gets more days than it needs, from all advisers together.
                for ht in HalfTerm.allCases where !givenIn[ht.index].terms.isEmpty {
                    m.add(givenIn[ht.index] <= Double(need.days(in: ht)))
                }
            } else {
                choices.append((need.school, chosen))
                let u = m.addBinary("u_\(si)")
                objective.add(total * w.unmet, u)
                m.add(given + total * u == total)
            }
        }
        // Forum meetings: one pair each, or unmet; the chair's day counts against capacity.
        var picks: [[(ForumChoice, Variable)]] = []
        for meeting in meetings {
            var one = LinearExpression()
            var options: [(ForumChoice, Variable)] = []
            for pair in meeting.pairs {
                let z = m.addBinary()
                one.add(1, z)
                objective.add(pair.cost, z)
                if let chair = pair.chair, let ai = scenario.advisers.firstIndex(where: { $0.id == chair }) {
                    capacity[ai].add(meeting.days, z)
                }
                options.append((pair, z))
            }
            let unmet = m.addBinary()
            one.add(1, unmet)
            objective.add(w.unmet, unmet)
            options.append((ForumChoice(series: meeting.series, scope: meeting.scope, halfTerm: meeting.halfTerm, venue: nil, chair: nil,
                                        cost: w.unmet), unmet))
            m.add(one == 1)
            picks.append(options)
        }
        for (ai, a) in scenario.advisers.enumerated() where !capacity[ai].terms.isEmpty {
            m.add(capacity[ai] <= a.capacityDays)
            for ht in HalfTerm.allCases where !perTerm[ai][ht.index].terms.isEmpty {
                m.add(perTerm[ai][ht.index] <= Double(freeDays(a, Array(a.authorities), ht)))
            }
        }
        m.setObjective(.minimize, objective)
        let r = try GLPKSolver.solve(m, options: SolveOptions(timeLimit: timeLimit, relativeGap: relativeGap, presolve: true,
                                                              cuts: [.gomory, .mir, .cover, .clique]))
        guard r.status.hasSolution, let value = r.objective else {
            throw OracleError.noSolution("advisers: GLPK returned \(r.status.rawValue)")
        }
        var adviserOf: [String: String] = [:]
        for (school, options) in choices {
            if let pick = options.first(where: { r.value($0.1) > 0.5 }) { adviserOf[school] = pick.0 }
        }
        let forumChoices = picks.compactMap { options in options.first { r.value($0.1) > 0.5 }?.0 }
        return AdviserOutcome(status: r.status, objective: value, adviserOf: adviserOf, forumChoices: forumChoices)
    }

    // MARK: - Forums

    /// One forum meeting of the optimum: the cheapest pair, or nil when unmet is cheaper or nothing fits.
    struct ForumChoice {
        var series: String
        var scope: String
        var halfTerm: HalfTerm
        var venue: String?
        var chair: String?
        var cost: Double
    }

    /// A forum meeting the scenario asks for, with every (venue, chair) pair that could hold it.
    struct ForumMeeting {
        var series: String
        var scope: String
        var halfTerm: HalfTerm
        /// The chair's days it takes.
        var days: Double
        var pairs: [ForumChoice]
    }

    func forumOptions() -> [ForumMeeting] {
        let schools = Dictionary(scenario.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let centres = townCentres()
        var out: [ForumMeeting] = []
        for series in scenario.forums {
            let units: [(String, [String])] = series.scope == .hub
                ? [("hub", scenario.authorities.map(\.id))] : scenario.authorities.map { ($0.id, [$0.id]) }
            for (scope, authorities) in units {
                let attending = scenario.focusSchools.compactMap { schools[$0.school] }.filter { authorities.contains($0.authority) }
                let seats = attending.count + series.extraAttendees
                let venues = scenario.venues.filter { (series.scope == .hub || $0.authority == scope) && $0.largestRoom >= seats }
                let chairs = scenario.advisers.filter { series.scope == .hub || $0.authorities.contains(scope) }
                for ht in series.halfTerms {
                    let days = scenario.calendar.commonTeachingDays(authorities: authorities, halfTerm: ht)
                    var meeting = ForumMeeting(series: series.id, scope: scope, halfTerm: ht, days: Self.days(series.hours), pairs: [])
                    for v in venues {
                        let open = days.filter { venueOpen(v, $0) }
                        let travel = attending.reduce(0.0) { $0 + centres["\($1.authority)/\($1.town)"]!.travelMinutes(to: v.location) }
                        for chair in chairs where open.contains(where: { available(chair.id, $0) }) {
                            let cost = v.dayCost * w.venueHire + travel * w.participantTravelPerMinute
                                + chair.home.travelMinutes(to: v.location) * w.staffTravelPerMinute
                                + Self.days(series.hours) * chair.dayRate * w.staffDays
                            // Dearer than leaving it unmet: never chosen.
                            if cost < w.unmet {
                                meeting.pairs.append(ForumChoice(series: series.id, scope: scope, halfTerm: ht, venue: v.id, chair: chair.id, cost: cost))
                            }
                        }
                    }
                    out.append(meeting)
                }
            }
        }
        return out
    }
}

enum OracleError: Error, CustomStringConvertible {
    case noSolution(String)
    /// A scenario with something the oracle does not model.
    case unsupported(String)
    var description: String {
        switch self {
        case .noSolution(let why): return "oracle: \(why)"
        case .unsupported(let what): return "oracle: not modelled: \(what)"
        }
    }
}
