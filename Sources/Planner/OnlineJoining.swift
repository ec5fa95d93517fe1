import HubModel

/// How many of an online programme's newcomers take continued cohorts' free
/// places, the rest forming new cohorts or going unmet: the number with the
/// least cost of facilitator places and unmet participants, tried one by one
/// (an online cohort has no venue or travel, so nothing else differs).
///
/// Joiners fill the places a cohort's team already has room for first, then
/// the rest of its room, cohort by cohort.
struct OnlineJoining {
    let programme: Programme
    let free: [CohortStage.FreePlaces]
    /// A facilitator place's cost for the year.
    let placeCost: Double
    /// An unmet participant's cost.
    let unmet: Double

    /// (continued cohort → its joiners, newcomers left for new cohorts).
    func join(_ flows: [(String, Int)]) -> ([String: [(String, Int)]], [(String, Int)]) {
        let total = flows.reduce(0) { $0 + $1.1 }
        let room = free.reduce(0) { $0 + $1.room }
        guard total > 0, room > 0 else { return ([:], flows) }
        let best = (0...min(total, room)).min { (cost(joining: $0, of: total), -$0) < (cost(joining: $1, of: total), -$1) } ?? 0
        var (joining, rest) = CohortStage.trim(flows, to: best)
        var out: [String: [(String, Int)]] = [:]
        for (k, n) in spread(best).enumerated() where n > 0 {
            let (taken, left) = CohortStage.trim(joining, to: n)
            out[free[k].cohort] = taken
            joining = left
        }
        rest = joining + rest
        return (out, rest)
    }

    /// Joiners per continued cohort: into the places their teams already have, then into the rest of their room.
    func spread(_ n: Int) -> [Int] {
        var left = n
        var out = free.map { f -> Int in
            let slack = min(f.room, programme.facilitatorsNeeded(for: f.members) * programme.participantsPerFacilitator - f.members)
            let k = min(left, max(0, slack))
            left -= k
            return k
        }
        for k in free.indices where left > 0 {
            let more = min(left, free[k].room - out[k])
            out[k] += more
            left -= more
        }
        return out
    }

    /// Places added to continued cohorts by `j` joiners, plus new cohorts' places (or unmet) for the rest.
    func cost(joining j: Int, of total: Int) -> Double {
        let extra = zip(free, spread(j)).reduce(0) { sum, pair in
            sum + programme.facilitatorsNeeded(for: pair.0.members + pair.1) - programme.facilitatorsNeeded(for: pair.0.members)
        }
        let rest = total - j
        guard rest > 0 else { return Double(extra) * placeCost }
        guard rest >= programme.cohortMin else { return Double(extra) * placeCost + Double(rest) * unmet }
        let sizes = CohortSizes(programme: programme, capacity: programme.cohortMax)
        let count = (rest + sizes.largest - 1) / sizes.largest
        let places = sizes.split(rest, into: count).reduce(0) { $0 + sizes.places($1) }
        return Double(extra + places) * placeCost
    }
}
