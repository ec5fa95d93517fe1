// Every raw glp_* and hp_* call of HubPlan lives in this file. Nothing here
// is public; the rest of the module sees Swift values only.
import CGLPK
import Foundation
import GLPKShim

/// A GLPK problem object, valid only on the thread that made it and only
/// inside ``GLPK/withProblem(_:)``.
struct GLPKProblem {
    let pointer: OpaquePointer
}

enum GLPK {
    /// Creates a problem, runs `body` with it and frees it, even when `body` throws.
    ///
    /// GLPK keeps one environment per thread, so the problem never leaves this
    /// call (and this call never suspends). After a fatal GLPK error the
    /// environment, and the problem with it, is already gone; the generation
    /// counter tells `hp_delete` not to free it twice.
    static func withProblem<R>(_ body: (GLPKProblem) throws -> R) throws -> R {
        var message = hp_message()
        var raw: OpaquePointer?
        let code = hp_create(&raw, &message)
        guard code == Int32(HP_OK), let raw else { throw SolverError.glpkFatal(text(message)) }
        let generation = hp_generation()
        defer { hp_delete(raw, generation) }
        return try body(GLPKProblem(pointer: raw))
    }

    /// Loads a validated model into a problem.
    static func load(_ model: Model, into problem: GLPKProblem) throws {
        let n = model.variables.count, m = model.constraints.count
        var colType = [Int32](), colLower = [Double](), colUpper = [Double](), colKind = [Int32]()
        colType.reserveCapacity(n); colLower.reserveCapacity(n); colUpper.reserveCapacity(n); colKind.reserveCapacity(n)
        for v in model.variables {
            let (t, l, u) = boundsType(v.lower, v.upper, integer: v.kind != .continuous)
            colType.append(t); colLower.append(l); colUpper.append(u)
            colKind.append(v.kind == .continuous ? Int32(GLP_CV) : Int32(GLP_IV))
        }
        var objective = [Double](repeating: 0, count: n)
        for t in model.objective.terms { objective[t.variable.index] += t.coefficient }

        var rowType = [Int32](), rowLower = [Double](), rowUpper = [Double]()
        var ia: [Int32] = [0], ja: [Int32] = [0], ar: [Double] = [0]
        for (i, c) in model.constraints.enumerated() {
            let (lo, up) = c.set.limits
            let (t, l, u) = boundsType(lo, up, integer: false)
            rowType.append(t); rowLower.append(l); rowUpper.append(u)
            for term in c.expression.normalized().terms {
                ia.append(Int32(i + 1)); ja.append(Int32(term.variable.index + 1)); ar.append(term.coefficient)
            }
        }
        let colNames = packNames(model.variables.map(\.name))
        let rowNames = packNames(model.constraints.map(\.name))
        var message = hp_message()
        let code: Int32 = model.name.withCString { name in
            objective.withUnsafeBufferPointer { obj in
            colType.withUnsafeBufferPointer { ct in
            colLower.withUnsafeBufferPointer { cl in
            colUpper.withUnsafeBufferPointer { cu in
            colKind.withUnsafeBufferPointer { ck in
            colNames.withUnsafeBufferPointer { cn in
            rowType.withUnsafeBufferPointer { rt in
            rowLower.withUnsafeBufferPointer { rl in
            rowUpper.withUnsafeBufferPointer { ru in
            rowNames.withUnsafeBufferPointer { rn in
            ia.withUnsafeBufferPointer { pia in
            ja.withUnsafeBufferPointer { pja in
            ar.withUnsafeBufferPointer { par in
                var spec = hp_model(
                    nrows: Int32(m), ncols: Int32(n),
                    sense: model.sense == .minimize ? Int32(GLP_MIN) : Int32(GLP_MAX),
                    obj_const: model.objective.constant, name: name,
                    obj: obj.baseAddress, col_type: ct.baseAddress, col_lb: cl.baseAddress, col_ub: cu.baseAddress,
                    col_kind: ck.baseAddress, col_names: cn.baseAddress,
                    row_type: rt.baseAddress, row_lb: rl.baseAddress, row_ub: ru.baseAddress,
                    row_names: rn.baseAddress,
                    nnz: Int32(ia.count - 1), ia: pia.baseAddress, ja: pja.baseAddress, ar: par.baseAddress)
                return hp_load(problem.pointer, &spec, &message)
            }}}}}}}}}}}}}
        }
        if code != Int32(HP_OK) { throw SolverError.glpkFatal(text(message)) }
    }

