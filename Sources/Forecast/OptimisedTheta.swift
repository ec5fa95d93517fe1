import Foundation

/// The state-space Theta models of Fiorucci, Pellegrini, Louzada, Petropoulos and
/// Koehler (2016), as statsforecast's `OptimizedTheta` (OTM) and
/// `DynamicOptimizedTheta` (DOTM): the θ-line's weight θ ≥ 1 is estimated with
/// the smoothing weight α and the initial level, by least squares of the
/// one-step errors from the fourth on, divided by mean |y|.
///
/// Each step forecasts μₜ = ℓₜ₋₁ + (1 − 1/θ)(Aₜ₋₁(1−α)ᵗ + Bₜ₋₁(1 − (1−α)ᵗ⁺¹)/α)
/// and smooths ℓₜ = αyₜ + (1−α)ℓₜ₋₁. The trend line (A, B) is the least-squares
/// line of the whole series (OTM) or of the values so far, updated each step (DOTM).
public struct OptimisedTheta: Sendable {
    public let y: [Double]
    public let dynamic: Bool
    /// Initial smoothed level ℓ₀.
    public let level0: Double
    public let alpha: Double
    public let theta: Double

    /// statsforecast's bounds: 0.1 ≤ α ≤ 0.99, θ ≥ 1.
    static let alphaRange = (0.1, 0.99), thetaLower = 1.0, thetaUpper = 1e10

    public init(y: [Double], dynamic: Bool, level0: Double, alpha: Double, theta: Double) {
        self.y = y
        self.dynamic = dynamic
        self.level0 = level0
        self.alpha = alpha
        self.theta = theta
    }

    /// The state after a step: level, running mean, trend intercept A and slope B.
    struct State {
        var level: Double, mean: Double, a: Double, b: Double
    }

    /// The trend line fitted to the whole series (A at t = 0, slope B), as OTM starts.
    static func staticLine(_ y: [Double]) -> (Double, Double) {
        let n = Double(y.count)
        let mean = y.reduce(0, +) / n
        var weighted = 0.0
        for (i, v) in y.enumerated() { weighted += Double(i + 1) * v }
        weighted /= n
        let b = n > 1 ? 6 * (2 * weighted - (n + 1) * mean) / (n * n - 1) : 0
        return (mean - (n + 1) * b / 2, b)
    }

    /// The one-step forecast μ at time index i from the state of the step before.
    static func mu(_ s: State, _ i: Int, alpha: Double, theta: Double) -> Double {
        let q = 1 - alpha
        return s.level + (1 - 1 / theta) * (s.a * pow(q, Double(i)) + s.b * (1 - pow(q, Double(i + 1))) / alpha)
    }

    static func step(_ s: State, _ i: Int, _ value: Double, alpha: Double, dynamic: Bool) -> State {
        var next = s
        next.level = alpha * value + (1 - alpha) * s.level
        next.mean = (Double(i) * s.mean + value) / Double(i + 1)
        if dynamic {
            next.b = (Double(i - 1) * s.b + 6 * (value - s.mean) / Double(i + 1)) / Double(i + 2)
            next.a = next.mean - next.b * Double(i + 2) / 2
        }
        return next
    }

    /// One-step errors and the state after the last value.
    static func run(_ y: [Double], dynamic: Bool, level0: Double, alpha: Double, theta: Double,
                    line: (Double, Double)) -> (errors: [Double], last: State) {
        let a0 = dynamic ? y[0] : line.0, b0 = dynamic ? 0 : line.1
        let mu0 = dynamic ? y[0] : level0 + (1 - 1 / theta) * (a0 + b0)
        var s = State(level: alpha * y[0] + (1 - alpha) * level0, mean: y[0], a: a0, b: b0)
        var errors = [y[0] - mu0]
        errors.reserveCapacity(y.count)
        for i in 1..<y.count {
            errors.append(y[i] - mu(s, i, alpha: alpha, theta: theta))
            s = step(s, i, y[i], alpha: alpha, dynamic: dynamic)
        }
        return (errors, s)
    }

