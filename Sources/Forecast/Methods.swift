import Foundation

/// The forecasting methods for short annual series.
public enum ForecastMethod: String, Sendable, CaseIterable {
    /// HubPlan's choice for each series: the calibrated combination from 5 values on (a
    /// hub's five years of history among them), below that the Theta method; intervals
    /// calibrated for the series' length up to 6 values (``Combination/shortQuantiles``),
    /// by horizon beyond. Everything that forecasts without
    /// being told a method uses this, and the result names what it used.
    case auto
    /// The last value, intervals from the random walk σ√h.
    case naive
    /// The random walk with drift.
    case drift
    /// ETS(A,N,N) by maximum likelihood.
    case ses
    /// ETS(A,A,N).
    case holt
    /// ETS(A,Ad,N).
    case damped
    /// The best of ses, holt and damped by AICc (those the series is long enough for).
    case ets
    /// The Theta method (Assimakopoulos & Nikolopoulos; Hyndman & Billah's SES-with-drift form).
    case theta
    /// The optimised Theta model (θ estimated; statsforecast's OptimizedTheta).
    case otm
    /// The dynamic optimised Theta model (statsforecast's DynamicOptimizedTheta).
    case dotm
    /// Complex exponential smoothing without seasonality (statsforecast's AutoCES, model N).
    case ces
    /// The median of otm, theta, damped, ets, naive and holt with calibrated intervals (``Combination``).
    case combo
    /// The method with the lowest rolling-origin MASE on the series itself (the old
    /// default: slow, and no more accurate than `auto`; kept to measure that).
    case rolling

    /// Whether `auto` uses the combination for a series of `n` values. Measured on the
    /// tuning series cut to their last 3 to 8 values (benchmarks/forecast_accuracy.md): the
    /// Theta method is more accurate with 3 or 4 values (4 values: sMAPE 18.23 and MASE
    /// 2.362 against the combination's 19.66 and 2.414), the combination from 5 on (5
    /// values: 17.88 and 2.235 against Theta's 18.84 and 2.298).
    public static func usesCombination(length n: Int) -> Bool { n >= 5 }

    /// Forecasts a series for horizons 1…h.
    ///
    /// - Parameter y: at least 3 values, oldest first, all finite.
    public func forecast(_ y: [Double], horizon h: Int) -> ForecastResult {
        switch self {
        case .naive: return Naive.forecast(y, h)
        case .drift: return Drift.forecast(y, h)
        case .ses: return ETS.fit(.simple, y).forecast(h).renamed("ses")
        case .holt: return y.count >= 4 ? ETS.fit(.holt, y).forecast(h).renamed("holt") : ETS.fit(.simple, y).forecast(h).renamed("ses")
        case .damped: return y.count >= 5 ? ETS.fit(.damped, y).forecast(h).renamed("damped") : ForecastMethod.holt.forecast(y, horizon: h)
        case .ets:
            let best = ETS.bestByAICc(ETS.fits(y))
            return best.forecast(h).renamed("ets(\(best.kind.rawValue))")
        case .theta: return Theta.fit(y).forecast(h)
        case .otm: return OptimisedTheta.fit(y, dynamic: false).forecast(h)
        case .dotm: return OptimisedTheta.fit(y, dynamic: true).forecast(h)
        case .ces: return CES.fit(y).forecast(h)
        case .combo: return Combination.forecast(y, horizon: h)
        case .auto:
            var r = ForecastMethod.usesCombination(length: y.count) ? Combination.forecast(y, horizon: h) : Combination.shortForecast(y, horizon: h)
            r.method = "auto: " + r.method
            return r
        case .rolling:
            let candidates: [ForecastMethod] = [.naive, .ses, .holt, .damped, .theta, .combo]
            let scores = candidates.map { ($0, Backtest.run($0, y, horizon: min(h, max(1, y.count / 3))).mase) }
            let best = scores.filter { $0.1.isFinite }.min { $0.1 < $1.1 }?.0 ?? .ets
            var r = best.forecast(y, horizon: h)
            r.method = "rolling(\(r.method))"
            return r
        }
    }
}

extension ForecastResult {
    func renamed(_ name: String) -> ForecastResult {
        var r = self
        r.method = name
        return r
    }
}

/// The naive method: ARIMA(0,1,0) without drift.
enum Naive {
    static func forecast(_ y: [Double], _ h: Int) -> ForecastResult {
        let diffs = zip(y.dropFirst(), y).map { $0 - $1 }
        // MLE of the random walk's innovation variance: mean squared difference.
        let sigma2 = diffs.isEmpty ? 0 : diffs.reduce(0) { $0 + $1 * $1 } / Double(diffs.count)
        let last = y.last ?? 0
        return .normal(method: "naive", forecast: Array(repeating: last, count: h),
                       variance: (1...max(h, 1)).prefix(h).map { sigma2 * Double($0) }, parameters: ["sigma2": sigma2])
    }
}