    /// Raw outcome of simplex and branch-and-cut.
    struct Outcome {
        var lpReturn: Int32
        var lpStatus: Int32
        var lpObjective: Double
        var mipRan: Bool
        var mipReturn: Int32
        var mipStatus: Int32
        var mipObjective: Double
        var treeBound: Double?
        var stopped: Bool
        var startAccepted: Bool
        var laterGapReached = false
        var nodes = 0
    }

    /// Solves the loaded problem; progress (if any) is called on this thread.
    static func solve(_ problem: GLPKProblem, isMIP: Bool, options: SolveOptions,
                      stop: StopToken?, progress: ((Double?, Double?) -> Void)?) throws -> Outcome {
        final class ProgressBox {
            let report: (Double?, Double?) -> Void
            init(_ report: @escaping (Double?, Double?) -> Void) { self.report = report }
        }
        let box = progress.map(ProgressBox.init)
        let callback: hp_progress_fn = { ctx, incumbent, hasIncumbent, bound, hasBound in
            guard let ctx else { return }
            let box = Unmanaged<ProgressBox>.fromOpaque(ctx).takeUnretainedValue()
            // Before the root LP, GLPK's best node bound is -DBL_MAX: no bound yet.
            box.report(hasIncumbent != 0 ? incumbent : nil, hasBound != 0 && abs(bound) < 1e300 ? bound : nil)
        }
        var params = hp_params()
        params.msg_lev = messageLevel(options.messageLevel)
        params.echo = options.messageLevel == .off ? 0 : 1
        params.time_limit_ms = options.timeLimit.map { Int32(min(max($0 * 1000, 1), Double(Int32.max))) } ?? 0
        params.mip_gap = options.relativeGap
        params.presolve = options.presolve ? 1 : 0
        params.dantzig_pricing = options.pricing == .dantzig ? 1 : 0
        params.fp_heur = options.feasibilityPump ? 1 : 0
        params.ps_heur = options.proximitySearch ? 1 : 0
        params.gmi_cuts = options.cuts.contains(.gomory) ? 1 : 0
        params.mir_cuts = options.cuts.contains(.mir) ? 1 : 0
        params.cov_cuts = options.cuts.contains(.cover) ? 1 : 0
        params.clq_cuts = options.cuts.contains(.clique) ? 1 : 0
        params.is_mip = isMIP ? 1 : 0
        if let later = options.laterGap {
            params.late_gap = later.gap
            params.late_after_nodes = Int32(min(max(later.afterNodes, 1), Int(Int32.max)))
        }
        if let box {
            params.progress = callback
            params.progress_ctx = Unmanaged.passUnretained(box).toOpaque()
        }
        params.stop_flag = stop?.flag
        var result = hp_result()
        var message = hp_message()
        let start: [Double]? = options.start.map { [0] + $0 }  // GLPK counts columns from 1
        let code = withExtendedLifetime(box) {
            start.withUnsafeBufferPointerIfPresent { pointer in
                params.start = pointer
                return hp_solve(problem.pointer, &params, &result, &message)
            }
        }
        if code != Int32(HP_OK) { throw SolverError.glpkFatal(text(message)) }
        return Outcome(lpReturn: result.lp_ret, lpStatus: result.lp_status, lpObjective: result.lp_obj,
                       mipRan: result.mip_ran != 0, mipReturn: result.mip_ret, mipStatus: result.mip_status,
                       mipObjective: result.mip_obj, treeBound: result.has_bound != 0 && abs(result.bound) < 1e300 ? result.bound : nil,
                       stopped: result.stopped != 0, startAccepted: result.start_accepted != 0,
                       laterGapReached: result.late_gap_reached != 0, nodes: Int(result.nodes))
    }

    /// Column values of the last solution (MIP or LP).
    static func values(_ problem: GLPKProblem, mip: Bool) -> [Double] {
        let n = Int(glp_get_num_cols(problem.pointer))
        return (1...max(n, 1)).prefix(n).map { j in
            mip ? glp_mip_col_val(problem.pointer, Int32(j)) : glp_get_col_prim(problem.pointer, Int32(j))
        }
    }