    /// The fitting criterion: the sum of squared one-step errors from the fourth on, over mean |y|.
    ///
    /// The same recursion as ``run(_:dynamic:level0:alpha:theta:line:)``, without storing
    /// the errors: the fit evaluates it a few hundred times per series.
    static func criterion(_ y: [Double], dynamic: Bool, level0: Double, alpha: Double, theta: Double, line: (Double, Double)) -> Double {
        let q = 1 - alpha, w = 1 - 1 / theta
        var s = State(level: alpha * y[0] + (1 - alpha) * level0, mean: y[0], a: dynamic ? y[0] : line.0, b: dynamic ? 0 : line.1)
        var sse = 0.0, qi = q  // qi = (1 − α)^i
        for i in 1..<y.count {
            let e = y[i] - (s.level + w * (s.a * qi + s.b * (1 - qi * q) / alpha))
            if i >= 3 { sse += e * e }
            s = step(s, i, y[i], alpha: alpha, dynamic: dynamic)
            qi *= q
        }
        var size = 0.0
        for v in y { size += abs(v) }
        let value = sse / max(size / Double(y.count), 1e-10)
        return value.isFinite ? value : .infinity
    }

    /// Fits ℓ₀, α and θ (Nelder–Mead from statsforecast's start ℓ₀ = y₀/2, α = 0.5, θ = 2, and two more starts).
    ///
    /// - Parameter y: at least 3 values; a series of 4 or fewer has at most one error to fit on.
    public static func fit(_ y: [Double], dynamic: Bool) -> OptimisedTheta {
        let line = staticLine(y)
        // ℓ₀ is searched in units of the series' mean size, so the simplex steps suit any scale.
        let scale = max(y.reduce(0) { $0 + abs($1) } / Double(y.count), 1e-10)
        func f(_ u: [Double]) -> Double {
            criterion(y, dynamic: dynamic, level0: u[0] * scale, alpha: u[1], theta: u[2], line: line)
        }
        let lower = [-1e10 / scale, alphaRange.0, thetaLower], upper = [1e10 / scale, alphaRange.1, thetaUpper]
        var best = [y[0] / 2 / scale, 0.5, 2.0]
        var bestValue = f(best)
        for start in [[y[0] / 2 / scale, 0.5, 2.0], [y[0] / scale, 0.9, 1.5], [y[0] / scale, 0.2, 3.0]] {
            let (x, v) = NelderMead.minimize(f, start: start, step: 0.2, lower: lower, upper: upper, iterations: 300, tolerance: 1e-10)
            if v < bestValue - 1e-12 { best = x; bestValue = v }
        }
        return OptimisedTheta(y: y, dynamic: dynamic, level0: best[0] * scale, alpha: best[1], theta: best[2])
    }

    /// In-sample one-step errors (the first is y₀ − μ₀).
    public var residuals: [Double] {
        Self.run(y, dynamic: dynamic, level0: level0, alpha: alpha, theta: theta, line: Self.staticLine(y)).errors
    }

    /// Point forecasts for horizons 1…h (each step smooths its own forecast in).
    public func pointForecast(_ h: Int) -> [Double] {
        var s = Self.run(y, dynamic: dynamic, level0: level0, alpha: alpha, theta: theta, line: Self.staticLine(y)).last
        var out: [Double] = []
        for j in 0..<h {
            let i = y.count + j
            let m = Self.mu(s, i, alpha: alpha, theta: theta)
            out.append(m)
            s = Self.step(s, i, m, alpha: alpha, dynamic: dynamic)
        }
        return out
    }

    /// Forecasts with normal intervals from the one-step error variance (from the fourth error on), widening as SES does.
    public func forecast(_ h: Int) -> ForecastResult {
        // The errors it was fitted on; a series of 4 or fewer values has too few of them, so all its errors count.
        let e = y.count >= 5 ? Array(residuals.dropFirst(3)) : residuals
        let sigma2 = e.reduce(0) { $0 + $1 * $1 } / Double(max(e.count, 1))
        let variance = (0..<h).map { sigma2 * (1 + alpha * alpha * Double($0)) }
        return .normal(method: dynamic ? "dotm" : "otm", forecast: pointForecast(h), variance: variance,
                       parameters: ["level0": level0, "alpha": alpha, "theta": theta, "sigma2": sigma2])
    }
}
