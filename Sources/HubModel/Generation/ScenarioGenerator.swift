import Foundation

/// Sizes of the benchmark ladder (benchmarks/README.md).
public enum LadderSize: String, Sendable, CaseIterable, Codable {
    /// One authority, about 80 schools.
    case s = "S"
    /// The reference hub: Halton, Warrington and Wigan, 292 schools.
    case m = "M"
    /// Three hubs' worth: nine boroughs, about 900 schools.
    case l = "L"
    /// England: 87 hubs, one folder each.
    case xl = "XL"
}

/// Makes realistic scenarios from a seed: the reference hub (M) and the other
/// sizes of the ladder. Published figures come from docs/domain.md; everything else
/// is illustrative and labelled so in scenarios/README.md.
public struct ScenarioGenerator {
    public let size: LadderSize
    public let seed: UInt64

    public init(size: LadderSize, seed: UInt64) {
        self.size = size
        self.seed = seed
    }

    /// Number of hubs in the XL instance (England's teaching school hubs).
    public static let hubsInEngland = 87

    /// The scenarios to write, each with its folder name (`.` for a single scenario).
    /// Coordinates are rounded to five decimals (about a metre), as the files hold
    /// them, and rows are in the loader's order, so a generated scenario equals the
    /// one loaded from its files.
    public func scenarios() -> [(folder: String, scenario: Scenario)] {
        unrounded().map { ($0.folder, $0.scenario.withCoordinatesRounded().inCanonicalOrder()) }
    }

    private func unrounded() -> [(folder: String, scenario: Scenario)] {
        switch size {
        case .s:
            var site = ReferenceGeography.warrington
            (site.primary, site.secondary, site.special, site.other) = (62, 12, 4, 2)
            return [(".", hub(name: "Warrington Teaching School Hub (S)", sites: [site], seed: seed))]
        case .m:
            return [(".", hub(name: "Teaching School Hub for Halton, Warrington and Wigan",
                              sites: [ReferenceGeography.halton, ReferenceGeography.warrington, ReferenceGeography.wigan], seed: seed))]
        case .l:
            let sites = [ReferenceGeography.halton, ReferenceGeography.warrington, ReferenceGeography.wigan] + ReferenceGeography.neighbours
            return [(".", hub(name: "Three hubs of the North West (L)", sites: sites, seed: seed))]
        case .xl:
            return (1...Self.hubsInEngland).map { i in
                let name = "hub-\(i < 10 ? "0" : "")\(i)"
                return (name, hub(name: "England hub \(i) of \(Self.hubsInEngland) (XL)",
                                  sites: [ReferenceGeography.halton, ReferenceGeography.warrington, ReferenceGeography.wigan],
                                  seed: seed &+ UInt64(i) &* 7919))
            }
        }
    }

    /// Writes the scenario folder(s) under `directory`.
    public func write(to directory: URL) throws {
        for (folder, scenario) in scenarios() {
            try ScenarioWriter.write(scenario, to: folder == "." ? directory : directory.appendingPathComponent(folder))
        }
    }

    // MARK: - One hub

    func hub(name: String, sites: [AuthoritySite], seed: UInt64) -> Scenario {
        var rng = SeededRandom(seed: seed)
        let year = 2026
        let authorities = sites.map { LocalAuthority(id: $0.id, name: $0.name) }
        let schools = makeSchools(sites, &rng)
        var programmes = Self.programmes()
        let scale = Double(schools.count) / 292
        let enrolment = makeEnrolment(schools, programmes, scale: scale, year: year, intakeSeed: seed &+ 0x1A7E, &rng)
        // A small hub runs an NPQ with fewer starters than a usual cohort as one small group
        // (of three at least) rather than none: one borough has a handful on each.
        for i in programmes.indices where programmes[i].kind.isNPQ {
            let n = enrolment.filter { $0.programme == programmes[i].id }.reduce(0) { $0 + $1.participants }
            if n < programmes[i].cohortMin { programmes[i].cohortMin = max(3, n) }
        }
        let facilitators = makeFacilitators(sites, schools, programmes, scale: scale, &rng)
        let focus = makeFocusSchools(schools, count: max(4, Int((30 * scale).rounded())), &rng)
        let advisers = makeAdvisers(sites, schools: schools, focus: focus, &rng)
        let venues = makeVenues(sites, schools, &rng)
        var calendar = Self.calendar(sites)
        calendar.closures += Self.ownInsetDays(schools)
        let unavailability = makeUnavailability(facilitators, venues, &rng)
        let history = makeHistory(sites, schools, enrolment, programmes, scale: scale, &rng)
        var solver = SolverSettings()
        solver.timeLimit = size == .l ? 600 : 60
        var s = Scenario(name: name, year: year, authorities: authorities, schools: schools, programmes: programmes,
                         enrolment: enrolment, facilitators: facilitators, advisers: advisers, focusSchools: focus,
                         venues: venues, forums: [Self.forum], calendar: calendar, unavailability: unavailability,
                         history: history, weights: ObjectiveWeights(), solver: solver)
        // A stream of its own, so adding assessors left every other table as it was.
        var assessorRandom = SeededRandom(seed: seed &+ 0xAB)
        s.assessors = makeAssessors(sites, enrolment: enrolment, programmes: programmes, work: s.appropriateBody, &assessorRandom)
        return s
    }

