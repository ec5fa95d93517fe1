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

/// HubPlan's default forecast for short annual series: the median, point by point, of
/// the optimised Theta model, the Theta method, the damped-trend ETS, ETS chosen by AICc,
/// the naive method and Holt's linear trend, with intervals calibrated on public annual
/// series that are not the ones we report on (benchmarks/README.md, "Forecast accuracy").
///
/// The members were chosen on the tuning set (M1 and Tourism yearly, Tourism's
/// quarterly and monthly series summed to years, World Bank fertility rates) among
/// every equal-weight mean of 1 to 6, and every median of 3 to 6, of HubPlan's single
/// methods (naive, drift, ses, holt, damped, ets, theta, otm, dotm, ces), as the one
/// with the lowest sMAPE and MASE relative to the best single method, averaged over the
/// five sources (`benchmarks/forecast_accuracy.py --select`). A median of six is robust
/// to the one member that goes astray on a series, where a mean follows it.
///
/// Intervals: ŷₕ ± qₕ·s, where s is the standard deviation of the series' first
/// differences and qₕ the 80% or 95% quantile of |error|/s at horizon h of this
/// combination on the tuning set (``Combination/quantiles``; for series of 5 or 6
/// values, ``Combination/shortQuantiles``, measured at that length). Beyond the table's last
/// horizon the factor grows in proportion to h.
public enum Combination {
    /// The members of the combination, in the order their forecasts are averaged.
    public static let members: [ForecastMethod] = [.otm, .theta, .damped, .ets, .naive, .holt]

    /// The 80% and 95% quantiles of |error| / s by horizon (1…6), measured by
    /// `benchmarks/forecast_accuracy.py --calibrate` on the tuning set, never narrower at a
    /// later horizon (each factor at least the one before it).
    public static let quantiles: [(q80: Double, q95: Double)] = [
        (2.112, 4.355), (2.979, 6.588), (3.666, 6.588), (4.412, 7.805), (4.888, 9.500), (5.810, 10.736),
    ]

    /// The same for series of 3 to 6 values (the tuning series cut to their last 3, 4, 5 or 6
    /// values), with the points `auto` takes there: Theta's for 3 and 4, the combination's
    /// for 5 and 6. With so few changes to measure the spread by, the tails are heavy.
    public static let shortQuantiles: [Int: [(q80: Double, q95: Double)]] = [
        3: [(5.739, 23.379), (9.370, 40.330), (11.972, 52.107), (13.791, 65.054), (15.783, 82.676), (18.436, 99.042)],
        4: [(2.929, 9.069), (4.585, 16.233), (5.447, 22.966), (6.732, 30.201), (7.548, 37.394), (8.639, 44.414)],
        5: [(2.436, 5.423), (3.552, 9.439), (4.297, 13.395), (5.270, 16.603), (5.622, 19.480), (6.664, 23.846)],
        6: [(2.385, 5.059), (3.549, 8.239), (4.285, 10.890), (5.144, 13.905), (5.546, 15.917), (6.410, 21.072)],
    ]

    /// The interval table for a series of `n` values: by its length up to 6, else ``quantiles``.
    static func table(length n: Int) -> [(q80: Double, q95: Double)] { n <= 6 ? shortQuantiles[max(n, 3)]! : quantiles }

    /// Theta's points for a series of 3 or 4 values with intervals from ``shortQuantiles``.
    public static func shortForecast(_ y: [Double], horizon h: Int) -> ForecastResult {
        calibrated(method: "theta", points: Theta.fit(y).forecast(h).forecast, scale: differenceSD(y), table: table(length: y.count))
    }

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
    static func factor(_ h: Int, wide: Bool, table: [(q80: Double, q95: Double)] = quantiles) -> Double {
        if h <= table.count { return wide ? table[h - 1].q95 : table[h - 1].q80 }
        let last = table[table.count - 1]
        return (wide ? last.q95 : last.q80) * Double(h) / Double(table.count)
    }

    /// The combination's point forecasts with calibrated intervals.
    ///
    /// - Parameter y: at least 3 values, oldest first, all finite.
    public static func forecast(_ y: [Double], horizon h: Int) -> ForecastResult {
        let parts = memberForecasts(y, horizon: h)
        let points = (0..<h).map { i in median(parts.map { $0.forecast[i] }) }
        return calibrated(method: "combo(" + members.map(\.rawValue).joined(separator: ",") + ")", points: points, scale: differenceSD(y),
                          table: table(length: y.count))
    }

    /// The middle value; the mean of the two middle values of an even count.
    static func median(_ values: [Double]) -> Double {
        let v = values.sorted(), n = v.count
        guard n > 0 else { return .nan }
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2
    }

    /// The members' forecasts, in the order of ``members``, fitting each ETS model once
    /// (damped, ets and holt share them; a series too short for a trend has fewer), with
    /// the quicker fit.
    static func memberForecasts(_ y: [Double], horizon h: Int) -> [ForecastResult] {
        let fits = ETS.fits(y, thorough: false)
        let holt = fits.count >= 2 ? fits[1] : fits[0]
        return [OptimisedTheta.fit(y, dynamic: false).forecast(h), Theta.fit(y).forecast(h),
                fits[fits.count - 1].forecast(h), ETS.bestByAICc(fits).forecast(h), Naive.forecast(y, h), holt.forecast(h)]
    }

    /// Intervals ŷₕ ± qₕ·s around given points from the calibration table and a scale s.
    static func calibrated(method: String, points: [Double], scale s: Double, table: [(q80: Double, q95: Double)] = quantiles) -> ForecastResult {
        let h = points.count
        let w80 = (0..<h).map { factor($0 + 1, wide: false, table: table) * s }, w95 = (0..<h).map { factor($0 + 1, wide: true, table: table) * s }
        return ForecastResult(method: method, forecast: points, lo80: zip(points, w80).map { $0 - $1 }, hi80: zip(points, w80).map { $0 + $1 },
                              lo95: zip(points, w95).map { $0 - $1 }, hi95: zip(points, w95).map { $0 + $1 }, parameters: ["s": s])
    }
}
