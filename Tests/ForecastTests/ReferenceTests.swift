import Foundation
import Testing
@testable import Forecast

/// Reference values from statsmodels (Fixtures/make_fixtures.py wrote Fixtures/reference.json).
struct Reference: Decodable {
    struct ETSFit: Decodable {
        var params: [String: Double]
        var loglike: Double
        var aicc: Double?
        var mse: Double
        var fitted: [Double]
        var forecast: [Double]
        var lo80: [Double], hi80: [Double], lo95: [Double], hi95: [Double]
    }
    struct ThetaFit: Decodable {
        var b0: Double, alpha: Double, sigma2: Double
        var forecast: [Double], lo80: [Double], hi80: [Double], lo95: [Double], hi95: [Double]
    }
    struct NaiveFit: Decodable {
        var sigma2: Double
        var forecast: [Double], lo80: [Double], hi80: [Double], lo95: [Double], hi95: [Double]
    }
    struct Series: Decodable {
        var values: [Double]
        var ANN: ETSFit
        var AAN: ETSFit?
        var AAdN: ETSFit?
        var theta: ThetaFit
        var naive: NaiveFit
    }
    var horizon: Int
    var series: [String: Series]

    static let shared: Reference = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/reference.json")
        return try! JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }()

    static var names: [String] { shared.series.keys.sorted() }
}

func close(_ a: [Double], _ b: [Double], rel: Double) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= rel * max(1, abs($1)) }
}

func close(_ a: Double, _ b: Double, rel: Double) -> Bool { abs(a - b) <= rel * max(1, abs(b)) }

@Suite struct ETSReferenceTests {
    static let cases: [(String, ETS.Kind)] = Reference.names.flatMap { name in
        let s = Reference.shared.series[name]!
        return [(name, ETS.Kind.simple)] + (s.AAN != nil ? [(name, .holt)] : []) + (s.AAdN != nil ? [(name, .damped)] : [])
    }

    static func reference(_ name: String, _ kind: ETS.Kind) -> Reference.ETSFit {
        let s = Reference.shared.series[name]!
        switch kind {
        case .simple: return s.ANN
        case .holt: return s.AAN!
        case .damped: return s.AAdN!
        }
    }

    /// At statsmodels' parameters, our likelihood, fitted values, forecasts and intervals are statsmodels'.
    @Test(arguments: cases)
    func matchesStatsmodelsAtItsParameters(name: String, kind: ETS.Kind) {
        let ref = Self.reference(name, kind)
        let p = ref.params
        let model = ETS(kind: kind, y: Reference.shared.series[name]!.values, parameters: .init(
            alpha: p["smoothing_level"]!, beta: p["smoothing_trend"] ?? 0, phi: p["damping_trend"] ?? 1,
            level0: p["initial_level"]!, trend0: p["initial_trend"] ?? 0))
        let f = model.forecast(Reference.shared.horizon)
        #expect(close(model.logLikelihood, ref.loglike, rel: 1e-8))
        #expect(close(model.mse, ref.mse, rel: 1e-8))
        #expect(ref.aicc.map { close(model.aicc, $0, rel: 1e-8) } ?? !model.aicc.isFinite)
        #expect(close(model.fitted, ref.fitted, rel: 1e-8))
        #expect(close(f.forecast, ref.forecast, rel: 1e-8))
        #expect(close(f.lo80, ref.lo80, rel: 1e-8) && close(f.hi80, ref.hi80, rel: 1e-8))
        #expect(close(f.lo95, ref.lo95, rel: 1e-8) && close(f.hi95, ref.hi95, rel: 1e-8))
    }