    /// Enough Appropriate Body assessors for the summer's formal assessments (the
    /// busiest half-term), with a fifth spare, living in the hub's towns.
    func makeAssessors(_ sites: [AuthoritySite], enrolment: [Enrolment], programmes: [Programme], work: AppropriateBodyWork,
                       _ rng: inout SeededRandom) -> [Assessor] {
        let ab = Set(programmes.filter { $0.kind == .appropriateBody }.map(\.id))
        let inductions = enrolment.filter { ab.contains($0.programme) }.reduce(0) { $0 + $1.participants }
        let peak = Double(inductions) * (work.reviews.map(\.hours).max() ?? 0)
        guard peak > 0 else { return [] }
        let towns = sites.flatMap(\.towns)
        return (0..<max(2, Int((peak * 1.2 / 70).rounded(.up)))).map { k in
            let town = towns[(k * 5) % towns.count]
            return Assessor(id: "AS\(k < 9 ? "0" : "")\(k + 1)", name: personName(&rng), homeTown: town.name,
                            home: GeoPoint(latitude: ((town.location.latitude + rng.uniform(-0.01, 0.01)) * 1e5).rounded() / 1e5,
                                           longitude: ((town.location.longitude + rng.uniform(-0.01, 0.01)) * 1e5).rounded() / 1e5),
                            hoursPerHalfTerm: Double(rng.int(12...16) * 5), hourlyRate: Double(rng.int(8...11) * 5))
        }
    }

    static let forum = ForumSeries(id: "CPDLF", name: "CPD Leaders Forum", scope: .authority,
                                   halfTerms: HalfTerm.allCases, hours: 2, start: "15:45", extraAttendees: 4)

    // MARK: Programmes (patterns: docs/domain.md, estimates marked there)

