import Foundation
import Testing
@testable import Solver

/// GLPK's scaling cannot handle coefficients near the ends of Double's range
/// (it stops with "invalid scale factor"); they are refused before GLPK sees them.
@Suite struct CoefficientRangeTests {
    func model(coefficient: Double) -> Model {
        var m = Model()
        let x = m.addVariable("x", upper: 10), y = m.addVariable("y", upper: 10)
        m.add(coefficient * x + 1 * y, between: 1, and: .infinity, name: "c1")
        m.setObjective(.minimize, 1 * x + 1 * y)
        return m
    }

    @Test func aHugeCoefficientIsAnInvalidModelNotAGLPKError() {
        #expect(throws: SolverError.invalidModel(["coefficient 1e+308 of 'x' in constraint 'c1' is outside what GLPK can solve "
                                                   + "(magnitudes 1e-100 to 1e+100); rescale the model"])) {
            try GLPKSolver.solve(model(coefficient: 1e308))
        }
    }

    @Test func aTinyCoefficientIsAnInvalidModelToo() {
        #expect(model(coefficient: 1e-200).validationProblems().count == 1)
    }

    @Test func largeButScalableCoefficientsStillSolve() throws {
        #expect(model(coefficient: 1e100).validationProblems().isEmpty)
        #expect(try GLPKSolver.solve(model(coefficient: 1e12)).status == .optimal)
    }

    @Test func aModelFileWithAHugeCoefficientIsRefusedAtItsLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coef-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("huge.mps").path
        try """
        NAME          HUGE
        ROWS
         N  obj
         G  c1
        COLUMNS
            x         obj       1.0          c1        1.0
            y         obj       1.0          c1        1e308
        RHS
            rhs       c1        1.0
        BOUNDS
         UP bnd       x         10.0
         UP bnd       y         10.0
        ENDATA

        """.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: SolverError.unreadableFile(path: file, line: 7, message: "coefficient 1e+308 of 'y' in constraint 'c1' is outside "
                                                    + "what GLPK can solve (magnitudes 1e-100 to 1e+100); rescale the model")) {
            try Model.read(from: file)
        }
    }
}
