import Foundation
import HubModel

/// A file of series for the generic forecasting mode: columns `series_id,t,value`,
/// `t` ascending whole numbers (or years) with no gaps within a series.
public enum SeriesFile {
    public struct Problem: Error, CustomStringConvertible {
        public var diagnostics: [Diagnostic]
        public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    }

    /// Reads every series, in the order they first appear.
    ///
    /// - Throws: ``Problem`` listing every bad row: a NaN or non-number, a gap or a
    ///   duplicate `t`, `t` going backwards, a series shorter than 3 points.
    public static func read(_ url: URL) throws -> [(id: String, start: Int, values: [Double])] {
        let file = url.lastPathComponent
        let (rows, found) = TableReader.read(url, file: file, columns: ["series_id", "t", "value"])
        var problems = found
        guard let rows else { throw Problem(diagnostics: problems) }
        var order: [String] = []
        var series: [String: (start: Int, last: Int, values: [Double], firstRow: Int)] = [:]
        var broken: Set<String> = []  // series with a bad row: no further "too short" message
        for row in rows {
            func fail(_ column: String, _ message: String) {
                problems.append(Diagnostic(.error, file: file, row: row.number, column: row.column(column), "\(column): \(message)"))
            }
            let id = row.text("series_id")
            guard !id.isEmpty else { fail("series_id", "is empty"); continue }
            guard let t = Int(row.text("t")) else { fail("t", "'\(row.text("t"))' is not a whole number"); continue }
            let text = row.text("value")
            let value = Double(text).flatMap { $0.isFinite && !text.lowercased().contains("nan") ? $0 : nil }
            if value == nil {
                fail("value", "'\(text)' is not a finite number")
                broken.insert(id)
                // Keep the row's t, so the rows after it are not also reported as a gap.
                if series[id] == nil { order.append(id); series[id] = (t, t, [], row.number) } else { series[id]!.last = t }
                continue
            }
            let v = value!
            if var s = series[id] {
                if t == s.last { fail("t", "\(t) appears twice in series '\(id)'"); broken.insert(id); continue }
                if t < s.last { fail("t", "\(t) comes after \(s.last) in series '\(id)'; sort each series by t"); broken.insert(id); continue }
                if t > s.last + 1 {
                    fail("t", "gap in series '\(id)': \(s.last) is followed by \(t)")
                    broken.insert(id)
                    series[id]!.last = t
                    continue
                }
                s.last = t
                s.values.append(v)
                series[id] = s
            } else {
                order.append(id)
                series[id] = (t, t, [v], row.number)
            }
        }
        for id in order where series[id]!.values.count < 3 && !broken.contains(id) {
            problems.append(Diagnostic(.error, file: file, row: series[id]!.firstRow, column: 1,
                                       "series_id: series '\(id)' has \(series[id]!.values.count) point(s); at least 3 are needed"))
        }
        if problems.contains(where: { $0.severity == .error }) { throw Problem(diagnostics: problems) }
        return order.map { (id: $0, start: series[$0]!.start, values: series[$0]!.values) }
    }

    /// CSV text with columns `series_id,h,forecast,lo80,hi80,lo95,hi95`.
    public static func output(_ results: [(id: String, result: ForecastResult)]) -> String {
        var out = "series_id,h,forecast,lo80,hi80,lo95,hi95\n"
        for (id, r) in results {
            for h in 0..<r.forecast.count {
                let cells = [r.forecast[h], r.lo80[h], r.hi80[h], r.lo95[h], r.hi95[h]].map { String(format: "%.6f", $0) }
                out += ([csvField(id), String(h + 1)] + cells).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static func csvField(_ s: String) -> String { CSVText.field(s) }
}
