import Foundation
import HubModel

/// Forecasts of one programme in one authority, year by year.
public struct ProgrammeForecast: Sendable {
    public var programme: String
    public var authority: String
    /// Start years of the forecast academic years (2026 for 2026-27), in order.
    public var years: [Int]
    public var result: ForecastResult

    public init(programme: String, authority: String, years: [Int], result: ForecastResult) {
        self.programme = programme
        self.authority = authority
        self.years = years
        self.result = result
    }
}

/// The parameters of the cohort-flow model, estimated from history.
public struct FlowParameters: Sendable {
    /// ECT year-2 participants per year-1 participant of the year before.
    public var ectRetention: Double
    /// New mentors per new ECT (year 1) in the same year.
    public var mentorsPerECT: Double
    /// Appropriate Body inductions per new ECT.
    public var inductionsPerECT: Double
    /// NPQ starts per school in the latest year, by programme.
    public var npqUptake: [String: Double]

    public var lines: [String] {
        [String(format: "ECT retention into year 2: %.3f", ectRetention),
         String(format: "new mentors per new ECT: %.3f", mentorsPerECT),
         String(format: "AB inductions per new ECT: %.3f", inductionsPerECT)]
            + npqUptake.sorted { $0.key < $1.key }.map { String(format: "%@ starts per school (latest year): %.4f", $0.key, $0.value) }
    }
}

/// Forecasts the hub's enrolment from its history (history.csv), by programme
/// and authority, to a chosen year.
public struct HubForecast {
    public let scenario: Scenario

    public init(scenario: Scenario) { self.scenario = scenario }

    /// The history of one programme in one authority, oldest first, with its first year.
    ///
    /// A programme with no history there but participants enrolled in the plan year
    /// (MENT2 in the reference scenario: the mentors' second year has no past of its
    /// own) has the plan year's enrolment as its one value.
    public func series(programme: String, authority: String) -> (start: Int, values: [Double])? {
        let rows = scenario.history.filter { $0.programme == programme && $0.authority == authority }.sorted { $0.year < $1.year }
        guard let first = rows.first else {
            let schools = Set(scenario.schools.filter { $0.authority == authority }.map(\.id))
            let enrolled = scenario.enrolment.filter { $0.programme == programme && schools.contains($0.school) }.reduce(0) { $0 + $1.participants }
            return enrolled > 0 ? (scenario.year, [Double(enrolled)]) : nil
        }
        // Years must run without gaps; a missing year ends the usable series.
        var values: [Double] = []
        for (k, r) in rows.enumerated() where r.year == first.year + k { values.append(Double(r.participants)) }
        return (first.year, values)
    }

    /// Forecasts every programme with history (or plan-year enrolment) in every authority, up to `until` (a start year).
    ///
    /// The plan year's own figure is a forecast too when history stops before it.
    /// A series of 3 values or more is forecast by `method`; a shorter one is carried
    /// forward (``ForecastResult/carriedForward(_:horizon:spread:)``). Participants are
    /// counts: forecasts and interval ends are never below zero.
    public func forecast(method: ForecastMethod = .auto, until: Int, policy: [String: Double] = [:]) -> [ProgrammeForecast] {
        var out: [ProgrammeForecast] = []
        var short: [(String, String, Int, [Double])] = []
        for p in scenario.programmes {
            for a in scenario.authorities {
                guard let s = series(programme: p.id, authority: a.id), !s.values.isEmpty else { continue }
                let last = s.start + s.values.count - 1
                let h = until - last
                guard h >= 1 else { continue }
                guard s.values.count >= 3 else { short.append((p.id, a.id, last, s.values)); continue }
                var r = method.forecast(s.values, horizon: h)
                if let factor = policy[p.id] { r = r.scaled(by: factor) }
                out.append(ProgrammeForecast(programme: p.id, authority: a.id, years: Array((last + 1)...until), result: r.clippedAtZero()))
            }
        }
        let spread = relativeSpread()
        for (p, a, last, values) in short {
            var r = ForecastResult.carriedForward(values, horizon: until - last, spread: spread)
            if let factor = policy[p] { r = r.scaled(by: factor) }
            out.append(ProgrammeForecast(programme: p, authority: a, years: Array((last + 1)...until), result: r.clippedAtZero()))
        }
        return out
    }

    /// The median, over the hub's series of 3 values or more, of the spread of their
    /// year-on-year changes relative to their mean (the interval of a series too short to have its own).
    func relativeSpread() -> Double {
        var ratios: [Double] = []
        for p in scenario.programmes {
            for a in scenario.authorities {
                guard let s = series(programme: p.id, authority: a.id), s.values.count >= 3 else { continue }
                let mean = s.values.reduce(0, +) / Double(s.values.count)
                if mean > 0 { ratios.append(Combination.differenceSD(s.values) / mean) }
            }
        }
        guard !ratios.isEmpty else { return 0.1 }
        ratios.sort()
        return ratios[ratios.count / 2]
    }

