import Solver

/// Greedy starts led by an LP relaxation: a candidate the LP gives more of comes first.
enum LPLead {
    /// A sort key, smaller first: minus the variable's LP value to a thousandth (so near-equal
    /// values tie and the next key, usually cost, decides), or 0 without an LP.
    static func rank(_ lp: [Double]?, _ v: Variable) -> Double {
        lp.map { -(($0[v.index] * 1000).rounded()) } ?? 0
    }
}
