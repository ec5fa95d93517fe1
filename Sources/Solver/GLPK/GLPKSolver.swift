import Foundation

/// Solves ``Model``s with GLPK: simplex for LPs, then branch-and-cut for MIPs.
///
/// Each call creates, solves and frees its GLPK problem on the calling thread
/// without suspending, so calls on different threads run concurrently.
public enum GLPKSolver {
    /// Solves a model.
    ///
    /// - Parameters:
    ///   - model: The model; checked with ``Model/validationProblems(limit:)`` first.
    ///   - options: Limits, gap, presolve, heuristics, cuts, messages.
    ///   - stop: Set it from another thread to end branch-and-cut early.
    ///   - progress: Called on this thread while branch-and-cut runs (keep it quick).
    /// - Returns: Status, objective, bound, gap, values and seconds.
    /// - Throws: ``SolverError/invalidModel(_:)`` before GLPK sees a bad model;
    ///   ``SolverError/glpkFatal(_:)`` or ``SolverError/solveFailed(_:)`` when GLPK fails.
    public static func solve(_ model: Model, options: SolveOptions = SolveOptions(), stop: StopToken? = nil,
                             progress: (@Sendable (SolveProgress) -> Void)? = nil) throws -> SolveResult {
        var problems = model.validationProblems() + options.problems
        if let start = options.start {
            if start.count != model.variables.count {
                problems.append("start has \(start.count) value(s) for \(model.variables.count) variable(s)")
            } else if !start.allSatisfy(\.isFinite) {
                problems.append("start has a value that is not a finite number")
            }
        }
        if !problems.isEmpty { throw SolverError.invalidModel(problems) }
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        let isMIP = model.isMIP
        return try GLPK.withProblem { problem in
            try GLPK.load(model, into: problem)
            let report: ((Double?, Double?) -> Void)? = progress.map { p in
                { incumbent, bound in p(SolveProgress(incumbent: incumbent, bound: bound, seconds: elapsed())) }
            }
            let outcome = try GLPK.solve(problem, isMIP: isMIP, options: options, stop: stop, progress: report)
            var result = try interpret(outcome, model: model, isMIP: isMIP)
            result.startAccepted = outcome.startAccepted
            result.nodes = outcome.nodes
            if result.status.hasSolution {
                result.values = GLPK.values(problem, mip: isMIP)
                if !isMIP { result.duals = GLPK.rowDuals(problem) }
                for (j, v) in model.variables.enumerated() where v.kind != .continuous {
                    result.values[j] = result.values[j].rounded()
                }
                if isMIP {
                    // Recompute from the rounded values; a finished search proves it.
                    result.objective = result.value(model.objective)
                    if result.status == .optimal && result.stopReason == .completed { result.bound = result.objective }
                }
            }
            result.seconds = elapsed()
            return result
        }
    }

    /// Turns GLPK's codes into a status, a stop reason, an objective and a bound.
    static func interpret(_ o: GLPK.Outcome, model: Model, isMIP: Bool) throws -> SolveResult {
        var r = SolveResult(status: .noSolution, stopReason: .completed, objective: nil, bound: nil,
                            lpRelaxation: nil, values: [], seconds: 0, isMIP: isMIP)
        let lpState = GLPK.state(o.lpStatus)
        if lpState == .optimal { r.lpRelaxation = o.lpObjective }
        switch o.lpReturn {
        case 0: break
        case GLPK.lpReturnTimeLimit:
            r.stopReason = .timeLimit
            if !isMIP && lpState == .feasible { r.status = .feasible; r.objective = o.lpObjective }
            return r
        case GLPK.lpReturnNoPrimal:
            r.status = .infeasible
            return r
        default:
            if lpState == .undefined { throw SolverError.solveFailed("LP relaxation: " + GLPK.returnCodeName(o.lpReturn)) }
        }
        switch lpState {
        case .noFeasible, .infeasible: r.status = .infeasible; return r
        case .unbounded: r.status = .unbounded; return r
        case .optimal: break
        case .feasible, .undefined:
            throw SolverError.solveFailed("LP relaxation ended without an optimum (" + GLPK.returnCodeName(o.lpReturn) + ")")
        }
        if !isMIP {
            r.status = .optimal
            r.objective = o.lpObjective
            r.bound = o.lpObjective
            return r
        }
        let mipState = GLPK.state(o.mipStatus)
        let hasIncumbent = mipState == .optimal || mipState == .feasible
        switch o.mipReturn {
        case 0:
            if mipState == .noFeasible { r.status = .infeasible; return r }
            r.status = hasIncumbent ? .optimal : .noSolution
        case GLPK.mipReturnGap:
            r.status = .optimal; r.stopReason = .gapReached
        case GLPK.lpReturnTimeLimit:
            r.status = hasIncumbent ? .feasible : .noSolution; r.stopReason = .timeLimit
        case GLPK.mipReturnStop where o.laterGapReached:
            r.status = .optimal; r.stopReason = .gapReached
        case GLPK.mipReturnStop:
            r.status = hasIncumbent ? .feasible : .noSolution; r.stopReason = .interrupted
        case GLPK.lpReturnNoPrimal:
            r.status = .infeasible; return r
        case GLPK.lpReturnNoDual:
            r.status = .unbounded; return r
        default:
            throw SolverError.solveFailed("branch-and-cut: " + GLPK.returnCodeName(o.mipReturn))
        }
        if hasIncumbent { r.objective = o.mipObjective }
        r.bound = bestBound(outcome: o, result: r, sense: model.sense)
        return r
    }

    /// The best valid bound: the objective itself when the tree was exhausted,
    /// otherwise the better of the root LP value and the best open node's bound.
    static func bestBound(outcome o: GLPK.Outcome, result r: SolveResult, sense: ObjectiveSense) -> Double? {
        if r.status == .optimal && r.stopReason == .completed { return r.objective }
        let candidates = [r.lpRelaxation, o.treeBound].compactMap { $0 }
        guard !candidates.isEmpty else { return nil }
        var b = sense == .minimize ? candidates.max()! : candidates.min()!
        // A bound can never be better than a known solution.
        if let obj = r.objective { b = sense == .minimize ? min(b, obj) : max(b, obj) }
        return b
    }
}
