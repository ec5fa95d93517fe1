import Foundation

/// The random walk with drift: ŷₙ₊ₕ = yₙ + h·(yₙ − y₁)/(n − 1), as statsforecast's
/// RandomWalkWithDrift: variance σ²·h·(1 + h/(n − 1)), the second term for the
/// estimated drift, with σ² the mean squared deviation of the first differences.
enum Drift {
    static func forecast(_ y: [Double], _ h: Int) -> ForecastResult {
        let d = zip(y.dropFirst(), y).map { $0 - $1 }
        let slope = d.isEmpty ? 0 : d.reduce(0, +) / Double(d.count)
        let sigma2 = d.isEmpty ? 0 : d.reduce(0) { $0 + ($1 - slope) * ($1 - slope) } / Double(d.count)
        let last = y.last ?? 0, k = Double(max(d.count, 1))
        let steps = (1...max(h, 1)).prefix(h).map(Double.init)
        return .normal(method: "drift", forecast: steps.map { last + $0 * slope },
                       variance: steps.map { sigma2 * $0 * (1 + $0 / k) }, parameters: ["slope": slope, "sigma2": sigma2])
    }
}

/// HubPlan's default forecast for short annual series: the mean of the optimised
/// Theta model, complex exponential smoothing and the random walk with drift, point
/// by point, with intervals calibrated on public annual series that are not the
/// ones we report on (benchmarks/README.md, "Forecast accuracy").
///
/// The combination was chosen on the tuning set (M1 and Tourism yearly series) over
/// every subset of damped-trend ETS, AutoETS, optimised and dynamic optimised Theta,
/// classic Theta, AutoARIMA, CES, naive and drift (benchmarks/forecast_accuracy.md).
///
/// Intervals: ŷₕ ± qₕ·s, where s is the standard deviation of the series' first
/// differences and qₕ the 80% or 95% quantile of |error|/s at horizon h of this
/// combination on the tuning set (``Combination/quantiles``). Beyond the table's last
/// horizon the factor grows in proportion to h.
public enum Combination {
    /// The members of the combination, in the order their forecasts are averaged.
    public static let members: [ForecastMethod] = [.otm, .ces, .drift]

    /// The 80% and 95% quantiles of |error| / s by horizon (1…6), measured by
    /// `benchmarks/forecast_accuracy.py --calibrate` on the tuning set.
    public static let quantiles: [(q80: Double, q95: Double)] = [
        (1.964, 3.628), (3.273, 6.774), (4.026, 7.090), (5.118, 9.238), (5.660, 10.200), (6.397, 12.710),
    ]

    /// The standard deviation of the first differences (n − 1 divisor); never below
    /// a millionth of the series' mean size, so a constant series still has an interval.
    static func differenceSD(_ y: [Double]) -> Double {
        let d = zip(y.dropFirst(), y).map { $0 - $1 }
        let floor = 1e-6 * max(1, y.reduce(0) { $0 + abs($1) } / Double(max(y.count, 1)))
        guard d.count > 1 else { return max(abs(d.first ?? 0), floor) }
        let mean = d.reduce(0, +) / Double(d.count)
        let sd = (d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(d.count - 1)).squareRoot()
        return max(sd, floor)
    }

    /// The calibrated factor for horizon h (from 1) and a central coverage of 80% or 95%.
    static func factor(_ h: Int, wide: Bool) -> Double {
        let table = quantiles
        if h <= table.count { return wide ? table[h - 1].q95 : table[h - 1].q80 }
        let last = table[table.count - 1]
        return (wide ? last.q95 : last.q80) * Double(h) / Double(table.count)
    }

    /// The combination's point forecasts with calibrated intervals.
    ///
    /// - Parameter y: at least 3 values, oldest first, all finite.
    public static func forecast(_ y: [Double], horizon h: Int) -> ForecastResult {
        let parts = members.map { $0.forecast(y, horizon: h) }
        let points = (0..<h).map { i in parts.reduce(0) { $0 + $1.forecast[i] } / Double(parts.count) }
        return calibrated(method: "combo(" + parts.map(\.method).joined(separator: ",") + ")", points: points, scale: differenceSD(y))
    }

    /// Intervals ŷₕ ± qₕ·s around given points from the calibration table and a scale s.
    static func calibrated(method: String, points: [Double], scale s: Double) -> ForecastResult {
        let h = points.count
        let w80 = (0..<h).map { factor($0 + 1, wide: false) * s }, w95 = (0..<h).map { factor($0 + 1, wide: true) * s }
        return ForecastResult(method: method, forecast: points, lo80: zip(points, w80).map { $0 - $1 }, hi80: zip(points, w80).map { $0 + $1 },
                              lo95: zip(points, w95).map { $0 - $1 }, hi95: zip(points, w95).map { $0 + $1 }, parameters: ["s": s])
    }
}
