/// A decision variable of a ``Model``, identified by its position.
///
/// Variables are only meaningful with the model that created them.
public struct Variable: Hashable, Sendable, CustomStringConvertible {
    /// Position in ``Model/variables`` (0-based).
    public let index: Int

    public init(index: Int) { self.index = index }

    public var description: String { "x\(index)" }
}

/// Whether a variable takes any real value or only whole numbers.
public enum VariableKind: String, Sendable, Codable {
    /// Any real value within the bounds.
    case continuous
    /// A whole number within the bounds.
    case integer
    /// 0 or 1 (an integer variable whose bounds are clamped to [0, 1]).
    case binary
}

/// Everything the model knows about one variable.
public struct VariableInfo: Sendable, Equatable {
    public var name: String
    /// Lower bound; `-.infinity` for none.
    public var lower: Double
    /// Upper bound; `.infinity` for none.
    public var upper: Double
    public var kind: VariableKind

    public init(name: String, lower: Double, upper: Double, kind: VariableKind) {
        self.name = name
        self.lower = lower
        self.upper = upper
        self.kind = kind
    }
}