    static func programmes() -> [Programme] {
        typealias S = (HalfTerm, DeliveryMode, Double, String)
        func make(_ id: String, _ name: String, _ kind: ProgrammeKind, _ min: Int, _ max: Int, _ ppf: Int, cross: Bool, _ s: [S]) -> Programme {
            let sessions = s.enumerated().map { i, x in
                var session = SessionPattern(number: i + 1, halfTerm: x.0, mode: x.1, hours: x.2,
                                             start: x.1 == .online ? "15:45" : (x.2 > 3.5 ? "09:00" : "13:00"), title: x.3)
                session.gathers = Self.events[x.3]
                if session.gathers != nil { session.perFacilitator = Self.eventPerFacilitator }
                return session
            }
            // The second year of a two-year programme carries on the first year's cohorts.
            let first = ["ECT2": "ECT1", "MENT2": "MENT1"][id]
            return Programme(id: id, name: name, kind: kind, cohortMin: min, cohortMax: max, participantsPerFacilitator: ppf,
                             crossAuthority: cross, sessions: sessions, continues: first)
        }
        let ect1: [S] = [(.ht1, .inPerson, 6, "Welcome conference"), (.ht1, .online, 1.5, "Twilight: behaviour routines"),
                         (.ht2, .online, 1.5, "Twilight: how pupils learn"), (.ht3, .inPerson, 3, "Seminar: subject and curriculum"),
                         (.ht3, .online, 1.5, "Twilight: classroom practice"), (.ht4, .online, 1.5, "Twilight: adaptive teaching"),
                         (.ht5, .inPerson, 3, "Seminar: assessment"), (.ht5, .online, 1.5, "Twilight: professional behaviours"),
                         (.ht6, .online, 1.5, "Twilight: year review")]
        let ect2: [S] = [(.ht1, .online, 1.5, "Twilight: development cycle 1"), (.ht2, .inPerson, 3, "Seminar: cycle review"),
                         (.ht3, .online, 1.5, "Twilight: development cycle 2"), (.ht4, .inPerson, 3, "Seminar: cycle review"),
                         (.ht5, .online, 1.5, "Twilight: development cycle 3"), (.ht6, .online, 1.5, "Twilight: next steps")]
        let mentor1: [S] = [(.ht1, .inPerson, 6, "Mentor induction day"), (.ht2, .online, 1.5, "Twilight: instructional coaching"),
                            (.ht3, .inPerson, 3, "Seminar: mentoring conversations"), (.ht4, .online, 1.5, "Twilight: feedback"),
                            (.ht5, .online, 1.5, "Twilight: review")]
        let mentor2: [S] = [(.ht2, .inPerson, 3, "Seminar: year-2 mentoring"), (.ht4, .online, 1.5, "Twilight: closing review")]
        let specialist: [S] = [(.ht2, .inPerson, 6, "Launch conference"), (.ht3, .online, 1.5, "Clinic 1"),
                               (.ht4, .inPerson, 3, "Face-to-face seminar"), (.ht5, .online, 1.5, "Clinic 2"),
                               (.ht6, .inPerson, 3, "Face-to-face seminar")]
        let leadership: [S] = [(.ht2, .inPerson, 6, "Launch conference"), (.ht3, .inPerson, 3, "Face-to-face seminar"),
                               (.ht4, .online, 1.5, "Clinic"), (.ht5, .inPerson, 3, "Face-to-face seminar"),
                               (.ht6, .online, 1.5, "Clinic")]
        // The last two terms of an 18-month leadership NPQ that started the November before.
        let leadershipYear2: [S] = [(.ht1, .inPerson, 3, "Face-to-face seminar"), (.ht2, .online, 1.5, "Clinic"),
                                    (.ht3, .inPerson, 3, "Closing seminar"), (.ht4, .online, 1.5, "Assessment clinic")]
        let npqs = [
            make("NPQLT", "NPQ Leading Teaching", .npqSpecialist, 10, 30, 30, cross: true, specialist),
            make("NPQLTD", "NPQ Leading Teacher Development", .npqSpecialist, 10, 30, 30, cross: true, specialist),
            make("NPQLBC", "NPQ Leading Behaviour and Culture", .npqSpecialist, 10, 30, 30, cross: true, specialist),
            make("NPQLL", "NPQ Leading Literacy", .npqSpecialist, 10, 30, 30, cross: true, specialist),
            make("NPQLPM", "NPQ Leading Primary Maths", .npqSpecialist, 10, 30, 30, cross: true, specialist),
            make("NPQSL", "NPQ Senior Leadership", .npqLeadership, 10, 30, 30, cross: true, leadership),
            make("NPQH", "NPQ Headship", .npqLeadership, 10, 30, 30, cross: true, leadership),
            make("NPQEL", "NPQ Executive Leadership", .npqLeadership, 3, 24, 24, cross: true, leadership),
            make("NPQEYL", "NPQ Early Years Leadership", .npqLeadership, 3, 24, 24, cross: true, leadership),
            make("NPQSENCO", "NPQ for Special Educational Needs Co-ordinators", .npqLeadership, 10, 30, 30, cross: true, leadership),
        ]
        // Leadership NPQs are taught over about 18 months: last November's starters are in their second year.
        let secondYears = npqs.filter { $0.kind == .npqLeadership }.map { p in
            var year2 = make(p.id + "2", p.name + ", second year (18 months from November)", .npqLeadership, p.cohortMin, p.cohortMax,
                             p.participantsPerFacilitator, cross: true, leadershipYear2)
            year2.continues = p.id
            return year2
        }
        return [
            make("ECT1", "Early Career Teacher training, year 1", .ect, 12, 28, 28, cross: false, ect1),
            make("ECT2", "Early Career Teacher training, year 2", .ect, 12, 28, 28, cross: false, ect2),
            make("MENT1", "Mentor training, new mentors", .mentor, 10, 25, 25, cross: false, mentor1),
            make("MENT2", "Mentor training, year 2 (36-hour route, to Aug 2027)", .mentor, 8, 25, 25, cross: true, mentor2),
        ] + npqs + secondYears + [
            make("AB", "Appropriate Body inductions", .appropriateBody, 1, 500, 500, cross: true, []),
        ]
    }

    /// The days hubs run as one large event (docs/domain.md): each borough's ECT welcome
    /// conference and mentor induction day, and each NPQ's launch for the whole hub.
    static let events: [String: Gathering] = ["Welcome conference": .authority, "Mentor induction day": .authority,
                                              "Launch conference": .hub]
    /// An event's facilitators: one per this many participants (an estimate).
    static let eventPerFacilitator = 30
    /// The share of a school's year-1 ECTs who start in January and in April (an estimate).
    static let lateStarts: [(HalfTerm, Double)] = [(.ht3, 0.06), (.ht5, 0.03)]

