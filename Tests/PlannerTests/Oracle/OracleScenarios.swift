import Foundation
import HubModel
import Planner

/// Small scenarios for the oracle, cut down from the generator's S (one
/// authority) and M (three authorities) hubs, each stressing something the
/// planner's stages and bound must get right: short facilitator days,
/// `participantsPerFacilitator` below the cohort maximum, tight rooms, few
/// venues, unmet demand, several authorities, online-only programmes and
/// `crossAuthority` both ways. Small enough that the oracle solves each in
/// about a second.
enum OracleScenarios {
    /// Generated cases the property test runs (each: one plan and one oracle solve).
    static let generatedCases = 16

    /// The ladder's S, seed 7, as the generator made it when issue 14 was filed: a copy
    /// in Fixtures, since the generator has changed since (coherent enrolment, 18-month NPQs)
    /// and the issue's figures are of this one.
    static func issueFourteenHub() throws -> Scenario {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/issue-14-S7")
        return try ScenarioLoader.load(url).scenario
    }

    /// The issue's first case: S seed 7 with F14 at 2 days per half-term and 2 per
    /// year and F15 at 3 and 3.
    static func shortFacilitatorDays() throws -> Scenario {
        var s = try issueFourteenHub()
        for i in s.facilitators.indices {
            if s.facilitators[i].id == "F14" { (s.facilitators[i].daysPerHalfTerm, s.facilitators[i].daysPerYear) = (2, 2) }
            if s.facilitators[i].id == "F15" { (s.facilitators[i].daysPerHalfTerm, s.facilitators[i].daysPerYear) = (3, 3) }
        }
        return s
    }

    /// The issue's second case: S seed 7 with ECT1 at 10 participants per facilitator.
    static func smallTeamsECT1() throws -> Scenario {
        var s = try issueFourteenHub()
        for i in s.programmes.indices where s.programmes[i].id == "ECT1" { s.programmes[i].participantsPerFacilitator = 10 }
        return s
    }

    /// Programme sets that share facilitators (the generator's teams), so loads interact.
    static let programmeSets: [[String]] = [
        ["ECT1", "MENT1"], ["ECT1", "ECT2"], ["NPQSL", "NPQH"], ["NPQSENCO", "NPQSL"],
        ["MENT1", "MENT2"], ["NPQLT", "NPQLTD", "NPQLBC"], ["ECT2", "MENT1", "MENT2"], ["NPQH", "NPQEL"],
    ]

    /// Cases that stress events (`eventCase`).
    static let eventCases = 8

    /// A generated case with more participants a programme (40–90, so several cohorts meet at
    /// each event), an event size of 10–40 a facilitator, small rooms more often, and the price of
    /// meeting apart £0, £25 or £100 a participant: events held whole, in part (no room seats
    /// all), or not at all.
    static func eventCase(_ index: Int) -> (name: String, scenario: Scenario) {
        var (name, s) = generated(100 + index, participants: 40...90)
        var rng = SeededRandom(seed: 0xE7E47 + UInt64(index) &* 104_729)
        var tags: [String] = []
        for i in s.programmes.indices {
            for k in s.programmes[i].sessions.indices where s.programmes[i].sessions[k].gathers != nil {
                s.programmes[i].sessions[k].perFacilitator = rng.int(10...40)
                tags.append("\(s.programmes[i].id) event \(s.programmes[i].sessions[k].perFacilitator!) a facilitator")
            }
        }
        // Late starters: of some schools' rows, a quarter start in January or April (after the events).
        var late = 0
        s.enrolment = s.enrolment.flatMap { e -> [Enrolment] in
            guard let p = s.programmes.first(where: { $0.id == e.programme }), p.continues == nil, e.participants > 1,
                  let last = p.sessions.map(\.halfTerm).max(), last >= .ht3, rng.unit() < 0.3 else { return [e] }
            let k = max(1, e.participants / 4)
            let intake: HalfTerm = last >= .ht5 && rng.unit() < 0.4 ? .ht5 : .ht3
            late += k
            var starters = e
            starters.participants -= k
            return [starters, Enrolment(school: e.school, programme: e.programme, participants: k, intake: intake)]
        }
        if late > 0 { tags.append("\(late) late starters") }
        s.weights.eventApart = [0, 25, 100][index % 3]
        tags.append("apart £\(Int(s.weights.eventApart))")
        if let i = s.venues.indices.first, rng.unit() < 0.5 {
            let seats = rng.int(30...60)
            s.venues[i].rooms = [Room(id: "Hall", capacity: seats)]
            tags.append("\(s.venues[i].id) hall \(seats)")
        }
        return ("E\(index) " + name + ", " + tags.joined(separator: ", "), s)
    }

