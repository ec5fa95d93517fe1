/// One coefficient times one variable.
public struct Term: Sendable, Equatable {
    public var variable: Variable
    public var coefficient: Double

    public init(_ coefficient: Double, _ variable: Variable) {
        self.variable = variable
        self.coefficient = coefficient
    }
}

/// A sum of coefficient × variable terms plus a constant.
///
/// Terms may repeat a variable; ``normalized()`` merges them. Build long sums
/// with ``add(_:_:)`` or ``init(sum:)`` rather than chained `+`, which copies.
public struct LinearExpression: Sendable, Equatable {
    public var terms: [Term]
    public var constant: Double

    public init(terms: [Term] = [], constant: Double = 0) {
        self.terms = terms
        self.constant = constant
    }

    public init(_ variable: Variable) { self.init(terms: [Term(1, variable)]) }

    /// The sum of the given variables, each with coefficient 1.
    public init<S: Sequence>(sum variables: S) where S.Element == Variable {
        self.init(terms: variables.map { Term(1, $0) })
    }

    /// Adds `coefficient × variable` in place.
    public mutating func add(_ coefficient: Double, _ variable: Variable) {
        terms.append(Term(coefficient, variable))
    }

    /// Adds another expression in place, scaled by `factor`.
    public mutating func add(_ other: LinearExpression, times factor: Double = 1) {
        terms.reserveCapacity(terms.count + other.terms.count)
        for t in other.terms { terms.append(Term(t.coefficient * factor, t.variable)) }
        constant += other.constant * factor
    }

    /// The same expression with each variable once, in index order, zeros dropped.
    public func normalized() -> LinearExpression {
        var merged: [Int: Double] = [:]
        for t in terms { merged[t.variable.index, default: 0] += t.coefficient }
        let sorted = merged.filter { $0.value != 0 }.sorted { $0.key < $1.key }
        return LinearExpression(terms: sorted.map { Term($0.value, Variable(index: $0.key)) }, constant: constant)
    }

    /// The value of the expression at a point given by variable values.
    public func value(at values: [Double]) -> Double {
        var total = constant
        for t in terms { total += t.coefficient * values[t.variable.index] }
        return total
    }
}

// MARK: - Arithmetic

public func + (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
    var e = lhs
    e.add(rhs)
    return e
}

public func - (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
    var e = lhs
    e.add(rhs, times: -1)
    return e
}

public prefix func - (e: LinearExpression) -> LinearExpression {
    var r = LinearExpression()
    r.add(e, times: -1)
    return r
}

public func * (lhs: Double, rhs: Variable) -> LinearExpression {
    LinearExpression(terms: [Term(lhs, rhs)])
}

public func * (lhs: Variable, rhs: Double) -> LinearExpression { rhs * lhs }

public func * (lhs: Double, rhs: LinearExpression) -> LinearExpression {
    var r = LinearExpression()
    r.add(rhs, times: lhs)
    return r
}

public func * (lhs: LinearExpression, rhs: Double) -> LinearExpression { rhs * lhs }

public func + (lhs: Variable, rhs: Variable) -> LinearExpression {
    LinearExpression(terms: [Term(1, lhs), Term(1, rhs)])
}

public func + (lhs: LinearExpression, rhs: Variable) -> LinearExpression {
    var e = lhs
    e.add(1, rhs)
    return e
}

public func + (lhs: Variable, rhs: LinearExpression) -> LinearExpression { rhs + lhs }

public func - (lhs: LinearExpression, rhs: Variable) -> LinearExpression {
    var e = lhs
    e.add(-1, rhs)
    return e
}

public func - (lhs: Variable, rhs: Variable) -> LinearExpression {
    LinearExpression(terms: [Term(1, lhs), Term(-1, rhs)])
}

public func - (lhs: Variable, rhs: LinearExpression) -> LinearExpression {
    LinearExpression(lhs) - rhs
}

public func + (lhs: LinearExpression, rhs: Double) -> LinearExpression {
    var e = lhs
    e.constant += rhs
    return e
}

public func - (lhs: LinearExpression, rhs: Double) -> LinearExpression { lhs + (-rhs) }

public func += (lhs: inout LinearExpression, rhs: LinearExpression) { lhs.add(rhs) }

public func += (lhs: inout LinearExpression, rhs: Variable) { lhs.add(1, rhs) }

public func -= (lhs: inout LinearExpression, rhs: LinearExpression) { lhs.add(rhs, times: -1) }

public func + (lhs: Variable, rhs: Double) -> LinearExpression { LinearExpression(lhs) + rhs }

public func - (lhs: Variable, rhs: Double) -> LinearExpression { LinearExpression(lhs) - rhs }