    /// ECTs at the reference hub's scale (292 schools): 310 in their first year, 290 in their second.
    static let ectTotals: [(String, Int)] = [("ECT1", 310), ("ECT2", 290)]
    /// Each school's mentors and inductions follow its ECTs: a year-1 ECT's mentor is new
    /// (in training) about half the time, and every school with year-1 ECTs has at least
    /// one; about a third of year-2 ECTs' mentors are on the older 36-hour route; the hub is
    /// the Appropriate Body for about two thirds of the school's ECTs (the rest chose another).
    static let newMentorShare = 0.5, secondYearMentorShare = 0.35, inductionShare = 0.67

    /// Each NPQ's share of the hub's starts before the funding changes (docs/domain.md).
    static let npqShares: [(String, Double)] = [
        ("NPQLT", 60), ("NPQLTD", 45), ("NPQLBC", 70), ("NPQLL", 50), ("NPQLPM", 65),
        ("NPQSL", 90), ("NPQH", 80), ("NPQEL", 20), ("NPQEYL", 30), ("NPQSENCO", 120),
    ]
    /// National NPQ starts, 2021-22 … 2024-25 (published), 2025-26 on (an estimate: level after the funding change).
    static let npqNational: [Int: Double] = [2021: 31_677, 2022: 38_906, 2023: 43_840, 2024: 29_818, 2025: 24_000]
    /// The share of a leadership NPQ's starters still on it in its second year.
    static let npqSecondYearShare = 0.9

    /// NPQ starts of one programme in an academic year (2026 = 2026-27) at the hub's scale: the hub's
    /// share of national starts (about 330 in 2023-24 at the reference's 292 schools), split by each
    /// NPQ's share; from 2024-25 funding stayed only for Headship, SENCO and Leading Primary Maths, so
    /// the others' share falls by 40% within a total the national figures already give.
    static func npqStarts(_ id: String, year: Int, scale: Double) -> Double {
        let national = npqNational[min(max(year, 2021), 2025)]!
        let kept: Set<String> = ["NPQH", "NPQSENCO", "NPQLPM"]
        func weight(_ p: String, _ w: Double) -> Double { year >= 2024 && !kept.contains(p) ? w * 0.6 : w }
        let total = npqShares.reduce(0) { $0 + weight($1.0, $1.1) }
        guard let own = npqShares.first(where: { $0.0 == id }) else { return 0 }
        return 330 * scale * national / npqNational[2023]! * weight(id, own.1) / total
    }

    /// An NPQ's participants in a year: its starts, or for a second year the share of the first
    /// year's starts of the year before that carries on.
    static func npqParticipants(_ p: Programme, year: Int, scale: Double) -> Double {
        p.continues.map { npqStarts($0, year: year - 1, scale: scale) * npqSecondYearShare } ?? npqStarts(p.id, year: year, scale: scale)
    }

    // MARK: Schools

    func makeSchools(_ sites: [AuthoritySite], _ rng: inout SeededRandom) -> [School] {
        let saints = ["St Mary's", "St John's", "Holy Family", "St Joseph's", "Christ Church", "St Peter's", "Sacred Heart", "St Paul's"]
        let words = ["Park", "Meadow", "Brook", "Oak", "Willow", "Hill", "Green", "Bridge", "Moss", "Lane", "Grange", "Field"]
        var schools: [School] = []
        for site in sites {
            let phases: [(Phase, Int)] = [(.primary, site.primary), (.secondary, site.secondary), (.special, site.special), (.other, site.other)]
            var n = 0
            for (phase, count) in phases {
                for _ in 0..<count {
                    n += 1
                    let town = site.towns[rng.weightedIndex(site.towns.map(\.weight))]
                    let loc = GeoPoint(latitude: town.location.latitude + rng.uniform(-0.012, 0.012),
                                       longitude: town.location.longitude + rng.uniform(-0.018, 0.018))
                    let stem = rng.unit() < 0.3 ? saints[rng.int(0...saints.count - 1)] : "\(town.name) \(words[rng.int(0...words.count - 1)])"
                    let suffix: String
                    switch phase {
                    case .primary: suffix = rng.unit() < 0.3 ? "C of E Primary School" : "Primary School"
                    case .secondary: suffix = rng.unit() < 0.5 ? "High School" : "Academy"
                    case .special: suffix = "School (special)"
                    default: suffix = "Learning Centre"
                    }
                    let id = "\(site.id)\(n < 10 ? "00" : n < 100 ? "0" : "")\(n)"
                    schools.append(School(id: id, name: "\(stem) \(suffix)", authority: site.id, town: town.name,
                                          phase: phase == .other ? .alternative : phase, location: loc))
                }
            }
        }
        return schools
    }