    /// Second-year cases (`continuedCase`).
    static let continuedCases = 8

    /// A second year of two-year programmes. Year one is a generated case's first-year
    /// programmes (ECT1, MENT1); year two is their continuers (ECT2, MENT2, each with its own
    /// pattern, mode and team size) given year one's plan: last year's participants school by
    /// school, less some leavers, plus joiners at some schools and new schools; every facilitator
    /// of the first year qualified for the second. Some cases take a member of last year's teams
    /// away, make a venue of last year's too small for its cohort, or price a changed team member
    /// at £0 or £2,000 instead of £500. A continuer whose first year is not in the case
    /// (ECT2 beside MENT1, MENT2) starts afresh.
    static func continuedCase(_ index: Int) -> (yearOne: Scenario, yearTwo: (_ lastYear: Plan) -> (name: String, scenario: Scenario)) {
        let (base, s) = generated([17, 22, 28, 33, 36, 41, 52, 68][index % 8])
        var one = s
        one.programmes = s.programmes.filter { $0.continues == nil }
        one.enrolment = s.enrolment.filter { e in one.programmes.contains { $0.id == e.programme } }
        let yearOne = one
        return (yearOne, { last in
            var rng = SeededRandom(seed: 0xC0471 + UInt64(index) &* 6_007)
            var two = s
            var tags: [String] = []
            two.programmes = s.programmes.filter { $0.continues != nil }
            for p in two.programmes {
                guard let q = p.continues, yearOne.programmes.contains(where: { $0.id == q }) else { continue }
                for k in two.facilitators.indices where two.facilitators[k].qualifications.contains(q) { two.facilitators[k].qualifications.insert(p.id) }
                // Last year's participants, less leavers, plus joiners.
                var rows = yearOne.enrolment.filter { $0.programme == q }.map { e -> Enrolment in
                    var e = e
                    e.programme = p.id
                    e.intake = nil
                    if rng.unit() < 0.3 { e.participants -= rng.int(1...max(1, e.participants / 2)) }
                    if rng.unit() < 0.15 { e.participants += rng.int(1...3) }
                    return e
                }
                let authorities = Set(rows.compactMap { e in s.schools.first { $0.id == e.school }?.authority })
                let others = s.schools.filter { sc in authorities.contains(sc.authority) && !rows.contains { $0.school == sc.id } }
                for _ in 0..<rng.int(0...2) where !others.isEmpty {
                    rows.append(Enrolment(school: others[rng.int(0...(others.count - 1))].id, programme: p.id, participants: rng.int(1...6)))
                }
                two.enrolment = two.enrolment.filter { $0.programme != p.id } + rows.filter { $0.participants > 0 }
                let was = rows.reduce(0) { $0 + $1.participants }
                tags.append("\(p.id) carries on \(last.cohorts.filter { $0.programme == q }.count) cohorts, \(was) enrolled")
            }
            let teams = Set(last.cohorts.flatMap(\.facilitators))
            if rng.unit() < 0.4, let gone = two.facilitators.first(where: { teams.contains($0.id) }) {
                two.facilitators.removeAll { $0.id == gone.id }
                tags.append("\(gone.id) gone")
            }
            if rng.unit() < 0.35, let c = last.cohorts.first(where: { $0.venue != nil && $0.participants > 4 }),
               let v = two.venues.firstIndex(where: { $0.id == c.venue }) {
                two.venues[v].rooms = [Room(id: "Small", capacity: c.participants - 3)]
                tags.append("\(c.venue!) seats \(c.participants - 3)")
            }
            two.weights.brokenContinuity = [500, 0, 2_000][index % 3]
            tags.append("continuity £\(Int(two.weights.brokenContinuity))")
            two.name = "oracle case C\(index), year two"
            return ("C\(index) " + base + ", " + tags.joined(separator: ", "), two)
        })
    }

