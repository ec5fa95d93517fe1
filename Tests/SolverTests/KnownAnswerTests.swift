import Testing
@testable import Solver

@Suite struct KnownAnswerTests {
    /// Hillier & Lieberman's Wyndor Glass: max 3x + 5y, x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18 → 36 at (2, 6).
    @Test func solvesTextbookLP() throws {
        var m = Model()
        let x = m.addVariable("doors"), y = m.addVariable("windows")
        m.add(LinearExpression(x) <= 4.0, name: "plant1")
        m.add(2 * y <= 12.0, name: "plant2")
        m.add(3 * x + 2 * y <= 18.0, name: "plant3")
        m.setObjective(.maximize, 3 * x + 5 * y)
        let r = try GLPKSolver.solve(m)
        #expect(r.status == .optimal)
        #expect(abs(r.objective! - 36) < 1e-9)
        #expect(abs(r.value(x) - 2) < 1e-9 && abs(r.value(y) - 6) < 1e-9)
        #expect(r.gap == 0)
    }

    /// 0/1 knapsack, capacity 14: best is a + b (value 19)? 5+7=12 → 19; b + c + d: 14 → 21. Optimum 21.
    @Test func solvesKnapsackMIP() throws {
        var m = Model()
        let w = [5.0, 7, 4, 3], v = [8.0, 11, 6, 4]
        let items = (0..<4).map { m.addBinary("item\($0)") }
        var weight = LinearExpression(), value = LinearExpression()
        for i in 0..<4 { weight.add(w[i], items[i]); value.add(v[i], items[i]) }
        m.add(weight <= 14.0, name: "capacity")
        m.setObjective(.maximize, value)
        let r = try GLPKSolver.solve(m)
        #expect(r.status == .optimal)
        #expect(r.objective == 21)
        #expect(r.values == [0, 1, 1, 1])
        #expect(r.bound == 21)
    }

    /// Ranged and equality rows: min x + 2y, 2 ≤ x + y ≤ 4, x − y = 1 → x = 1.5, y = 0.5, objective 2.5.
    @Test func solvesRangedAndEqualityConstraints() throws {
        var m = Model()
        let x = m.addVariable("x"), y = m.addVariable("y")
        m.add(x + y, between: 2, and: 4, name: "range")
        m.add(x - y == 1.0, name: "diff")
        m.setObjective(.minimize, x + 2 * y)
        let r = try GLPKSolver.solve(m)
        #expect(r.status == .optimal)
        #expect(abs(r.objective! - 2.5) < 1e-9)
    }

    /// Integer rounding matters: max x + y, 2x + 2y ≤ 7, integer → 3 (LP bound 3.5).
    @Test func integerOptimumDiffersFromLPRelaxation() throws {
        var m = Model()
        let x = m.addVariable("x", kind: .integer), y = m.addVariable("y", kind: .integer)
        m.add(2 * x + 2 * y <= 7.0, name: "c")
        m.setObjective(.maximize, x + y)
        let r = try GLPKSolver.solve(m)
        #expect(r.objective == 3)
        #expect(abs(r.lpRelaxation! - 3.5) < 1e-9)
    }

    @Test func objectiveConstantIsKept() throws {
        var m = Model()
        let x = m.addVariable("x", lower: 1, upper: 2)
        m.setObjective(.minimize, x + 10)
        let r = try GLPKSolver.solve(m)
        #expect(r.objective == 11)
    }

    @Test func emptyModelIsOptimalAtItsConstant() throws {
        var m = Model()
        m.setObjective(.minimize, LinearExpression(constant: 4))
        let r = try GLPKSolver.solve(m)
        #expect(r.status == .optimal)
        #expect(r.objective == 4)
        #expect(r.values.isEmpty)
    }

    @Test func reportsInfeasibleLP() throws {
        var m = Model()
        let x = m.addVariable("x")
        m.add(LinearExpression(x) >= 5.0, name: "low")
        m.add(LinearExpression(x) <= 3.0, name: "high")
        m.setObjective(.minimize, LinearExpression(x))
        let r = try GLPKSolver.solve(m)
        #expect(r.status == .infeasible)
        #expect(r.objective == nil && r.values.isEmpty)
    }

    @Test func reportsInfeasibleMIPWhoseRelaxationIsFeasible() throws {
        var m = Model()
        let x = m.addVariable("x", lower: 0, upper: 10, kind: .integer)
        m.add(2 * x == 3.0, name: "odd")
        m.setObjective(.minimize, LinearExpression(x))
        let r = try GLPKSolver.solve(m)
        #expect(r.status == .infeasible)
    }

    @Test(arguments: [true, false])
    func reportsUnboundedLP(presolve: Bool) throws {
        var m = Model()
        let x = m.addVariable("x"), y = m.addVariable("y")
        m.add(x - y <= 1.0, name: "c")
        m.setObjective(.maximize, x + y)
        let r = try GLPKSolver.solve(m, options: SolveOptions(presolve: presolve))
        #expect(r.status == .unbounded)
    }

    @Test func reportsUnboundedMIP() throws {
        var m = Model()
        let x = m.addVariable("x", kind: .integer)
        m.setObjective(.maximize, LinearExpression(x))
        let r = try GLPKSolver.solve(m)
        #expect(r.status == .unbounded)
    }

    /// Every MIPLIB 3 instance shipped is solved to its published optimum, and the solution is feasible.
    @Test(arguments: ["egout", "flugpl", "misc03", "p0201", "bell5", "rgn"])
    func reachesPublishedOptimum(instance: String) throws {
        let optimum = try #require(Paths.publishedOptima().first { $0.name == instance }?.optimum)
        let model = try Model.read(from: Paths.miplib(instance))
        let r = try GLPKSolver.solve(model)
        #expect(r.status == .optimal)
        #expect(relativeDifference(try #require(r.objective), optimum) < 1e-6)
        #expect(relativeDifference(try #require(r.bound), optimum) < 1e-6)
        #expect(model.feasibilityReport(values: r.values).isEmpty)
    }
}