    /// Enrolment school by school, each school's figures agreeing: its ECTs first, then the
    /// mentors and inductions they bring; NPQ starters as the history's trend gives them, and
    /// the leadership NPQs' second-year participants from the starters of the November before.
    func makeEnrolment(_ schools: [School], _ programmes: [Programme], scale: Double, year: Int, intakeSeed: UInt64,
                       _ rng: inout SeededRandom) -> [Enrolment] {
        // Secondaries employ more teachers, so they have more ECTs and NPQ participants.
        func weight(_ s: School, _ p: String) -> Double {
            let size: Double = s.phase == .secondary ? 4 : (s.phase == .primary ? 1 : 0.7)
            if p.hasPrefix("NPQLPM") || p.hasPrefix("NPQEYL") { return s.phase == .primary ? 1.5 : 0.1 }
            if p.hasPrefix("NPQEL") { return s.phase == .secondary ? 1 : 0.3 }
            return size * rng.uniform(0.2, 1.8)
        }
        // Each participant joins from a school drawn by weight (a multinomial draw),
        // so small programmes spread across the area as they do in life.
        func draw(_ programme: String, _ total: Double) -> [Int] {
            let weights = schools.map { weight($0, programme) }
            var counts = [Int](repeating: 0, count: schools.count)
            for _ in 0..<Int(total.rounded()) { counts[rng.weightedIndex(weights)] += 1 }
            return counts
        }
        func binomial(_ n: Int, _ p: Double) -> Int { (0..<n).reduce(0) { k, _ in rng.unit() < p ? k + 1 : k } }
        var counts: [String: [Int]] = [:]
        for (programme, total) in Self.ectTotals { counts[programme] = draw(programme, Double(total) * scale) }
        let ect1 = counts["ECT1"]!, ect2 = counts["ECT2"]!
        counts["MENT1"] = ect1.map { $0 > 0 ? max(1, binomial($0, Self.newMentorShare)) : 0 }
        counts["MENT2"] = ect2.map { binomial($0, Self.secondYearMentorShare) }
        counts["AB"] = zip(ect1, ect2).map { binomial($0 + $1, Self.inductionShare) }
        for p in programmes where p.kind.isNPQ { counts[p.id] = draw(p.id, Self.npqParticipants(p, year: year, scale: scale)) }
        var out: [Enrolment] = []
        // A stream of its own, so adding intakes left every other table as it was.
        var intakeRandom = SeededRandom(seed: intakeSeed)
        for p in programmes {
            for (s, n) in zip(schools, counts[p.id] ?? []) where n > 0 {
                var late: [(HalfTerm, Int)] = []
                if p.id == "ECT1" {
                    // Each year-1 ECT starts in September, January or April.
                    var left = n
                    late = Self.lateStarts.map { window, share in
                        let k = (0..<left).reduce(0) { k, _ in intakeRandom.unit() < share ? k + 1 : k }
                        left -= k
                        return (window, k)
                    }
                }
                let starters = n - late.reduce(0) { $0 + $1.1 }
                if starters > 0 { out.append(Enrolment(school: s.id, programme: p.id, participants: starters)) }
                for (window, k) in late where k > 0 {
                    out.append(Enrolment(school: s.id, programme: p.id, participants: k, intake: window))
                }
            }
        }
        return out
    }

    // MARK: People

    static let firstNames = ["Aisha", "Ben", "Claire", "David", "Emma", "Farah", "Gareth", "Hannah", "Imran", "Jo", "Kate",
                             "Liam", "Megan", "Nadia", "Owen", "Priya", "Rachel", "Sam", "Tom", "Uzma", "Vicky", "Will",
                             "Zara", "Chris", "Helen", "Mark", "Sarah", "Paul", "Laura", "Andy"]
    static let surnames = ["Ashworth", "Bennett", "Clarke", "Dawson", "Evans", "Fletcher", "Greenhalgh", "Hughes", "Iqbal",
                           "Jones", "Kenyon", "Lowe", "Marsden", "Naylor", "Owens", "Patel", "Riley", "Shaw", "Taylor",
                           "Unsworth", "Walsh", "Whittle", "Yates", "Barton", "Hindle", "Molyneux", "Rigby", "Sharples"]

    func personName(_ rng: inout SeededRandom) -> String {
        "\(Self.firstNames[rng.int(0...Self.firstNames.count - 1)]) \(Self.surnames[rng.int(0...Self.surnames.count - 1)])"
    }

