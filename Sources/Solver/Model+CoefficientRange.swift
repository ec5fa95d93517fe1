import Foundation

extension Model {
    /// Magnitudes of constraint coefficients GLPK can scale. Its scaling squares
    /// coefficients, so beyond about 1e154 (or below 1e-154) a scale factor
    /// becomes zero and GLPK stops with "invalid scale factor" (measured: 1e150
    /// solves, 1e200 and 1e-200 end in GLPK's fatal error). The limit leaves a
    /// margin; no meaningful model comes near it.
    public static let coefficientMagnitudes: ClosedRange<Double> = 1e-100...1e100

    /// Zero, or a finite magnitude within ``coefficientMagnitudes`` (a non-finite one is reported apart).
    static func isScalable(_ x: Double) -> Bool { x == 0 || !x.isFinite || coefficientMagnitudes.contains(abs(x)) }

    /// The first constraint coefficient outside ``coefficientMagnitudes``.
    public func coefficientOutOfRange() -> (constraint: String, variable: String, value: Double)? {
        for (i, c) in constraints.enumerated() {
            for t in c.expression.terms where !Self.isScalable(t.coefficient) {
                let variable = variables.indices.contains(t.variable.index) ? variables[t.variable.index].name : "\(t.variable)"
                return (c.name.isEmpty ? "constraint \(i)" : "constraint '\(c.name)'", variable, t.coefficient)
            }
        }
        return nil
    }

    /// What is wrong with an out-of-range coefficient, in words.
    static func coefficientMessage(_ bad: (constraint: String, variable: String, value: Double)) -> String {
        "coefficient \(bad.value) of '\(bad.variable)' in \(bad.constraint) is outside what GLPK can solve "
            + "(magnitudes \(coefficientMagnitudes.lowerBound) to \(coefficientMagnitudes.upperBound)); rescale the model"
    }

    /// The 1-based line of a plain-text model file that holds `value`, preferring
    /// a line that also names `variable`; nil for compressed files or when not found.
    static func line(of value: Double, variable: String, inFile path: String) -> Int? {
        guard !path.lowercased().hasSuffix(".gz"), let data = FileManager.default.contents(atPath: path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        var firstWithValue: Int?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let tokens = line.split(whereSeparator: { " \t\r:".contains($0) })
            guard tokens.contains(where: { Double($0).map { abs($0) == abs(value) } ?? false }) else { continue }
            if tokens.contains(where: { $0 == variable }) { return index + 1 }
            if firstWithValue == nil { firstWithValue = index + 1 }
        }
        return firstWithValue
    }
}
