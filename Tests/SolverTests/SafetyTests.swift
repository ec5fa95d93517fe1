import Dispatch
import Foundation
import Testing
@testable import Solver

@Suite struct GLPKGuardTests {
    /// GLPK's error handler would abort(); the shim turns it into a Swift error,
    /// and the thread can solve again afterwards.
    @Test func fatalGLPKErrorBecomesSwiftErrorAndThreadRecovers() throws {
        let error = #expect(throws: SolverError.self) { try GLPK.provokeFatalError() }
        guard case .glpkFatal(let message)? = error else { Issue.record("wrong error"); return }
        #expect(message.contains("glp_set_col_bnds"))
        var m = Model()
        let x = m.addVariable("x", lower: 1, upper: 5)
        m.setObjective(.maximize, LinearExpression(x))
        #expect(try GLPKSolver.solve(m).objective == 5)
    }
}

@Suite struct ConcurrencyTests {
    /// The same instances solved on several threads at once give the serial answers.
    @Test func concurrentSolvesMatchSerialOnes() throws {
        let names = ["egout", "flugpl", "misc03", "p0201", "rgn", "flugpl", "egout", "misc03"]
        let models = try names.map { try Model.read(from: Paths.miplib($0)) }
        let serial = try models.map { try GLPKSolver.solve($0).objective }
        let results = ResultBox(count: models.count)
        DispatchQueue.concurrentPerform(iterations: models.count) { i in
            results.set(i, (try? GLPKSolver.solve(models[i]))?.objective)
        }
        #expect(results.values == serial)
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Double?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: Double?) { lock.lock(); storage[i] = v; lock.unlock() }
    var values: [Double?] { lock.lock(); defer { lock.unlock() }; return storage }
}

@Suite struct LimitTests {
    /// A market-split instance GLPK cannot prove in a second: the limit stops it with
    /// the incumbent found so far, which is feasible, and a valid bound.
    @Test func timeLimitReturnsFeasibleIncumbent() throws {
        let m = marketSplit(rows: 4, columns: 40, seed: 7)
        let r = try GLPKSolver.solve(m, options: SolveOptions(timeLimit: 1))
        #expect(r.stopReason == .timeLimit)
        #expect(r.status == .feasible)
        #expect(r.seconds < 10)
        #expect(m.feasibilityReport(values: r.values).isEmpty)
        #expect(try #require(r.bound) <= (try #require(r.objective)) + 1e-9)
    }

    /// misc03 (optimum 3360) needs hundreds of nodes to prove: a later gap of 50% from the
    /// start ends the search at the first node with an incumbent that close, called within
    /// the gap, with a valid bound; a later gap that never comes changes nothing. Counted in
    /// nodes, the same search ends at the same node every time.
    @Test func laterGapEndsTheSearchOnceItsNodesHaveCome() throws {
        let model = try Model.read(from: Paths.miplib("misc03"))
        var options = SolveOptions()
        options.laterGap = SolveOptions.LaterGap(gap: 0.5, afterNodes: 0)
        let early = try GLPKSolver.solve(model, options: options)
        #expect(early.stopReason == .gapReached)
        #expect(early.status == .optimal)
        #expect(try #require(early.gap) <= 0.5)
        #expect(try #require(early.bound) <= 3360 + 1e-6)
        #expect(model.feasibilityReport(values: early.values).isEmpty)
        options.laterGap = SolveOptions.LaterGap(gap: 0.5, afterNodes: 50)
        let later = try GLPKSolver.solve(model, options: options)
        let again = try GLPKSolver.solve(model, options: options)
        #expect(later.stopReason == .gapReached)
        #expect(later.nodes == 51)
        #expect(again.nodes == later.nodes && again.objective == later.objective && again.bound == later.bound)
        options.laterGap = SolveOptions.LaterGap(gap: 0.5, afterNodes: 1_000_000)
        let full = try GLPKSolver.solve(model, options: options)
        #expect(full.stopReason == .completed)
        #expect(relativeDifference(try #require(full.objective), 3360) < 1e-6)
        #expect(early.nodes < later.nodes && later.nodes < full.nodes)
    }

    @Test func aLaterGapMustBeANumber() throws {
        for later in [SolveOptions.LaterGap(gap: -1, afterNodes: 0), SolveOptions.LaterGap(gap: .nan, afterNodes: 0),
                      SolveOptions.LaterGap(gap: 0.1, afterNodes: -1)] {
            var options = SolveOptions()
            options.laterGap = later
            #expect(throws: SolverError.self) { try GLPKSolver.solve(marketSplit(rows: 1, columns: 3, seed: 1), options: options) }
        }
    }

    @Test func stopTokenEndsSearchWithIncumbent() throws {
        let m = marketSplit(rows: 4, columns: 40, seed: 11)
        let token = StopToken()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { token.stop() }
        let r = try GLPKSolver.solve(m, stop: token)
        #expect(r.stopReason == .interrupted)
        #expect(r.status == .feasible)
        #expect(m.feasibilityReport(values: r.values).isEmpty)
    }

    @Test func progressReportsIncumbentsAndBounds() throws {
        let m = marketSplit(rows: 3, columns: 30, seed: 3)
        let seen = ResultBox(count: 2)
        let r = try GLPKSolver.solve(m, options: SolveOptions(timeLimit: 1)) { p in
            if let i = p.incumbent { seen.set(0, i) }
            if let b = p.bound { seen.set(1, b) }
        }
        #expect(seen.values[0] != nil)
        #expect(seen.values[1] != nil)
        #expect(r.objective! <= seen.values[0]! + 1e-9)
    }

    @Test func relativeGapStopsEarlyWithGapWithinTolerance() throws {
        let m = try Model.read(from: Paths.miplib("bell5"))
        let r = try GLPKSolver.solve(m, options: SolveOptions(relativeGap: 0.05))
        #expect(r.status == .optimal)
        #expect(try #require(r.gap) <= 0.05 + 1e-9)
    }
}

@Suite struct StartTests {
    /// A knapsack with a start that is feasible but poor: GLPK takes it as its first
    /// incumbent, then improves on it to the optimum.
    @Test func aFeasibleStartIsTakenAndImprovedOn() throws {
        var m = Model(name: "knapsack")
        let weights = [12.0, 7, 11, 8, 9, 6, 14, 5]
        let values = [24.0, 13, 23, 15, 16, 11, 29, 8]
        let x = weights.indices.map { m.addBinary("x\($0)") }
        var load = LinearExpression(), worth = LinearExpression()
        for i in weights.indices { load.add(weights[i], x[i]); worth.add(values[i], x[i]) }
        m.add(load <= 26, name: "capacity")
        m.setObjective(.maximize, worth)
        var start = Array(repeating: 0.0, count: m.variables.count)
        start[x[7].index] = 1  // only the least valuable item: worth 8
        let r = try GLPKSolver.solve(m, options: SolveOptions(start: start))
        #expect(r.startAccepted)
        #expect(r.status == .optimal)
        // The optimum by enumerating all 256 subsets.
        let best = (0..<256).compactMap { mask -> Double? in
            let chosen = weights.indices.filter { mask & (1 << $0) != 0 }
            return chosen.reduce(0) { $0 + weights[$1] } <= 26 ? chosen.reduce(0) { $0 + values[$1] } : nil
        }.max()
        #expect(r.objective == best)
    }

    @Test func aStartOfTheWrongLengthIsRejectedBeforeGLPKSeesIt() {
        var m = Model(name: "m")
        _ = m.addBinary("x")
        #expect(throws: SolverError.self) { try GLPKSolver.solve(m, options: SolveOptions(start: [1, 0])) }
    }
}