    func makeFacilitators(_ sites: [AuthoritySite], _ schools: [School], _ programmes: [Programme], scale: Double,
                          _ rng: inout SeededRandom) -> [Facilitator] {
        // Teams by specialism: (qualifications, head count at reference scale).
        let teams: [([String], Int)] = [
            (["ECT1", "ECT2"], 12), (["ECT1", "ECT2", "MENT1"], 6), (["MENT1", "MENT2"], 6),
            (["NPQLT", "NPQLTD"], 4), (["NPQLBC", "NPQLT"], 3), (["NPQLL", "NPQLPM"], 3), (["NPQLPM", "NPQLT"], 2),
            (["NPQSL", "NPQH"], 4), (["NPQH", "NPQEL"], 2), (["NPQSENCO"], 3), (["NPQSENCO", "NPQSL"], 1),
            (["NPQEYL", "NPQLPM"], 1),
        ]
        // Whoever teaches a leadership NPQ's first year teaches its second.
        let secondYears = Dictionary(programmes.filter(\.kind.isNPQ).compactMap { p in p.continues.map { ($0, p.id) } },
                                     uniquingKeysWith: { a, _ in a })
        let towns = sites.flatMap { $0.towns }
        var out: [Facilitator] = []
        for (quals, count) in teams {
            for _ in 0..<max(1, Int((Double(count) * scale).rounded())) {
                let town = towns[rng.weightedIndex(towns.map(\.weight))]
                let home = GeoPoint(latitude: town.location.latitude + rng.uniform(-0.01, 0.01),
                                    longitude: town.location.longitude + rng.uniform(-0.015, 0.015))
                let employer = schools.filter { $0.town == town.name && $0.phase != .alternative }
                let n = out.count + 1
                out.append(Facilitator(
                    id: "F\(n < 10 ? "0" : "")\(n)", name: personName(&rng), homeTown: town.name, home: home,
                    qualifications: Set(quals + quals.compactMap { secondYears[$0] }), daysPerHalfTerm: Double(rng.int(3...5)), daysPerYear: Double(rng.int(14...22)),
                    dayRate: Double(rng.int(6...9) * 50),
                    employerSchool: employer.isEmpty || rng.unit() < 0.2 ? nil : employer[rng.int(0...employer.count - 1)].id))
            }
        }
        return out
    }

    /// Enough advisers in each authority for its Focus Schools' days (about 40 days
    /// each, with slack), every other one also covering the next authority.
    func makeAdvisers(_ sites: [AuthoritySite], schools: [School], focus: [FocusSchoolNeed], _ rng: inout SeededRandom) -> [ExpertAdviser] {
        let authorityOf = Dictionary(schools.map { ($0.id, $0.authority) }, uniquingKeysWith: { a, _ in a })
        var out: [ExpertAdviser] = []
        for (k, site) in sites.enumerated() {
            let days = focus.filter { authorityOf[$0.school] == site.id }.reduce(0) { $0 + $1.auditDays + 6 * $1.daysPerHalfTerm }
            let count = max(1, Int((Double(days) * 1.15 / 40).rounded(.up)))
            for j in 0..<count {
                let town = site.towns[j % site.towns.count]
                var covers: Set<String> = [site.id]
                if out.count % 2 == 1 && sites.count > 1 { covers.insert(sites[(k + 1) % sites.count].id) }
                out.append(ExpertAdviser(id: "EA\(out.count + 1)", name: personName(&rng), homeTown: town.name,
                                         home: GeoPoint(latitude: town.location.latitude + rng.uniform(-0.01, 0.01),
                                                        longitude: town.location.longitude + rng.uniform(-0.01, 0.01)),
                                         authorities: covers, capacityDays: Double(rng.int(40...48)), dayRate: Double(rng.int(9...12) * 50)))
            }
        }
        return out
    }

    func makeFocusSchools(_ schools: [School], count: Int, _ rng: inout SeededRandom) -> [FocusSchoolNeed] {
        var pool = schools.filter { $0.phase == .primary || $0.phase == .secondary }
        var out: [FocusSchoolNeed] = []
        for _ in 0..<min(count, pool.count) {
            let s = pool.remove(at: rng.int(0...pool.count - 1))
            out.append(FocusSchoolNeed(school: s.id, auditDays: 1, daysPerHalfTerm: 1))
        }
        return out.sorted { $0.school < $1.school }
    }

    // MARK: Venues

