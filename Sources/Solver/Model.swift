/// Whether the objective is minimised or maximised.
public enum ObjectiveSense: String, Sendable, Codable {
    case minimize, maximize
}

/// A mixed-integer linear model: variables with bounds and kinds, linear
/// constraints in sets, and one linear objective.
///
/// A model is a plain value; it holds no solver state and can be built on
/// any thread and solved on another.
public struct Model: Sendable {
    public var name: String
    public private(set) var variables: [VariableInfo] = []
    public private(set) var constraints: [ConstraintInfo] = []
    public var sense: ObjectiveSense = .minimize
    public var objective = LinearExpression()

    public init(name: String = "model") { self.name = name }

    /// Whether any variable is integer or binary.
    public var isMIP: Bool { variables.contains { $0.kind != .continuous } }

    /// Adds a variable.
    ///
    /// - Parameters:
    ///   - name: Shown in files and reports; may be empty (GLPK then names it).
    ///   - lower: Lower bound, `-.infinity` for none. Binary variables are clamped to [0, 1].
    ///   - upper: Upper bound, `.infinity` for none.
    ///   - kind: Continuous, integer or binary.
    /// - Returns: The new variable.
    @discardableResult
    public mutating func addVariable(_ name: String = "", lower: Double = 0, upper: Double = .infinity,
                                     kind: VariableKind = .continuous) -> Variable {
        var lo = lower, up = upper
        if kind == .binary { lo = max(lo, 0); up = min(up, 1) }
        variables.append(VariableInfo(name: name, lower: lo, upper: up, kind: kind))
        return Variable(index: variables.count - 1)
    }

    /// Adds a binary (0/1) variable.
    @discardableResult
    public mutating func addBinary(_ name: String = "") -> Variable {
        addVariable(name, lower: 0, upper: 1, kind: .binary)
    }

    /// Adds a constraint; the expression's constant moves into the set.
    @discardableResult
    public mutating func add(_ spec: ConstraintSpec, name: String = "") -> ConstraintRef {
        var expression = spec.expression
        let c = expression.constant
        expression.constant = 0
        let set: ConstraintSet
        switch spec.set {
        case .lessThan(let u): set = .lessThan(u - c)
        case .greaterThan(let l): set = .greaterThan(l - c)
        case .equalTo(let v): set = .equalTo(v - c)
        case .interval(let l, let u): set = .interval(l - c, u - c)
        }
        constraints.append(ConstraintInfo(name: name, expression: expression, set: set))
        return ConstraintRef(index: constraints.count - 1)
    }

    /// Adds `lower ≤ expression ≤ upper`.
    @discardableResult
    public mutating func add(_ expression: LinearExpression, between lower: Double, and upper: Double,
                             name: String = "") -> ConstraintRef {
        add(ConstraintSpec(expression, .interval(lower, upper)), name: name)
    }

    /// Sets the objective.
    public mutating func setObjective(_ sense: ObjectiveSense, _ expression: LinearExpression) {
        self.sense = sense
        objective = expression
    }

    /// The same model with every variable continuous: its LP relaxation.
    public func relaxation() -> Model {
        var m = self
        for i in m.variables.indices { m.variables[i].kind = .continuous }
        return m
    }

    /// Changes a variable's bounds (for fixing, pinning or branching by hand).
    public mutating func setBounds(_ variable: Variable, lower: Double, upper: Double) {
        variables[variable.index].lower = lower
        variables[variable.index].upper = upper
    }

    /// The variable with the given name, if any (linear search).
    public func variable(named name: String) -> Variable? {
        variables.firstIndex { $0.name == name }.map(Variable.init(index:))
    }

    /// Number of non-zero coefficients in the constraint matrix.
    public var nonZeroCount: Int { constraints.reduce(0) { $0 + $1.expression.normalized().terms.count } }
}