    /// Estimates the cohort-flow parameters from history.
    public func flowParameters() -> FlowParameters {
        func total(_ p: String, _ y: Int) -> Double {
            Double(scenario.history.filter { $0.programme == p && $0.year == y }.reduce(0) { $0 + $1.participants })
        }
        let years = Set(scenario.history.map(\.year)).sorted()
        func meanRatio(_ num: String, _ den: String, lag: Int) -> Double {
            let pairs = years.compactMap { y -> Double? in
                let d = total(den, y - lag), n = total(num, y)
                return d > 0 && n > 0 ? n / d : nil
            }
            return pairs.isEmpty ? 0 : pairs.reduce(0, +) / Double(pairs.count)
        }
        let latest = years.last ?? scenario.year - 1
        var uptake: [String: Double] = [:]
        let schools = Double(max(1, scenario.schools.count))
        for p in scenario.programmes where p.kind.isNPQ {
            uptake[p.id] = total(p.id, latest) / schools
        }
        return FlowParameters(ectRetention: meanRatio("ECT2", "ECT1", lag: 1), mentorsPerECT: meanRatio("MENT1", "ECT1", lag: 0),
                              inductionsPerECT: meanRatio("AB", "ECT1", lag: 0), npqUptake: uptake)
    }

    /// The cohort-flow forecast: new ECTs by `base`; ECT year 2, mentors and AB
    /// inductions from them by the estimated ratios; NPQ starts from school counts
    /// × uptake × policy factor. Ratios are treated as known, so intervals come
    /// from the ECT forecast alone (NPQ intervals from their own series, scaled).
    public func flowForecast(base: ForecastMethod = .auto, until: Int, policy: [String: Double] = [:]) -> (FlowParameters, [ProgrammeForecast]) {
        let params = flowParameters()
        var out: [ProgrammeForecast] = []
        let ect = forecast(method: base, until: until).filter { $0.programme == "ECT1" }
        for f in ect {
            out.append(f)
            if let s = series(programme: "ECT1", authority: f.authority), let lastActual = s.values.last {
                // Year 2 follows last year's year 1: the first forecast year uses the actual.
                let previous = [lastActual] + f.result.forecast.dropLast()
                let lo80 = [lastActual] + f.result.lo80.dropLast(), hi80 = [lastActual] + f.result.hi80.dropLast()
                let lo95 = [lastActual] + f.result.lo95.dropLast(), hi95 = [lastActual] + f.result.hi95.dropLast()
                let r = params.ectRetention
                out.append(ProgrammeForecast(programme: "ECT2", authority: f.authority, years: f.years, result: ForecastResult(
                    method: "flow", forecast: previous.map { $0 * r }, lo80: lo80.map { $0 * r }, hi80: hi80.map { $0 * r },
                    lo95: lo95.map { $0 * r }, hi95: hi95.map { $0 * r }, parameters: ["retention": r])))
            }
            for (id, ratio) in [("MENT1", params.mentorsPerECT), ("AB", params.inductionsPerECT)] where ratio > 0 {
                out.append(ProgrammeForecast(programme: id, authority: f.authority, years: f.years,
                                             result: f.result.scaled(by: ratio).renamed("flow")))
            }
        }
        let schoolsIn = Dictionary(grouping: scenario.schools, by: \.authority).mapValues { Double($0.count) }
        for (p, u) in params.npqUptake.sorted(by: { $0.key < $1.key }) {
            for a in scenario.authorities {
                guard let s = series(programme: p, authority: a.id), s.values.count >= 3 else { continue }
                let last = s.start + s.values.count - 1
                guard until > last else { continue }
                let years = Array((last + 1)...until)
                let level = u * (schoolsIn[a.id] ?? 0) * (policy[p] ?? 1)
                // Spread: the naive method's intervals on the authority's own series, centred on the flow level.
                let spread = Naive.forecast(s.values, years.count)
                let shift = level - (s.values.last ?? 0) * (policy[p] ?? 1)
                let scaled = spread.scaled(by: policy[p] ?? 1)
                out.append(ProgrammeForecast(programme: p, authority: a.id, years: years, result: ForecastResult(
                    method: "flow", forecast: scaled.forecast.map { $0 + shift }, lo80: scaled.lo80.map { $0 + shift },
                    hi80: scaled.hi80.map { $0 + shift }, lo95: scaled.lo95.map { $0 + shift }, hi95: scaled.hi95.map { $0 + shift },
                    parameters: ["uptake": u])))
            }
        }
        return (params, out.map { var f = $0; f.result = f.result.clippedAtZero(); return f })
    }
}

extension ForecastResult {
    /// Forecasts and interval ends below zero raised to zero (participant counts).
    public func clippedAtZero() -> ForecastResult {
        func clip(_ v: [Double]) -> [Double] { v.map { max(0, $0) } }
        return ForecastResult(method: method, forecast: clip(forecast), lo80: clip(lo80), hi80: clip(hi80), lo95: clip(lo95),
                              hi95: clip(hi95), parameters: parameters)
    }

    /// A series of one or two values carried forward at its last value, with the calibrated
    /// combination's interval factors applied to `spread` × the last value.
    ///
    /// - Parameter spread: the standard deviation of year-on-year changes relative to the
    ///   level, borrowed from longer series (``HubForecast`` uses the hub's median).
    public static func carriedForward(_ y: [Double], horizon h: Int, spread: Double) -> ForecastResult {
        let last = y.last ?? 0
        var r = Combination.calibrated(method: "carried forward", points: Array(repeating: last, count: h), scale: spread * abs(last))
        r.parameters = ["spread": spread]
        return r
    }

    /// Every figure multiplied by a factor (a policy change or a ratio).
    public func scaled(by k: Double) -> ForecastResult {
        ForecastResult(method: method, forecast: forecast.map { $0 * k }, lo80: (k >= 0 ? lo80 : hi80).map { $0 * k },
                       hi80: (k >= 0 ? hi80 : lo80).map { $0 * k }, lo95: (k >= 0 ? lo95 : hi95).map { $0 * k },
                       hi95: (k >= 0 ? hi95 : lo95).map { $0 * k }, parameters: parameters)
    }
}