    func makeVenues(_ sites: [AuthoritySite], _ schools: [School], _ rng: inout SeededRandom) -> [Venue] {
        let weekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
        var out: [Venue] = []
        for (k, site) in sites.enumerated() {
            let main = site.towns[0]
            out.append(Venue(id: "\(site.id)-TC", name: "\(site.name) Training Centre", authority: site.id, town: main.name,
                             address: "Training Centre, \(main.name)", location: main.location, dayCost: 350,
                             weekdays: weekdays, stepFree: true,
                             rooms: [Room(id: "Main", capacity: 90), Room(id: "Room 2", capacity: 32), Room(id: "Room 3", capacity: 30)]))
            if k % 2 == 1 || sites.count == 1 {
                out.append(Venue(id: "\(site.id)-HOTEL", name: "\(main.name) Conference Hotel", authority: site.id, town: main.name,
                                 address: "Conference Hotel, \(main.name)",
                                 location: GeoPoint(latitude: main.location.latitude + 0.006, longitude: main.location.longitude + 0.01),
                                 dayCost: 850, weekdays: weekdays, stepFree: true,
                                 rooms: [Room(id: "Ballroom", capacity: 160), Room(id: "Suite", capacity: 40)]))
            }
            // Partner schools as delivery bases: one per town, secondaries first (bigger halls).
            for town in site.towns {
                let candidates = schools.filter { $0.authority == site.id && $0.town == town.name }
                    .sorted { ($0.phase == .secondary ? 0 : 1, $0.id) < ($1.phase == .secondary ? 0 : 1, $1.id) }
                guard let base = candidates.first else { continue }
                let hall = base.phase == .secondary ? 60 : 35
                let days: Set<Weekday> = rng.unit() < 0.5 ? weekdays : [.monday, .tuesday, .wednesday, .thursday]
                out.append(Venue(id: "\(base.id)-V", name: base.name, authority: site.id, town: town.name,
                                 address: "\(base.name), \(town.name)", location: base.location,
                                 dayCost: Double(rng.int(0...3) * 50), weekdays: days, stepFree: rng.unit() < 0.85,
                                 rooms: [Room(id: "Hall", capacity: hall), Room(id: "Library", capacity: 24)]))
            }
        }
        return out
    }

    // MARK: Calendar (2026-27; docs/domain.md: estimates with borough edges differing by a day or two)

    static func calendar(_ sites: [AuthoritySite]) -> AcademicCalendar {
        func d(_ y: Int, _ m: Int, _ dd: Int) -> Day { Day(year: y, month: m, day: dd)! }
        var halfTerms: [String: [HalfTerm: DayRange]] = [:]
        for (i, site) in sites.enumerated() {
            let shift = i % 3  // 0, 1 or 2 days later start in Autumn 1; Summer 2 ends vary too
            halfTerms[site.id] = [
                .ht1: DayRange(first: d(2026, 9, 2 + min(shift, 2)), last: d(2026, 10, 23)),
                .ht2: DayRange(first: d(2026, 11, 2), last: d(2026, 12, 18)),
                .ht3: DayRange(first: d(2027, 1, 4 + (shift == 2 ? 1 : 0)), last: d(2027, 2, 12)),
                .ht4: DayRange(first: d(2027, 2, 22), last: d(2027, 3, 25)),
                .ht5: DayRange(first: d(2027, 4, 12), last: d(2027, 5, 28)),
                .ht6: DayRange(first: d(2027, 6, 7), last: d(2027, 7, 20 + (shift == 1 ? 1 : 0))),
            ]
        }
        var closures: [Closure] = [
            Closure(day: d(2026, 8, 31), authority: nil, kind: .bankHoliday, description: "Summer bank holiday"),
            Closure(day: d(2026, 12, 25), authority: nil, kind: .bankHoliday, description: "Christmas Day"),
            Closure(day: d(2026, 12, 28), authority: nil, kind: .bankHoliday, description: "Boxing Day (substitute)"),
            Closure(day: d(2027, 1, 1), authority: nil, kind: .bankHoliday, description: "New Year's Day"),
            Closure(day: d(2027, 3, 26), authority: nil, kind: .bankHoliday, description: "Good Friday"),
            Closure(day: d(2027, 3, 29), authority: nil, kind: .bankHoliday, description: "Easter Monday"),
            Closure(day: d(2027, 5, 3), authority: nil, kind: .bankHoliday, description: "Early May bank holiday"),
            Closure(day: d(2027, 5, 31), authority: nil, kind: .bankHoliday, description: "Spring bank holiday"),
        ]
        for day in 10...13 {
            closures.append(Closure(day: d(2027, 5, day), authority: nil, kind: .avoid, description: "KS2 test week", phase: .primary))
        }
        // GCSE and A-level written exams, mid-May to late June: secondary teachers are wanted in school.
        for day in d(2027, 5, 10)...d(2027, 6, 18) where !day.isWeekend && day != d(2027, 5, 31) {
            closures.append(Closure(day: day, authority: nil, kind: .avoid, description: "GCSE exam season", phase: .secondary))
        }
        for (i, site) in sites.enumerated() {
            let inset = [d(2026, 10, 9), d(2027, 2, 5), d(2027, 6, 25)][i % 3]
            closures.append(Closure(day: inset, authority: site.id, kind: .inset, description: "INSET day"))
        }
        return AcademicCalendar(halfTerms: halfTerms, closures: closures)
    }

