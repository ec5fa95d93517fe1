import Foundation
import HubModel
import Solver

/// A lower bound on facilitator day costs, facilitator travel and load
/// imbalance that holds for every plan (docs/model.md, "The bound").
///
/// An LP: g[f,p,h] facilitator days of f on programme p in half-term h, meeting
/// the fewest facilitator days any plan needs (per cohort group, ⌈served/cmax⌉
/// cohorts and ⌈served/ppf⌉ places, each for all of p's sessions), within every
/// facilitator's days per half-term and per year. Travel is priced at the
/// facilitator's shortest trip to any venue that can host p; imbalance as in
/// the plan. Short capacity becomes slack priced as unmet places.
struct FacilitatorBound {
    let ctx: PlanningContext

    /// - Parameters:
    ///   - baseRate: when given (programme → the day rate the cohort models already
    ///     charge per place), each day is priced only above that rate: the part of
    ///     facilitator cost the cohort models do not count.
    ///   - withImbalance: price load imbalance. With a base rate this is valid only
    ///     when every day costs at least the imbalance weight above its base, which
    ///     the caller ensures by lowering the base by that weight.
    func solve(minimumPlaces: [String: Int], baseRate: [String: Double]? = nil,
               withImbalance: Bool = true) throws -> (bound: Double, stats: ModelStats) {
        let s = ctx.scenario, w = s.weights
        let modelStarted = Date()
        var m = Model(name: baseRate == nil ? "facilitator_bound" : "facilitator_excess_bound")
        var objective = LinearExpression()
        var load = Array(repeating: LinearExpression(), count: s.facilitators.count)
        var termLoad = Array(repeating: Array(repeating: LinearExpression(), count: 6), count: s.facilitators.count)
        var totalDemand = 0.0
        for p in s.programmes where !p.sessions.isEmpty {
            guard let places = minimumPlaces[p.id], places > 0 else { continue }
            let slots = Double(places)
            let venues = s.venues.filter { $0.largestRoom >= p.cohortMin }
            let totalDays = p.sessions.reduce(0) { $0 + $1.facilitatorDays }
            for ht in HalfTerm.allCases {
                let days = FacilitatorStage.days(p, ht)
                guard days > 0 else { continue }
                let inPerson = Double(p.sessions.filter { $0.halfTerm == ht && $0.mode == .inPerson }.count)
                var supply = LinearExpression()
                for (fi, f) in s.facilitators.enumerated() where f.qualifications.contains(p.id) && ctx.availableDays(facilitator: f.id, ht) > 0 {
                    let g = m.addVariable("g_\(f.id)_\(p.id)_\(ht.rawValue)", lower: 0)
                    supply.add(1, g)
                    load[fi].add(1, g)
                    termLoad[fi][ht.index].add(1, g)
                    let trip = venues.map { f.home.travelMinutes(to: $0.location) }.min() ?? 0
                    let rate = f.dayRate - (baseRate?[p.id] ?? 0)
                    objective.add(rate * w.staffDays + inPerson / days * trip * w.staffTravelPerMinute, g)
                }
                // A missing place costs at least unmet × (smallest cohort) for the whole programme's days.
                let short = m.addVariable("short_\(p.id)_\(ht.rawValue)", lower: 0)
                supply.add(1, short)
                objective.add(w.unmet * Double(p.cohortMin) / totalDays, short)
                m.add(supply >= slots * days, name: "demand_\(p.id)_\(ht.rawValue)")
                totalDemand += slots * days
            }
        }
        // Imbalance is only a valid part of the bound while an extra facilitator day
        // costs more than the imbalance it could save (see docs/model.md).
        let cheapest = s.facilitators.map(\.dayRate).min() ?? 0
        let priceImbalance = withImbalance && cheapest * w.staffDays >= w.loadImbalance
        let mean = totalDemand / Double(max(1, s.facilitators.count))
        for (fi, f) in s.facilitators.enumerated() where !load[fi].terms.isEmpty {
            m.add(load[fi] <= f.daysPerYear, name: "year_\(f.id)")
            for ht in HalfTerm.allCases where !termLoad[fi][ht.index].terms.isEmpty {
                m.add(termLoad[fi][ht.index] <= f.daysPerHalfTerm, name: "term_\(f.id)_\(ht.rawValue)")
            }
            if priceImbalance {
                let e = m.addVariable("imb_\(f.id)", lower: 0)
                m.add(e - load[fi] >= -mean, name: "imbalance_\(f.id)")
                objective.add(w.loadImbalance, e)
            }
        }
        m.setObjective(.minimize, objective)
        let r = try GLPKSolver.solve(m)
        let stats = ModelStats(m, r, built: modelStarted)
        guard r.status == .optimal, let b = r.bound else { return (0, stats) }
        return (b, stats)
    }
}