    /// Row duals of the last LP solution, one per constraint in model order.
    static func rowDuals(_ problem: GLPKProblem) -> [Double] {
        let m = Int(glp_get_num_rows(problem.pointer))
        return (1...max(m, 1)).prefix(m).map { glp_get_row_dual(problem.pointer, Int32($0)) }
    }

    // MARK: Files

    static func read(_ problem: GLPKProblem, format: ModelFileFormat, path: String) throws -> (ok: Bool, message: String) {
        var message = hp_message()
        let code = hp_read(problem.pointer, format.glpkCode, path, &message)
        if code == Int32(HP_FATAL) { throw SolverError.glpkFatal(text(message)) }
        return (code == Int32(HP_OK), text(message))
    }

    static func write(_ problem: GLPKProblem, format: ModelFileFormat, path: String) throws -> (ok: Bool, message: String) {
        var message = hp_message()
        let code = hp_write(problem.pointer, format.glpkCode, path, &message)
        if code == Int32(HP_FATAL) { throw SolverError.glpkFatal(text(message)) }
        return (code == Int32(HP_OK), text(message))
    }

    /// Reads a problem object back into a ``Model``.
    static func model(from problem: GLPKProblem) -> Model {
        let P = problem.pointer
        var model = Model(name: glp_get_prob_name(P).map { String(cString: $0) } ?? "model")
        let n = Int(glp_get_num_cols(P)), m = Int(glp_get_num_rows(P))
        for j in 1...max(n, 1) where j <= n {
            let name = glp_get_col_name(P, Int32(j)).map { String(cString: $0) } ?? ""
            let (lo, up) = limits(glp_get_col_type(P, Int32(j)), glp_get_col_lb(P, Int32(j)), glp_get_col_ub(P, Int32(j)))
            let kind: VariableKind
            switch glp_get_col_kind(P, Int32(j)) {
            case Int32(GLP_BV): kind = .binary
            case Int32(GLP_IV): kind = .integer
            default: kind = .continuous
            }
            model.addVariable(name, lower: lo, upper: up, kind: kind)
        }
        var objective = LinearExpression(constant: glp_get_obj_coef(P, 0))
        for j in 1...max(n, 1) where j <= n {
            let c = glp_get_obj_coef(P, Int32(j))
            if c != 0 { objective.add(c, Variable(index: j - 1)) }
        }
        model.setObjective(glp_get_obj_dir(P) == Int32(GLP_MAX) ? .maximize : .minimize, objective)
        var indices = [Int32](repeating: 0, count: n + 1)
        var values = [Double](repeating: 0, count: n + 1)
        for i in 1...max(m, 1) where i <= m {
            let len = Int(glp_get_mat_row(P, Int32(i), &indices, &values))
            var e = LinearExpression()
            for k in 1...max(len, 1) where k <= len { e.add(values[k], Variable(index: Int(indices[k]) - 1)) }
            // A free row constrains nothing (MPS keeps extra N rows as such); drop it, as glpsol does.
            if glp_get_row_type(P, Int32(i)) == Int32(GLP_FR) { continue }
            let (lo, up) = limits(glp_get_row_type(P, Int32(i)), glp_get_row_lb(P, Int32(i)), glp_get_row_ub(P, Int32(i)))
            let name = glp_get_row_name(P, Int32(i)).map { String(cString: $0) } ?? ""
            model.add(ConstraintSpec(e, lo == up ? .equalTo(lo) : .interval(lo, up)), name: name)
        }
        return model
    }

    /// Makes GLPK raise a fatal error on purpose (tests).
    static func provokeFatalError() throws {
        var message = hp_message()
        if hp_provoke_fatal(&message) == Int32(HP_FATAL) { throw SolverError.glpkFatal(text(message)) }
    }

    // MARK: Code tables (C codes become Swift values here)

    static let lpReturnTimeLimit = Int32(GLP_ETMLIM)
    static let lpReturnNoPrimal = Int32(GLP_ENOPFS)
    static let lpReturnNoDual = Int32(GLP_ENODFS)
    static let mipReturnGap = Int32(GLP_EMIPGAP)
    static let mipReturnStop = Int32(GLP_ESTOP)

    enum SolutionState { case optimal, feasible, infeasible, noFeasible, unbounded, undefined }

