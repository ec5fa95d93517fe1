import Foundation

/// Exponential smoothing with additive errors and no seasonality: ETS(A,N,N)
/// (simple), ETS(A,A,N) (Holt) and ETS(A,Ad,N) (damped trend), fitted by
/// maximum likelihood as statsmodels' ETSModel does (same bounds, likelihood,
/// AICc and analytic intervals), so its results are checked against it.
public struct ETS: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case simple = "ANN", holt = "AAN", damped = "AAdN"
        var hasTrend: Bool { self != .simple }
    }

    public struct Parameters: Sendable, Equatable {
        public var alpha: Double
        public var beta: Double
        public var phi: Double
        public var level0: Double
        public var trend0: Double

        public init(alpha: Double, beta: Double = 0, phi: Double = 1, level0: Double, trend0: Double = 0) {
            self.alpha = alpha
            self.beta = beta
            self.phi = phi
            self.level0 = level0
            self.trend0 = trend0
        }
    }

    public let kind: Kind
    public let y: [Double]
    public private(set) var parameters: Parameters

    /// Bounds (statsmodels' "usual" region): 1e-4 ≤ α ≤ 1−1e-4, β = β*·α with the
    /// same bounds on β*, 0.8 ≤ φ ≤ 0.98.
    static let lower = 1e-4, upper = 1 - 1e-4, phiLower = 0.8, phiUpper = 0.98

    /// An ETS model with given parameters (no fitting).
    public init(kind: Kind, y: [Double], parameters: Parameters) {
        self.kind = kind
        self.y = y
        self.parameters = parameters
    }

    /// Fits by maximum likelihood.
    ///
    /// For fixed smoothing parameters the errors are affine in the initial
    /// states, so the best (level0, trend0) come from a small least-squares
    /// solve; the smoothing parameters are then searched by Nelder–Mead from
    /// several starts inside their bounds.
    ///
    /// - Parameter thorough: 24 starts at the corners and inside the box (what the
    ///   reference tests check against statsmodels); `false` takes 2–4 starts and a
    ///   looser stop, about eight times faster, for the default combination, whose
    ///   accuracy on the tuning set is the same either way (benchmarks/forecast_accuracy.md).
    public static func fit(_ kind: Kind, _ y: [Double], thorough: Bool = true) -> ETS {
        let k = kind == .simple ? 1 : (kind == .holt ? 2 : 3)
        func unpack(_ u: [Double]) -> (Double, Double, Double) {
            let a = clamp(u[0], lower, upper)
            let bs = k >= 2 ? clamp(u[1], lower, upper) : 0
            let p = k == 3 ? clamp(u[2], phiLower, phiUpper) : 1
            return (a, bs * a, p)
        }
        func sse(_ u: [Double]) -> Double {
            let (a, b, p) = unpack(u)
            return concentratedSSE(kind, y, alpha: a, beta: b, phi: p)
        }
        var best: [Double] = []
        var bestValue = Double.infinity
        // Starts at the corners and inside the box: short series often have their
        // optimum on a bound, and more than one local optimum.
        let alphas = thorough ? [0.0001, 0.2, 0.6, 0.9999] : [0.1, 0.9]
        let betas = k >= 2 ? (thorough ? [0.0001, 0.2, 0.9999] : [0.1]) : [0.0]
        let phis = k == 3 ? (thorough ? [0.8, 0.98] : [0.9]) : [1.0]
        for a in alphas {
            for b in betas {
                for p in phis {
                    let start = Array([a, b, p].prefix(k))
                    let (x, v) = NelderMead.minimize(sse, start: start, step: 0.1, lower: Array([lower, lower, phiLower].prefix(k)),
                                                     upper: Array([upper, upper, phiUpper].prefix(k)), iterations: thorough ? 400 : 200,
                                                     tolerance: thorough ? 1e-12 : 1e-9)
                    if v < bestValue - 1e-12 { bestValue = v; best = x }
                }
            }
        }
        let (a, b, p) = unpack(best)
        let (l0, b0) = bestInitialStates(kind, y, alpha: a, beta: b, phi: p)
        return ETS(kind: kind, y: y, parameters: Parameters(alpha: a, beta: b, phi: p, level0: l0, trend0: b0))
    }

    /// ETS(A,N,N), and ETS(A,A,N) and ETS(A,Ad,N) where the series is long enough (4 and 5 values).
    public static func fits(_ y: [Double], thorough: Bool = true) -> [ETS] {
        ([.simple] + (y.count >= 4 ? [.holt] : []) + (y.count >= 5 ? [.damped] : [])).map { fit($0, y, thorough: thorough) }
    }

    /// The fit with the lowest AICc; AICc is infinite for series too short for the
    /// correction, and then AIC decides.
    public static func bestByAICc(_ fits: [ETS]) -> ETS {
        fits.min { ($0.aicc.isFinite ? $0.aicc : $0.aic + 1e9) < ($1.aicc.isFinite ? $1.aicc : $1.aic + 1e9) }!
    }

    /// One-step errors y_t − ŷ_t.
    static func errors(_ kind: Kind, _ y: [Double], _ q: Parameters) -> [Double] {
        var l = q.level0, b = kind.hasTrend ? q.trend0 : 0
        let phi = kind == .damped ? q.phi : 1
        var out: [Double] = []
        out.reserveCapacity(y.count)
        for v in y {
            let yhat = l + phi * b
            let e = v - yhat
            l = yhat + q.alpha * e
            if kind.hasTrend { b = phi * b + q.beta * e }
            out.append(e)
        }
        return out
    }

    /// The sum of squared errors at the best initial states, in one pass without storing
    /// anything: the errors are affine in (level0, trend0), so the pass carries the
    /// errors for zero initial states and their responses to a unit initial level and
    /// trend, and the least-squares minimum over the initial states follows from their
    /// sums of products (what ``bestInitialStates(_:_:alpha:beta:phi:)`` then solves for).
    static func concentratedSSE(_ kind: Kind, _ y: [Double], alpha: Double, beta: Double, phi rawPhi: Double) -> Double {
        let phi = kind == .damped ? rawPhi : 1, trend = kind.hasTrend
        var l0 = 0.0, b0 = 0.0, l1 = 1.0, b1 = 0.0, l2 = 0.0, b2 = 1.0
        var s00 = 0.0, s01 = 0.0, s02 = 0.0, s11 = 0.0, s12 = 0.0, s22 = 0.0
        for v in y {
            let e0 = v - (l0 + phi * b0), e1 = -(l1 + phi * b1), e2 = -(l2 + phi * b2)
            s00 += e0 * e0; s01 += e0 * e1; s02 += e0 * e2; s11 += e1 * e1; s12 += e1 * e2; s22 += e2 * e2
            l0 += phi * b0 + alpha * e0; l1 += phi * b1 + alpha * e1; l2 += phi * b2 + alpha * e2
            if trend { b0 = phi * b0 + beta * e0; b1 = phi * b1 + beta * e1; b2 = phi * b2 + beta * e2 }
        }
        var value: Double
        if !trend {
            value = s11 > 0 ? s00 - s01 * s01 / s11 : s00
        } else {
            let det = s11 * s22 - s12 * s12
            guard abs(det) > 1e-12 * max(1, s11 * s22) else {
                // As bestInitialStates: the first value and the first change.
                let (l, b) = (y.first ?? 0, y.count > 1 ? y[1] - y[0] : 0)
                return s00 + 2 * (l * s01 + b * s02) + l * l * s11 + 2 * l * b * s12 + b * b * s22
            }
            value = s00 - (s01 * s01 * s22 - 2 * s01 * s02 * s12 + s02 * s02 * s11) / det
        }
        return value.isFinite ? max(value, 0) : .infinity
    }

    /// The initial level and trend minimising the sum of squared errors, given the smoothing parameters.
    static func bestInitialStates(_ kind: Kind, _ y: [Double], alpha: Double, beta: Double, phi: Double) -> (Double, Double) {
        let base = Parameters(alpha: alpha, beta: beta, phi: phi, level0: 0, trend0: 0)
        let e0 = errors(kind, y, base)
        // Response of the errors to a unit initial level (and trend), with y = 0.
        let zeros = [Double](repeating: 0, count: y.count)
        var unitLevel = base; unitLevel.level0 = 1
        let r1 = errors(kind, zeros, unitLevel)
        guard kind.hasTrend else {
            let num = zip(e0, r1).reduce(0) { $0 + $1.0 * $1.1 }, den = r1.reduce(0) { $0 + $1 * $1 }
            return (den > 0 ? -num / den : y.first ?? 0, 0)
        }
        var unitTrend = base; unitTrend.trend0 = 1
        let r2 = errors(kind, zeros, unitTrend)
        // Minimise ‖e0 + r1·l + r2·b‖²: 2×2 normal equations.
        let a11 = r1.reduce(0) { $0 + $1 * $1 }, a22 = r2.reduce(0) { $0 + $1 * $1 }
        let a12 = zip(r1, r2).reduce(0) { $0 + $1.0 * $1.1 }
        let c1 = -zip(r1, e0).reduce(0) { $0 + $1.0 * $1.1 }, c2 = -zip(r2, e0).reduce(0) { $0 + $1.0 * $1.1 }
        let det = a11 * a22 - a12 * a12
        guard abs(det) > 1e-12 * max(1, a11 * a22) else { return (y.first ?? 0, y.count > 1 ? y[1] - y[0] : 0) }
        return ((c1 * a22 - c2 * a12) / det, (a11 * c2 - a12 * c1) / det)
    }

    public var residuals: [Double] { Self.errors(kind, y, parameters) }
    public var fitted: [Double] { zip(y, residuals).map { $0 - $1 } }
    public var sse: Double { residuals.reduce(0) { $0 + $1 * $1 } }
    /// Residual mean square, SSE / n (what statsmodels scales its intervals by).
    public var mse: Double { sse / Double(y.count) }

    /// Gaussian log-likelihood at the concentrated variance: −n/2 (log(2π·SSE/n) + 1).
    public var logLikelihood: Double {
        let n = Double(y.count)
        return -n / 2 * (log(2 * Double.pi * mse) + 1)
    }

    /// Number of estimated parameters, counting the error variance.
    public var parameterCount: Int { (kind == .simple ? 2 : kind == .holt ? 4 : 5) + 1 }

    public var aic: Double { -2 * logLikelihood + 2 * Double(parameterCount) }

    /// AICc; infinite when the series is too short for the correction.
    public var aicc: Double {
        let n = Double(y.count), k = Double(parameterCount)
        return n - k - 1 > 0 ? aic + 2 * k * (k + 1) / (n - k - 1) : .infinity
    }

    /// Forecasts and analytic 80%/95% intervals for horizons 1…h.
    public func forecast(_ h: Int) -> ForecastResult {
        var l = parameters.level0, b = kind.hasTrend ? parameters.trend0 : 0
        let phi = kind == .damped ? parameters.phi : 1
        for e in residuals {
            let yhat = l + phi * b
            l = yhat + parameters.alpha * e
            if kind.hasTrend { b = phi * b + parameters.beta * e }
        }
        var points: [Double] = [], variance: [Double] = []
        var phiSum = 0.0, phiPower = 1.0
        for step in 1...max(h, 1) where step <= h {
            phiPower *= phi
            phiSum += phiPower
            points.append(l + phiSum * b)
            variance.append(mse * relativeVariance(Double(step)))
        }
        var params = ["alpha": parameters.alpha, "level0": parameters.level0]
        if kind.hasTrend { params["beta"] = parameters.beta; params["trend0"] = parameters.trend0 }
        if kind == .damped { params["phi"] = parameters.phi }
        params["aicc"] = aicc
        return .normal(method: kind.rawValue, forecast: points, variance: variance, parameters: params)
    }

    /// Hyndman & Athanasopoulos' forecast-variance multipliers for class-1 models.
    func relativeVariance(_ h: Double) -> Double {
        let a = parameters.alpha, b = parameters.beta, p = parameters.phi
        switch kind {
        case .simple:
            return 1 + a * a * (h - 1)
        case .holt:
            return 1 + (h - 1) * (a * a + a * b * h + b * b * h / 6 * (2 * h - 1))
        case .damped:
            let one = 1 - p
            return 1 + a * a * (h - 1)
                + (b * p * h) / (one * one) * (2 * a * one + b * p)
                - (b * p * (1 - pow(p, h))) / (one * one * (1 - p * p)) * (2 * a * (1 - p * p) + b * p * (1 + 2 * p - pow(p, h)))
        }
    }
}

