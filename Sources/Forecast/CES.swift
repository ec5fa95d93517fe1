import Foundation

/// Complex exponential smoothing without seasonality (Svetunkov, Kourentzes and
/// Ord 2022), as statsforecast's `AutoCES(model="N")`: a level ℓ and an
/// information potential c smoothed with the complex weight α₀ + iα₁,
///
///     ℓₜ = ℓₜ₋₁ − (1 − α₁)cₜ₋₁ + (α₀ − α₁)eₜ,   cₜ = ℓₜ₋₁ + (1 − α₀)cₜ₋₁ + (α₀ + α₁)eₜ,
///
/// with ŷₜ = ℓₜ₋₁. The start is the mean of the first ten values (c₀ = ℓ₀/1.1),
/// refined as statsforecast does by one backward and one forward pass
/// ("backfitting"); α₀ ∈ [0.01, 1.8] and α₁ ∈ [0.01, 1.9] minimise n·log(SSE).
public struct CES: Sendable {
    public let y: [Double]
    public let alpha0: Double
    public let alpha1: Double

    public init(y: [Double], alpha0: Double, alpha1: Double) {
        self.y = y
        self.alpha0 = alpha0
        self.alpha1 = alpha1
    }

    struct State {
        var level: Double, potential: Double
    }

    static func step(_ s: State, _ e: Double, _ a0: Double, _ a1: Double) -> State {
        State(level: s.level - (1 - a1) * s.potential + (a0 - a1) * e, potential: s.level + (1 - a0) * s.potential + (a0 + a1) * e)
    }

    /// Forward, backward, forward: the errors and the end state of the last forward pass.
    static func backfit(_ y: [Double], _ a0: Double, _ a1: Double) -> (sse: Double, errors: [Double], end: State) {
        var errors: [Double] = []
        errors.reserveCapacity(y.count)
        var s = backfitStart(y, a0, a1), sse = 0.0
        for v in y {
            let e = v - s.level
            errors.append(e)
            sse += e * e
            s = step(s, e, a0, a1)
        }
        return (sse, errors, s)
    }

    /// The start of the last forward pass: the mean of the first ten values, carried
    /// forward through the series and one step beyond, then backward and one step beyond.
    static func backfitStart(_ y: [Double], _ a0: Double, _ a1: Double) -> State {
        let m = y.prefix(10).reduce(0, +) / Double(min(10, y.count))
        var s = State(level: m, potential: m / 1.1)
        for v in y { s = step(s, v - s.level, a0, a1) }
        s = step(s, 0, a0, a1)
        for v in y.reversed() { s = step(s, v - s.level, a0, a1) }
        return step(s, 0, a0, a1)
    }

    /// The fitting criterion's SSE alone, without storing errors (the fit evaluates it often).
    static func backfitSSE(_ y: [Double], _ a0: Double, _ a1: Double) -> Double {
        var s = backfitStart(y, a0, a1), sse = 0.0
        for v in y {
            let e = v - s.level
            sse += e * e
            s = step(s, e, a0, a1)
        }
        return sse
    }

    /// Fits α₀ and α₁ by Nelder–Mead from statsforecast's start (1.3, 1) and two more.
    public static func fit(_ y: [Double]) -> CES {
        func f(_ u: [Double]) -> Double {
            let sse = backfitSSE(y, u[0], u[1])
            return sse.isFinite ? Double(y.count) * log(max(sse, 1e-300)) : .infinity
        }
        var best = [1.3, 1.0], bestValue = f(best)
        for start in [[1.3, 1.0], [1.0, 0.5], [1.7, 1.5]] {
            let (x, v) = NelderMead.minimize(f, start: start, step: 0.1, lower: [0.01, 0.01], upper: [1.8, 1.9], iterations: 300, tolerance: 1e-10)
            if v < bestValue - 1e-12 { best = x; bestValue = v }
        }
        return CES(y: y, alpha0: best[0], alpha1: best[1])
    }

    public var residuals: [Double] { Self.backfit(y, alpha0, alpha1).errors }

    /// Point forecasts for horizons 1…h: the level, carried by the error-free recursion.
    public func pointForecast(_ h: Int) -> [Double] {
        var s = Self.backfit(y, alpha0, alpha1).end
        var out: [Double] = []
        for _ in 0..<h {
            out.append(s.level)
            s = Self.step(s, 0, alpha0, alpha1)
        }
        return out
    }

    /// Forecasts with normal intervals from the one-step variance SSE/(n − 3), growing with √h.
    public func forecast(_ h: Int) -> ForecastResult {
        let e = residuals
        let sigma2 = y.count > 4 ? e.reduce(0) { $0 + $1 * $1 } / Double(y.count - 4) : e.reduce(0) { $0 + $1 * $1 } / Double(y.count)
        return .normal(method: "ces", forecast: pointForecast(h), variance: (1...max(h, 1)).prefix(h).map { sigma2 * Double($0) },
                       parameters: ["alpha0": alpha0, "alpha1": alpha1, "sigma2": sigma2])
    }
}
