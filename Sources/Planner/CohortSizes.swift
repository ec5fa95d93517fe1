import HubModel

/// Sizes cohorts for their teams: a cohort of n needs ⌈n/ppf⌉ facilitators, so
/// how participants are split between a venue's cohorts decides how many places
/// (and facilitator days) they cost.
///
/// Splitting 85 into four cohorts of 21–22 with 10 participants per facilitator
/// needs 12 places; 20, 20, 20 and 25 need 9.
struct CohortSizes {
    let smallest: Int
    let largest: Int
    let perFacilitator: Int

    init(programme p: Programme, capacity: Int) {
        smallest = p.cohortMin
        largest = min(p.cohortMax, capacity)
        perFacilitator = max(1, p.participantsPerFacilitator)
    }

    func places(_ n: Int) -> Int { max(1, (n + perFacilitator - 1) / perFacilitator) }

    /// `total` participants in `count` cohorts within the size limits, with the
    /// fewest places in all and, among those, sizes as even as possible (largest first).
    /// Sizes differing by at most one when the limits cannot be met (the caller's model prevents that).
    func split(_ total: Int, into count: Int) -> [Int] {
        guard count > 0 else { return [] }
        let even = (0..<count).map { total / count + ($0 < total % count ? 1 : 0) }
        guard smallest <= largest, count * smallest <= total, total <= count * largest else { return even }
        // best[k][t]: (places, squared spread) of the best k cohorts holding t participants.
        let mean = Double(total) / Double(count)
        struct Cell { var places: Int; var spread: Double; var last: Int }
        var best: [[Cell?]] = Array(repeating: Array(repeating: nil, count: total + 1), count: count + 1)
        best[0][0] = Cell(places: 0, spread: 0, last: 0)
        for k in 1...count {
            for t in 0...total {
                for n in smallest...largest where n <= t {
                    guard let prev = best[k - 1][t - n] else { continue }
                    let cell = Cell(places: prev.places + places(n), spread: prev.spread + (Double(n) - mean) * (Double(n) - mean), last: n)
                    if let cur = best[k][t], (cur.places, cur.spread) <= (cell.places, cell.spread) { continue }
                    best[k][t] = cell
                }
            }
        }
        guard best[count][total] != nil else { return even }
        var sizes: [Int] = [], t = total
        for k in stride(from: count, to: 0, by: -1) {
            let n = best[k][t]!.last
            sizes.append(n)
            t -= n
        }
        return sizes.sorted(by: >)
    }

    /// The most of `total` participants that cohorts with at most `places` places in all can take.
    func mostServed(_ total: Int, places limit: Int) -> Int {
        guard smallest <= largest, limit > 0, total >= smallest else { return 0 }
        // fewest[n]: the fewest places of any cohorts holding exactly n participants.
        var fewest = Array(repeating: Int.max, count: total + 1)
        fewest[0] = 0
        for n in smallest...total {
            for size in smallest...min(largest, n) where fewest[n - size] != Int.max {
                fewest[n] = min(fewest[n], fewest[n - size] + places(size))
            }
        }
        return (0...total).last { fewest[$0] <= limit } ?? 0
    }
}
