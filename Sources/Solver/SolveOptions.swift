/// How much GLPK prints while it works (to standard error).
public enum MessageLevel: String, Sendable, Codable, CaseIterable {
    /// Nothing.
    case off
    /// Errors and warnings only.
    case errors
    /// Normal progress lines.
    case normal
    /// Everything GLPK can say.
    case all
}

/// Cutting-plane families GLPK's branch-and-cut can add.
public enum CutKind: String, Sendable, Codable, CaseIterable {
    case gomory, mir, cover, clique
}

/// How the primal simplex picks the column to enter the basis in the first LP (branch-and-cut's
/// own LPs keep GLPK's default).
public enum Pricing: String, Sendable, Codable, CaseIterable {
    /// Projected steepest edge, GLPK's default: fewer, dearer iterations.
    case steepestEdge
    /// The most negative reduced cost (Dantzig's rule): on the joint bound's LP, whose
    /// iterations are many and cheap, about 1.6 times faster (benchmarks/README.md).
    case dantzig
}

/// Settings for one solve.
public struct SolveOptions: Sendable, Equatable {
    /// Wall-clock limit in seconds for the whole solve (LP and branch-and-cut); nil for none.
    public var timeLimit: Double?
    /// Stop branch-and-cut once |incumbent − bound| / |incumbent| is at most this.
    public var relativeGap: Double
    /// Use GLPK's LP and MIP presolvers.
    public var presolve: Bool
    /// Run the feasibility pump heuristic at the root.
    public var feasibilityPump: Bool
    /// Run proximity search to improve incumbents.
    public var proximitySearch: Bool
    /// Cut families to generate.
    public var cuts: Set<CutKind>
    public var messageLevel: MessageLevel
    /// A feasible point (a value per variable, by index) that GLPK takes as its first
    /// incumbent, so that a time limit always ends with a solution. Giving one turns
    /// GLPK's MIP presolver off: it would replace the columns the point is in.
    public var start: [Double]?
    /// A wider gap that also ends branch-and-cut once the search has gone this far: for a
    /// model whose last fraction of a percent can cost many times what the rest did.
    public var laterGap: LaterGap?
    /// The first LP's pricing rule.
    public var pricing: Pricing = .steepestEdge

    public struct LaterGap: Sendable, Equatable {
        /// Relative gap, as ``SolveOptions/relativeGap``.
        public var gap: Double
        /// Branch-and-bound nodes from the start of the search. Nodes, not seconds: the
        /// same model then ends at the same answer on an idle machine and a busy one.
        public var afterNodes: Int
        public init(gap: Double, afterNodes: Int) {
            self.gap = gap
            self.afterNodes = afterNodes
        }
    }

    public init(timeLimit: Double? = nil, relativeGap: Double = 0, presolve: Bool = true,
                feasibilityPump: Bool = false, proximitySearch: Bool = false,
                cuts: Set<CutKind> = [], messageLevel: MessageLevel = .off, start: [Double]? = nil) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.presolve = presolve
        self.feasibilityPump = feasibilityPump
        self.proximitySearch = proximitySearch
        self.cuts = cuts
        self.messageLevel = messageLevel
        self.start = start
    }

    /// Problems with the options themselves (negative limits, NaN).
    public var problems: [String] {
        var p: [String] = []
        if let t = timeLimit, !(t > 0) || !t.isFinite { p.append("time limit must be a positive number of seconds, got \(t)") }
        if !(relativeGap >= 0) || !relativeGap.isFinite { p.append("relative gap must be a non-negative fraction, got \(relativeGap)") }
        if let l = laterGap, !(l.gap >= 0) || !l.gap.isFinite || l.afterNodes < 0 {
            p.append("a later gap needs a non-negative fraction and node count, got \(l.gap) after \(l.afterNodes) nodes")
        }
        return p
    }
}
