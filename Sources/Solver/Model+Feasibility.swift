/// How far a point is from satisfying one part of a model.
public struct Violation: Sendable, Equatable, CustomStringConvertible {
    public enum Subject: Sendable, Equatable {
        case constraint(ConstraintRef)
        case bound(Variable)
        case integrality(Variable)
    }
    public var subject: Subject
    public var name: String
    /// Amount by which the rule is broken (always > tolerance).
    public var amount: Double

    public var description: String { "\(name): violated by \(amount)" }
}

extension Model {
    /// Every constraint, bound and integrality rule the point breaks by more than `tolerance`.
    ///
    /// - Parameter values: One value per variable, by index.
    public func feasibilityReport(values: [Double], tolerance: Double = 1e-6) -> [Violation] {
        precondition(values.count == variables.count, "one value per variable")
        var out: [Violation] = []
        for (j, v) in variables.enumerated() {
            let x = values[j]
            let excess = max(v.lower - x, x - v.upper, 0)
            if excess > tolerance { out.append(Violation(subject: .bound(Variable(index: j)), name: v.name, amount: excess)) }
            if v.kind != .continuous, abs(x - x.rounded()) > tolerance {
                out.append(Violation(subject: .integrality(Variable(index: j)), name: v.name, amount: abs(x - x.rounded())))
            }
        }
        for (i, c) in constraints.enumerated() {
            let a = c.expression.value(at: values)
            let (lo, up) = c.set.limits
            let excess = max(lo - a, a - up, 0)
            let scale = max(1, abs(a))
            if excess > tolerance * scale {
                out.append(Violation(subject: .constraint(ConstraintRef(index: i)), name: c.name, amount: excess))
            }
        }
        return out
    }
}
