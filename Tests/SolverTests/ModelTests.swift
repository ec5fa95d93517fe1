import Testing
@testable import Solver

@Suite struct LinearExpressionTests {
    @Test func normalizedMergesRepeatedVariablesAndDropsZeros() {
        var m = Model()
        let x = m.addVariable("x"), y = m.addVariable("y")
        let e = (2 * x + 3 * y - 2 * x + y + 5).normalized()
        #expect(e.terms == [Term(4, y)])
        #expect(e.constant == 5)
    }

    @Test func constraintConstantMovesIntoTheSet() {
        var m = Model()
        let x = m.addVariable("x")
        m.add(x + 3 <= 10.0, name: "c")
        #expect(m.constraints[0].set == .lessThan(7))
        #expect(m.constraints[0].expression.constant == 0)
    }

    @Test func binaryBoundsAreClampedToZeroOne() {
        var m = Model()
        let b = m.addVariable("b", lower: -5, upper: 9, kind: .binary)
        #expect(m.variables[b.index].lower == 0 && m.variables[b.index].upper == 1)
    }
}

@Suite struct ModelValidationTests {
    @Test func rejectsNaNBoundBeforeGLPKSeesIt() {
        var m = Model()
        m.addVariable("x", lower: .nan)
        #expect(throws: SolverError.self) { try GLPKSolver.solve(m) }
        #expect(m.validationProblems().first?.contains("NaN") == true)
    }

    @Test func rejectsCrossedBounds() {
        var m = Model()
        m.addVariable("x", lower: 3, upper: 1)
        #expect(m.validationProblems() == ["variable 'x': lower bound 3.0 exceeds upper bound 1.0"])
    }

    @Test func rejectsIntegerVariableWithNoIntegerInRange() {
        var m = Model()
        m.addVariable("n", lower: 0.2, upper: 0.8, kind: .integer)
        #expect(m.validationProblems().count == 1)
    }

    @Test func rejectsInfiniteCoefficient() {
        var m = Model()
        let x = m.addVariable("x")
        m.add(Double.infinity * x <= 1.0, name: "c")
        #expect(m.validationProblems() == ["constraint 'c': coefficient inf is not finite"])
    }

    @Test func rejectsVariableOfAnotherModel() {
        var m = Model()
        m.add(LinearExpression(Variable(index: 3)) <= 1.0, name: "c")
        #expect(m.validationProblems().count == 1)
    }

    @Test func rejectsNameWithSpace() {
        var m = Model()
        m.addVariable("a b")
        #expect(m.validationProblems() == ["variable 'a b': name contains a space or control character"])
    }

    @Test func rejectsNegativeTimeLimit() {
        #expect(throws: SolverError.self) { try GLPKSolver.solve(Model(), options: SolveOptions(timeLimit: -1)) }
    }
}