    static func state(_ code: Int32) -> SolutionState {
        switch code {
        case Int32(GLP_OPT): .optimal
        case Int32(GLP_FEAS): .feasible
        case Int32(GLP_INFEAS): .infeasible
        case Int32(GLP_NOFEAS): .noFeasible
        case Int32(GLP_UNBND): .unbounded
        default: .undefined
        }
    }

    static func returnCodeName(_ code: Int32) -> String {
        switch code {
        case 0: "ok"
        case Int32(GLP_EBADB): "invalid initial basis"
        case Int32(GLP_ESING): "singular basis matrix"
        case Int32(GLP_ECOND): "ill-conditioned basis matrix"
        case Int32(GLP_EBOUND): "incorrect bounds"
        case Int32(GLP_EFAIL): "solver failure (numerical difficulties)"
        case Int32(GLP_EOBJLL): "objective lower limit reached"
        case Int32(GLP_EOBJUL): "objective upper limit reached"
        case Int32(GLP_EITLIM): "iteration limit exceeded"
        case Int32(GLP_ETMLIM): "time limit exceeded"
        case Int32(GLP_ENOPFS): "no primal feasible solution"
        case Int32(GLP_ENODFS): "no dual feasible solution"
        case Int32(GLP_EROOT): "root LP optimum not provided"
        case Int32(GLP_ESTOP): "search stopped"
        case Int32(GLP_EMIPGAP): "relative MIP gap reached"
        case Int32(GLP_ENOFEAS): "no primal/dual feasible solution"
        case Int32(GLP_ENOCVG): "no convergence"
        case Int32(GLP_EINSTAB): "numerical instability"
        case Int32(GLP_EDATA): "invalid data"
        case Int32(GLP_ERANGE): "result out of range"
        default: "GLPK return code \(code)"
        }
    }

    // MARK: Helpers

    private static func messageLevel(_ level: MessageLevel) -> Int32 {
        switch level {
        case .off: Int32(GLP_MSG_OFF)
        case .errors: Int32(GLP_MSG_ERR)
        case .normal: Int32(GLP_MSG_ON)
        case .all: Int32(GLP_MSG_ALL)
        }
    }

    /// GLPK's bound type for limits; integer bounds are rounded inwards.
    private static func boundsType(_ lower: Double, _ upper: Double, integer: Bool) -> (Int32, Double, Double) {
        var l = lower, u = upper
        if integer {
            if l.isFinite { l = (l - 1e-9).rounded(.up) }
            if u.isFinite { u = (u + 1e-9).rounded(.down) }
        }
        switch (l.isFinite, u.isFinite) {
        case (false, false): return (Int32(GLP_FR), 0, 0)
        case (true, false): return (Int32(GLP_LO), l, 0)
        case (false, true): return (Int32(GLP_UP), 0, u)
        case (true, true): return (l == u ? Int32(GLP_FX) : Int32(GLP_DB), l, u)
        }
    }

    private static func limits(_ type: Int32, _ lb: Double, _ ub: Double) -> (Double, Double) {
        switch type {
        case Int32(GLP_FR): (-.infinity, .infinity)
        case Int32(GLP_LO): (lb, .infinity)
        case Int32(GLP_UP): (-.infinity, ub)
        case Int32(GLP_FX): (lb, lb)
        default: (lb, ub)
        }
    }

    /// Names back to back, each NUL-terminated, as hp_load reads them.
    private static func packNames(_ names: [String]) -> [CChar] {
        var out = [CChar]()
        for name in names {
            out.append(contentsOf: name.utf8.map { CChar(bitPattern: $0) })
            out.append(0)
        }
        return out.isEmpty ? [0] : out
    }

    private static func text(_ message: hp_message) -> String {
        withUnsafeBytes(of: message.text) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}

extension ModelFileFormat {
    fileprivate var glpkCode: Int32 {
        switch self {
        case .fixedMPS: 0
        case .freeMPS: 1
        case .cplexLP: 2
        }
    }
}

private extension Optional where Wrapped == [Double] {
    /// Calls `body` with the array's base address, or nil when there is no array.
    func withUnsafeBufferPointerIfPresent<R>(_ body: (UnsafePointer<Double>?) -> R) -> R {
        guard let array = self else { return body(nil) }
        return array.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