func clamp(_ x: Double, _ lo: Double, _ hi: Double) -> Double { min(max(x, lo), hi) }

/// Nelder–Mead simplex search inside a box (points are projected onto the box).
enum NelderMead {
    static func minimize(_ f: ([Double]) -> Double, start: [Double], step: Double, lower: [Double], upper: [Double],
                         iterations: Int = 400, tolerance: Double = 1e-12) -> ([Double], Double) {
        let n = start.count
        func project(_ x: [Double]) -> [Double] { (0..<n).map { clamp(x[$0], lower[$0], upper[$0]) } }
        var simplex = [project(start)]
        for i in 0..<n {
            var x = start
            x[i] += (x[i] + step <= upper[i]) ? step : -step
            simplex.append(project(x))
        }
        var values = simplex.map(f)
        for _ in 0..<iterations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            if abs(values[n] - values[0]) <= tolerance * (abs(values[0]) + 1e-20) { break }
            let centroid = (0..<n).map { j in simplex.prefix(n).reduce(0) { $0 + $1[j] } / Double(n) }
            func along(_ t: Double) -> [Double] { project((0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) }) }
            let reflected = along(-1), fr = f(reflected)
            if fr < values[0] {
                let expanded = along(-2), fe = f(expanded)
                if fe < fr { simplex[n] = expanded; values[n] = fe } else { simplex[n] = reflected; values[n] = fr }
            } else if fr < values[n - 1] {
                simplex[n] = reflected; values[n] = fr
            } else {
                let contracted = fr < values[n] ? along(-0.5) : along(0.5)
                let fc = f(contracted)
                if fc < min(fr, values[n]) {
                    simplex[n] = contracted; values[n] = fc
                } else {
                    for i in 1...n {
                        simplex[i] = project((0..<n).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) })
                        values[i] = f(simplex[i])
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] }!
        return (simplex[best], values[best])
    }
}