    /// A generated case: what it stresses, and the scenario.
    static func generated(_ index: Int, participants: ClosedRange<Int> = 12...50) -> (name: String, scenario: Scenario) {
        var rng = SeededRandom(seed: 0x0AC1E + UInt64(index) &* 7919)
        let several = index % 3 == 2
        var s = ScenarioGenerator(size: several ? .m : .s, seed: UInt64(100 + index)).scenarios()[0].scenario
        var tags: [String] = [several ? "3 LAs" : "1 LA"]
        let chosen = programmeSets[index % programmeSets.count]

        // Programmes: only the chosen ones, some with small teams, some online, crossAuthority flipped.
        s.programmes = s.programmes.filter { chosen.contains($0.id) }
        for i in s.programmes.indices {
            let p = s.programmes[i]
            if rng.unit() < 0.45 {
                s.programmes[i].participantsPerFacilitator = rng.int(max(2, p.cohortMin / 2)...max(3, p.cohortMax / 2))
                tags.append("\(p.id) ppf \(s.programmes[i].participantsPerFacilitator)")
            }
            if rng.unit() < 0.25 {
                // Online throughout, so no event gathers it.
                for k in s.programmes[i].sessions.indices {
                    s.programmes[i].sessions[k].mode = .online
                    (s.programmes[i].sessions[k].gathers, s.programmes[i].sessions[k].perFacilitator) = (nil, nil)
                }
                tags.append("\(p.id) online")
            } else if let e = s.programmes[i].sessions.first(where: { $0.gathers != nil }) {
                tags.append("\(p.id) event \(e.gathers!.rawValue)")
            }
            if several && rng.unit() < 0.35 {
                s.programmes[i].crossAuthority.toggle()
                tags.append("\(p.id) cross=\(s.programmes[i].crossAuthority)")
            }
        }
        // Enrolment: 12–50 participants a programme, from randomly chosen schools.
        var enrolment: [Enrolment] = []
        for p in s.programmes {
            var rows = s.enrolment.filter { $0.programme == p.id }
            shuffle(&rows, &rng)
            var left = rng.int(participants)
            for var e in rows where left > 0 {
                e.participants = min(e.participants, left)
                left -= e.participants
                enrolment.append(e)
            }
        }
        s.enrolment = enrolment
        // Facilitators: 2–5 of those qualified, some with very few days.
        var qualified = s.facilitators.filter { !$0.qualifications.isDisjoint(with: chosen) }
        shuffle(&qualified, &rng)
        s.facilitators = Array(qualified.prefix(rng.int(2...5)))
        for i in s.facilitators.indices where rng.unit() < 0.4 {
            s.facilitators[i].daysPerHalfTerm = Double(rng.int(1...3))
            s.facilitators[i].daysPerYear = Double(rng.int(2...6))
            tags.append("\(s.facilitators[i].id) \(Int(s.facilitators[i].daysPerHalfTerm))/\(Int(s.facilitators[i].daysPerYear)) days")
        }
        // A facilitator away for a whole half-term (the oracle must drop them from teams meeting then).
        if let f = s.facilitators.first, rng.unit() < 0.3, let la = s.authorities.first?.id,
           let range = s.calendar.halfTerms[la]?[HalfTerm.allCases[rng.int(0...5)]] {
            s.unavailability.append(Unavailability(who: f.id, from: range.first, to: range.last, reason: "Secondment"))
            tags.append("\(f.id) away a half-term")
        }
        // Venues: 1–3, some with tight rooms.
        var venues = s.venues
        shuffle(&venues, &rng)
        s.venues = Array(venues.prefix(rng.int(1...3)))
        for i in s.venues.indices where rng.unit() < 0.3 {
            let seats = rng.int(10...26)
            s.venues[i].rooms = [Room(id: "Small", capacity: seats)]
            tags.append("\(s.venues[i].id) seats \(seats)")
        }
        if rng.unit() < 0.2 {
            s.solver.maxTravelMinutes = 15
            tags.append("travel ≤ 15 min")
        }
        // Advisers and forums: 1–3 Focus Schools, capacity sometimes short.
        var focus = s.focusSchools
        shuffle(&focus, &rng)
        s.focusSchools = Array(focus.prefix(rng.int(1...3)))
        let focusAuthorities = Set(s.focusSchools.compactMap { f in s.schools.first { $0.id == f.school }?.authority })
        s.advisers = s.advisers.filter { !$0.authorities.isDisjoint(with: focusAuthorities) }
        if rng.unit() < 0.3, !s.advisers.isEmpty {
            s.advisers[0].capacityDays = Double(rng.int(6...12))
            tags.append("\(s.advisers[0].id) \(Int(s.advisers[0].capacityDays)) days")
        }
        s.forums = s.forums.map { f in
            var f = f
            f.halfTerms = [.ht1, .ht4]
            return f
        }
        s.name = "oracle case \(index)"
        return ("G\(index) " + tags.joined(separator: ", "), s)
    }

    /// Fisher–Yates with the seeded generator, so cases are the same on every machine.
    static func shuffle<T>(_ a: inout [T], _ rng: inout SeededRandom) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, rng.int(0...i)) }
    }
}
