/// The set a constraint's expression must lie in.
public enum ConstraintSet: Sendable, Equatable {
    /// expression ≤ value
    case lessThan(Double)
    /// expression ≥ value
    case greaterThan(Double)
    /// expression = value
    case equalTo(Double)
    /// lower ≤ expression ≤ upper
    case interval(Double, Double)

    /// Lower and upper limit, infinite where open.
    public var limits: (lower: Double, upper: Double) {
        switch self {
        case .lessThan(let u): (-.infinity, u)
        case .greaterThan(let l): (l, .infinity)
        case .equalTo(let v): (v, v)
        case .interval(let l, let u): (l, u)
        }
    }
}

/// A linear expression constrained to lie in a set, before it is added to a model.
public struct ConstraintSpec: Sendable, Equatable {
    public var expression: LinearExpression
    public var set: ConstraintSet

    public init(_ expression: LinearExpression, _ set: ConstraintSet) {
        self.expression = expression
        self.set = set
    }
}

/// A constraint held by a model: a name, an expression (constant folded into
/// the set) and the set.
public struct ConstraintInfo: Sendable, Equatable {
    public var name: String
    public var expression: LinearExpression
    public var set: ConstraintSet
}

/// A handle to a constraint of a ``Model``.
public struct ConstraintRef: Hashable, Sendable {
    public let index: Int
}

// MARK: - Building constraints with comparison operators

public func <= (lhs: LinearExpression, rhs: Double) -> ConstraintSpec { ConstraintSpec(lhs, .lessThan(rhs)) }
public func >= (lhs: LinearExpression, rhs: Double) -> ConstraintSpec { ConstraintSpec(lhs, .greaterThan(rhs)) }
public func == (lhs: LinearExpression, rhs: Double) -> ConstraintSpec { ConstraintSpec(lhs, .equalTo(rhs)) }
public func <= (lhs: LinearExpression, rhs: LinearExpression) -> ConstraintSpec { (lhs - rhs) <= 0 }
public func >= (lhs: LinearExpression, rhs: LinearExpression) -> ConstraintSpec { (lhs - rhs) >= 0 }
public func <= (lhs: Variable, rhs: Double) -> ConstraintSpec { LinearExpression(lhs) <= rhs }
public func >= (lhs: Variable, rhs: Double) -> ConstraintSpec { LinearExpression(lhs) >= rhs }
public func <= (lhs: LinearExpression, rhs: Variable) -> ConstraintSpec { lhs <= LinearExpression(rhs) }
public func >= (lhs: LinearExpression, rhs: Variable) -> ConstraintSpec { lhs >= LinearExpression(rhs) }
