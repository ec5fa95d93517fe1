import Foundation

/// What the solver concluded. Infeasible and unbounded are answers, not errors.
public enum TerminationStatus: String, Sendable, Codable {
    /// Proven optimal (within the requested relative gap): use the solution.
    case optimal
    /// A feasible solution, not proven optimal (time limit or stop): use it, report the gap.
    case feasible
    /// No solution satisfies the constraints: relax the model or diagnose it.
    case infeasible
    /// The objective improves without limit (or, for a MIP whose relaxation is unbounded,
    /// the model may also be infeasible): a bound is missing.
    case unbounded
    /// Stopped (time limit or stop request) before any solution was found: allow more time.
    case noSolution

    /// A solution is available.
    public var hasSolution: Bool { self == .optimal || self == .feasible }
}

/// Why the solve ended.
public enum StopReason: String, Sendable, Codable {
    /// The algorithm finished.
    case completed
    /// Branch-and-cut reached the requested relative gap.
    case gapReached
    /// The time limit was hit.
    case timeLimit
    /// A stop request (``StopToken``) ended the search.
    case interrupted
}

/// The outcome of one solve.
public struct SolveResult: Sendable {
    public var status: TerminationStatus
    public var stopReason: StopReason
    /// Objective value of the solution, when there is one.
    public var objective: Double?
    /// Best proven bound on the optimum (a lower bound when minimising).
    public var bound: Double?
    /// Optimum of the LP relaxation at the root, when it was solved.
    public var lpRelaxation: Double?
    /// Variable values, by ``Variable/index``; empty when there is no solution.
    /// Integer variables are rounded to whole numbers.
    public var values: [Double]
    /// Wall-clock seconds.
    public var seconds: Double
    /// Whether the model had integer variables (branch-and-cut ran).
    public var isMIP: Bool
    /// Whether GLPK took ``SolveOptions/start`` as an incumbent (false without one).
    public var startAccepted = false
    /// Branch-and-bound nodes the search selected, the root included (0 for an LP): a measure
    /// of its work that, unlike seconds, does not depend on the machine.
    public var nodes = 0
    /// Row duals (shadow prices) of an LP's solution, by ``ConstraintRef/index``;
    /// empty for a MIP or without a solution. For a minimisation, a ≥ row's dual is
    /// at least 0 and a ≤ row's at most 0.
    public var duals: [Double] = []

    /// The dual of a constraint of an LP's solution.
    public func dual(_ c: ConstraintRef) -> Double { duals[c.index] }

    /// Relative gap |objective − bound| / max(|objective|, 1e-10), GLPK's definition; nil without both.
    public var gap: Double? {
        guard let o = objective, let b = bound else { return nil }
        return abs(o - b) / max(abs(o), 1e-10)
    }

    /// The value of a variable in the solution.
    public func value(_ v: Variable) -> Double { values[v.index] }

    /// The value of an expression in the solution.
    public func value(_ e: LinearExpression) -> Double { e.value(at: values) }
}

/// Progress of branch-and-cut, reported while it runs.
public struct SolveProgress: Sendable {
    public var incumbent: Double?
    public var bound: Double?
    public var seconds: Double

    public var gap: Double? {
        guard let o = incumbent, let b = bound else { return nil }
        return abs(o - b) / max(abs(o), 1e-10)
    }
}