/// The Theta method with θ = 2, as statsmodels' ThetaModel (two-step: OLS slope
/// b0, then simple exponential smoothing from the first value with α chosen by
/// least squares): ŷ_{n+h} = SES + ½ b0 (h − 1 + 1/α − (1−α)^n / α).
public struct Theta: Sendable {
    public let y: [Double]
    public let b0: Double
    public let alpha: Double
    /// Innovation variance for the intervals: the mean squared one-step error of
    /// the fitted SES-with-drift (statsmodels fits an ARIMA(0,1,1) with drift
    /// for this instead; our intervals use the same formula with our σ²).
    public let sigma2: Double

    public static func fit(_ y: [Double]) -> Theta {
        let n = Double(y.count)
        let tMean = (n - 1) / 2, yMean = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for (t, v) in y.enumerated() { sxy += (Double(t) - tMean) * (v - yMean); sxx += (Double(t) - tMean) * (Double(t) - tMean) }
        let b0 = sxx > 0 ? sxy / sxx : 0
        let alpha = goldenSection(0, 1) { sesSSE(y, alpha: $0) }
        // One-step errors of SES plus half the drift.
        var level = y[0], sse = 0.0
        for v in y.dropFirst() {
            let e = v - (level + b0 / 2)
            sse += e * e
            level += alpha * (v - level)
        }
        return Theta(y: y, b0: b0, alpha: alpha, sigma2: y.count > 1 ? sse / (n - 1) : 0)
    }

    public init(y: [Double], b0: Double, alpha: Double, sigma2: Double) {
        self.y = y
        self.b0 = b0
        self.alpha = alpha
        self.sigma2 = sigma2
    }

    static func sesSSE(_ y: [Double], alpha: Double) -> Double {
        var level = y[0], sse = 0.0
        for v in y.dropFirst() {
            sse += (v - level) * (v - level)
            level += alpha * (v - level)
        }
        return sse
    }

    static func sesForecast(_ y: [Double], alpha: Double) -> Double {
        var level = y[0]
        for v in y.dropFirst() { level += alpha * (v - level) }
        return level
    }

    public func forecast(_ h: Int) -> ForecastResult {
        let n = Double(y.count)
        let one = Self.sesForecast(y, alpha: alpha)
        // (1 − (1−α)^n)/α tends to n as α → 0.
        let shift = alpha > 1e-12 ? 1 / alpha - pow(1 - alpha, n) / alpha : n
        let points = (0..<h).map { one + 0.5 * b0 * (Double($0) + shift) }
        let variance = (0..<h).map { sigma2 * (1 + Double($0) * (1 + (alpha - 1) * (alpha - 1))) }
        return .normal(method: "theta", forecast: points, variance: variance, parameters: ["b0": b0, "alpha": alpha, "sigma2": sigma2])
    }
}

/// Golden-section search for the minimum of a unimodal function on [a, b].
func goldenSection(_ a: Double, _ b: Double, tolerance: Double = 1e-10, _ f: (Double) -> Double) -> Double {
    let g = (5.0.squareRoot() - 1) / 2
    var lo = a, hi = b
    var x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo)
    var f1 = f(x1), f2 = f(x2)
    while hi - lo > tolerance {
        if f1 <= f2 { hi = x2; x2 = x1; f2 = f1; x1 = hi - g * (hi - lo); f1 = f(x1) }
        else { lo = x1; x1 = x2; f1 = f2; x2 = lo + g * (hi - lo); f2 = f(x2) }
    }
    let mid = (lo + hi) / 2
    // The ends can be best (SSE often falls all the way to α = 1).
    return [a, mid, b].min { f($0) < f($1) }!
}

/// Rolling-origin evaluation: fit on the first k values, forecast the next h, for every k ≥ 3.
public enum Backtest {
    public struct Score: Sendable {
        /// Mean absolute scaled error (scaled by the in-sample naive one-step MAE of the whole series).
        public var mase: Double
        /// Symmetric MAPE, percent.
        public var smape: Double
        /// Share of actual values inside the 80% and 95% intervals.
        public var coverage80: Double
        public var coverage95: Double
        public var forecasts: Int
    }

    public static func run(_ method: ForecastMethod, _ y: [Double], horizon h: Int, minimumTrain: Int = 3) -> Score {
        let scale = zip(y.dropFirst(), y).map { abs($0 - $1) }.reduce(0, +) / Double(max(1, y.count - 1))
        var absErr = 0.0, smape = 0.0, in80 = 0, in95 = 0, count = 0
        guard y.count > minimumTrain else { return Score(mase: .infinity, smape: .infinity, coverage80: 0, coverage95: 0, forecasts: 0) }
        for k in minimumTrain..<y.count {
            let steps = min(h, y.count - k)
            let r = method.forecast(Array(y.prefix(k)), horizon: steps)
            for i in 0..<steps {
                let actual = y[k + i], f = r.forecast[i]
                absErr += abs(actual - f)
                let denom = abs(actual) + abs(f)
                smape += denom > 0 ? 200 * abs(actual - f) / denom : 0
                if r.lo80[i] <= actual && actual <= r.hi80[i] { in80 += 1 }
                if r.lo95[i] <= actual && actual <= r.hi95[i] { in95 += 1 }
                count += 1
            }
        }
        let c = Double(max(count, 1))
        return Score(mase: scale > 0 ? absErr / c / scale : .infinity, smape: smape / c, coverage80: Double(in80) / c,
                     coverage95: Double(in95) / c, forecasts: count)
    }
}