    /// Our maximum-likelihood fit is at least as likely as statsmodels' (to 1e-6). Where
    /// both reach the same likelihood the forecasts agree; where ours is strictly more
    /// likely, statsmodels stopped at a worse local optimum (short series have flat,
    /// multi-modal likelihoods) and the forecasts may differ.
    @Test(arguments: cases)
    func fitReachesStatsmodelsLikelihood(name: String, kind: ETS.Kind) {
        let ref = Self.reference(name, kind)
        let model = ETS.fit(kind, Reference.shared.series[name]!.values)
        let tolerance = 1e-6 * max(1, abs(ref.loglike))
        #expect(model.logLikelihood >= ref.loglike - tolerance, "ours \(model.logLikelihood) vs \(ref.loglike)")
        if abs(model.logLikelihood - ref.loglike) <= tolerance {
            let f = model.forecast(Reference.shared.horizon)
            #expect(close(f.forecast, ref.forecast, rel: 1e-3), "\(f.forecast) vs \(ref.forecast)")
        }
    }
}

@Suite struct ThetaReferenceTests {
    @Test(arguments: Reference.names)
    func matchesStatsmodelsTheta(name: String) {
        let ref = Reference.shared.series[name]!.theta
        let fit = Theta.fit(Reference.shared.series[name]!.values)
        #expect(close(fit.b0, ref.b0, rel: 1e-9))
        // statsmodels' optimiser stops within about 1e-4 of the least-squares α; ours is exact.
        #expect(Theta.sesSSE(fit.y, alpha: fit.alpha) <= Theta.sesSSE(fit.y, alpha: ref.alpha) + 1e-9)
        #expect(abs(fit.alpha - ref.alpha) <= 5e-4, "alpha \(fit.alpha) vs \(ref.alpha)")
        let f = fit.forecast(Reference.shared.horizon)
        #expect(close(f.forecast, ref.forecast, rel: 1e-3), "\(f.forecast) vs \(ref.forecast)")
        // The interval formula, given statsmodels' σ² (ours is estimated differently; see Theta.sigma2).
        let same = Theta(y: fit.y, b0: ref.b0, alpha: ref.alpha, sigma2: ref.sigma2).forecast(Reference.shared.horizon)
        #expect(close(same.lo80, ref.lo80, rel: 1e-8) && close(same.hi95, ref.hi95, rel: 1e-8))
    }
}

@Suite struct NaiveReferenceTests {
    @Test(arguments: Reference.names)
    func matchesRandomWalkARIMA(name: String) {
        let ref = Reference.shared.series[name]!.naive
        let f = ForecastMethod.naive.forecast(Reference.shared.series[name]!.values, horizon: Reference.shared.horizon)
        #expect(close(f.forecast, ref.forecast, rel: 1e-12))
        #expect(close(f.parameters["sigma2"]!, ref.sigma2, rel: 1e-9), "\(f.parameters["sigma2"]!) vs \(ref.sigma2)")
        #expect(close(f.lo95, ref.lo95, rel: 1e-9) && close(f.hi80, ref.hi80, rel: 1e-9))
    }
}

@Suite struct IntervalTests {
    @Test(arguments: ForecastMethod.allCases)
    func intervalsWidenWithTheHorizonAndNest(method: ForecastMethod) {
        let y = Reference.shared.series["nile_last20"]!.values
        let f = method.forecast(y, horizon: 5)
        for h in 0..<5 {
            #expect(f.lo95[h] <= f.lo80[h] && f.lo80[h] <= f.forecast[h] && f.forecast[h] <= f.hi80[h] && f.hi80[h] <= f.hi95[h])
            if h > 0 { #expect(f.hi95[h] - f.lo95[h] >= f.hi95[h - 1] - f.lo95[h - 1] - 1e-9) }
        }
    }

    @Test func threePointSeriesForecasts() {
        for m in ForecastMethod.allCases {
            let f = m.forecast([10, 12, 13], horizon: 3)
            #expect(f.forecast.count == 3 && f.forecast.allSatisfy(\.isFinite), "\(m)")
        }
    }

    @Test func normalQuantilesAreRight() {
        #expect(abs(NormalDistribution.inverse(0.975) - 1.959963984540054) < 1e-8)
        #expect(abs(NormalDistribution.inverse(0.8) - 0.8416212335729143) < 1e-8)
        #expect(abs(NormalDistribution.inverse(0.01) + 2.3263478740408408) < 1e-8)
    }
}
