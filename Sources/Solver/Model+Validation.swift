extension Model {
    /// Every reason GLPK would refuse this model, so that it never reaches
    /// GLPK's fatal error handler: non-finite coefficients, crossed or NaN
    /// bounds, integer bounds with no integer between them, names GLPK rejects,
    /// variables of another model.
    ///
    /// - Returns: One message per problem; empty when the model is fine.
    public func validationProblems(limit: Int = 20) -> [String] {
        var problems: [String] = []
        func note(_ s: @autoclosure () -> String) { if problems.count < limit { problems.append(s()) } }
        func label(_ kind: String, _ i: Int, _ name: String) -> String {
            name.isEmpty ? "\(kind) \(i)" : "\(kind) '\(name)'"
        }
        if let p = Self.nameProblem(name) { note("model name: \(p)") }
        for (j, v) in variables.enumerated() {
            let l = label("variable", j, v.name)
            if v.lower.isNaN || v.upper.isNaN { note("\(l): bound is NaN") }
            if v.lower == .infinity || v.upper == -.infinity { note("\(l): bound is infinite on the wrong side") }
            if v.lower > v.upper { note("\(l): lower bound \(v.lower) exceeds upper bound \(v.upper)") }
            if v.kind != .continuous, v.lower.isFinite, v.upper.isFinite, v.lower.rounded(.up) > v.upper.rounded(.down) {
                note("\(l): no integer lies between \(v.lower) and \(v.upper)")
            }
            if let p = Self.nameProblem(v.name) { note("\(l): \(p)") }
        }
        let n = variables.count
        for (i, c) in constraints.enumerated() {
            let l = label("constraint", i, c.name)
            let (lo, up) = c.set.limits
            if lo.isNaN || up.isNaN { note("\(l): right-hand side is NaN") }
            if lo == .infinity || up == -.infinity { note("\(l): right-hand side is infinite on the wrong side") }
            if lo > up { note("\(l): lower limit \(lo) exceeds upper limit \(up)") }
            for t in c.expression.terms {
                if t.variable.index < 0 || t.variable.index >= n { note("\(l): refers to \(t.variable), not in this model") }
                if !t.coefficient.isFinite { note("\(l): coefficient \(t.coefficient) is not finite") }
            }
            for t in c.expression.terms where !Self.isScalable(t.coefficient) && t.variable.index >= 0 && t.variable.index < n {
                note(Self.coefficientMessage((l, variables[t.variable.index].name, t.coefficient)))
            }
            if let p = Self.nameProblem(c.name) { note("\(l): \(p)") }
        }
        for t in objective.terms {
            if t.variable.index < 0 || t.variable.index >= n { note("objective refers to \(t.variable), not in this model") }
            if !t.coefficient.isFinite { note("objective coefficient \(t.coefficient) is not finite") }
        }
        if !objective.constant.isFinite { note("objective constant is not finite") }
        return problems
    }

    /// GLPK allows names of at most 255 bytes, printable, without spaces in
    /// MPS files; we hold all names to that so any model can be written.
    static func nameProblem(_ name: String) -> String? {
        if name.utf8.count > 255 { return "name is longer than 255 bytes" }
        if name.utf8.contains(where: { $0 < 33 || $0 == 127 }) { return "name contains a space or control character" }
        return nil
    }
}