    /// Academies set some INSET days of their own: every 20th school secondary or all-through
    /// (and every 40th other) has one, on a weekday spread over the year, with no random draw so
    /// the rest of the scenario is unchanged. Its own participants are not called out that day.
    static func ownInsetDays(_ schools: [School]) -> [Closure] {
        let days = [(2026, 11, 27), (2027, 1, 29), (2027, 2, 26), (2027, 3, 12), (2027, 4, 23), (2027, 6, 28)]
            .map { Day(year: $0.0, month: $0.1, day: $0.2)! }
        return schools.enumerated().compactMap { i, school in
            let every = school.phase == .secondary || school.phase == .allThrough ? 20 : 40
            guard i % every == every / 2 else { return nil }
            return Closure(day: days[(i / every) % days.count], authority: nil, kind: .inset, description: "INSET day (\(school.name))", school: school.id)
        }
    }

    func makeUnavailability(_ facilitators: [Facilitator], _ venues: [Venue], _ rng: inout SeededRandom) -> [Unavailability] {
        var out: [Unavailability] = []
        let start = Day(year: 2026, month: 9, day: 7)!
        for f in facilitators where rng.unit() < 0.3 {
            let from = start.advanced(by: rng.int(0...280))
            out.append(Unavailability(who: f.id, from: from, to: from.advanced(by: rng.int(0...9)), reason: "Leave"))
        }
        for v in venues where v.id.hasSuffix("-V") && rng.unit() < 0.3 {
            let from = start.advanced(by: rng.int(0...280))
            out.append(Unavailability(who: v.id, from: from, to: from.advanced(by: rng.int(0...4)), reason: "Hall booked (exams or event)"))
        }
        return out
    }

    // MARK: History (national trends of docs/domain.md scaled to the patch; shares per borough)

    func makeHistory(_ sites: [AuthoritySite], _ schools: [School], _ enrolment: [Enrolment], _ programmes: [Programme],
                     scale: Double, _ rng: inout SeededRandom) -> [HistoryRecord] {
        // National ECT starts 2021-22 … 2024-25 (published) and 2025-26 (estimate from ITT entrants).
        let ectNational: [Double] = [28_887, 27_901, 24_953, 22_536, 24_300]
        let years = Array(2021...2025)
        let total = Double(schools.count)
        let ectThisYear = Double(enrolment.filter { $0.programme == "ECT1" }.reduce(0) { $0 + $1.participants })
        var out: [HistoryRecord] = []
        for site in sites {
            let share = Double(site.schools) / total
            for (k, y) in years.enumerated() {
                func noisy(_ x: Double) -> Int { max(0, Int((x * rng.uniform(0.93, 1.07)).rounded())) }
                let ect1 = ectThisYear * share * ectNational[k] / ectNational[4]
                let ect1Previous = k == 0 ? ect1 : ectThisYear * share * ectNational[k - 1] / ectNational[4]
                out.append(HistoryRecord(year: y, authority: site.id, programme: "ECT1", participants: noisy(ect1)))
                out.append(HistoryRecord(year: y, authority: site.id, programme: "ECT2", participants: noisy(ect1Previous * 0.94)))
                out.append(HistoryRecord(year: y, authority: site.id, programme: "MENT1", participants: noisy(ect1 * Self.newMentorShare)))
                out.append(HistoryRecord(year: y, authority: site.id, programme: "MENT2", participants: noisy(ect1Previous * 0.94 * Self.secondYearMentorShare)))
                out.append(HistoryRecord(year: y, authority: site.id, programme: "AB",
                                         participants: noisy((ect1 + ect1Previous * 0.94) * Self.inductionShare)))
                // NPQ starts, and the leadership NPQs' second years from the year before's.
                for p in programmes where p.kind.isNPQ {
                    let x = Self.npqParticipants(p, year: y, scale: scale) * share
                    out.append(HistoryRecord(year: y, authority: site.id, programme: p.id, participants: noisy(x)))
                }
            }
        }
        return out
    }
}

private extension Scenario {
    func withCoordinatesRounded() -> Scenario {
        func r(_ p: GeoPoint) -> GeoPoint {
            GeoPoint(latitude: (p.latitude * 1e5).rounded() / 1e5, longitude: (p.longitude * 1e5).rounded() / 1e5)
        }
        var s = self
        for i in s.schools.indices { s.schools[i].location = r(s.schools[i].location) }
        for i in s.facilitators.indices { s.facilitators[i].home = r(s.facilitators[i].home) }
        for i in s.advisers.indices { s.advisers[i].home = r(s.advisers[i].home) }
        for i in s.venues.indices { s.venues[i].location = r(s.venues[i].location) }
        return s
    }
}
