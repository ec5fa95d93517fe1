/// Point forecasts and prediction intervals for horizons 1…H.
public struct ForecastResult: Sendable, Equatable {
    /// Method name (`naive`, `ses`, `holt`, `damped`, `ets`, `theta`, `combo`).
    public var method: String
    public var forecast: [Double]
    public var lo80: [Double]
    public var hi80: [Double]
    public var lo95: [Double]
    public var hi95: [Double]
    /// Fitted parameters, by name (for printing and checking).
    public var parameters: [String: Double]

    public init(method: String, forecast: [Double], lo80: [Double], hi80: [Double], lo95: [Double], hi95: [Double],
                parameters: [String: Double]) {
        self.method = method
        self.forecast = forecast
        self.lo80 = lo80
        self.hi80 = hi80
        self.lo95 = lo95
        self.hi95 = hi95
        self.parameters = parameters
    }

    /// Builds symmetric normal intervals from point forecasts and forecast variances.
    static func normal(method: String, forecast: [Double], variance: [Double], parameters: [String: Double]) -> ForecastResult {
        let sd = variance.map { $0.squareRoot() }
        return ForecastResult(method: method, forecast: forecast,
                              lo80: zip(forecast, sd).map { $0 - z80 * $1 }, hi80: zip(forecast, sd).map { $0 + z80 * $1 },
                              lo95: zip(forecast, sd).map { $0 - z95 * $1 }, hi95: zip(forecast, sd).map { $0 + z95 * $1 },
                              parameters: parameters)
    }

    /// Standard normal quantiles for central 80% and 95% intervals.
    public static let z80 = 1.2815515655446004
    public static let z95 = 1.959963984540054

    /// The value at a quantile q of the forecast distribution at horizon h.
    ///
    /// Read off the intervals themselves, as they may not be normal (calibrated
    /// intervals have heavier tails): the 80% interval's ends are the 10% and 90%
    /// quantiles and the 95% interval's the 2.5% and 97.5%; between them, and
    /// beyond, the quantile follows the normal shape of the nearer interval.
    public func quantile(_ q: Double, horizon h: Int) -> Double {
        let i = h - 1, z = NormalDistribution.inverse(q)
        let upper = z >= 0
        let end80 = upper ? hi80[i] : lo80[i], end95 = upper ? hi95[i] : lo95[i]
        let a = abs(z)
        if a <= Self.z80 { return forecast[i] + (end80 - forecast[i]) * a / Self.z80 }
        if a <= Self.z95 { return end80 + (end95 - end80) * (a - Self.z80) / (Self.z95 - Self.z80) }
        return forecast[i] + (end95 - forecast[i]) * a / Self.z95
    }
}

/// The standard normal distribution's inverse CDF (Acklam's rational approximation, |error| < 1.2e-9).
public enum NormalDistribution {
    public static func inverse(_ p: Double) -> Double {
        precondition(p > 0 && p < 1)
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low {
            let q = (-2 * log(1 - p)).squareRoot()
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}

import Foundation
