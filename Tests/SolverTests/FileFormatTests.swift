import Foundation
import Testing
@testable import Solver

@Suite struct FileFormatTests {
    @Test func readsFixedMPSTextbookModel() throws {
        let m = try Model.read(from: Paths.fixture("textbook.mps"), format: .fixedMPS)
        #expect(m.variables.map(\.name) == ["DOORS", "WINDOWS"])
        #expect(m.constraints.count == 3)
        let r = try GLPKSolver.solve(m)
        #expect(abs(r.objective! + 36) < 1e-9)
    }

    @Test func readsCplexLPWithBinaries() throws {
        let m = try Model.read(from: Paths.fixture("knapsack.lp"))
        #expect(m.variables.allSatisfy { $0.kind == .binary })
        #expect(m.sense == .maximize)
        #expect(try GLPKSolver.solve(m).objective == 21)
    }

    @Test func readsGzippedMPS() throws {
        let m = try Model.read(from: Paths.miplib("flugpl"))
        #expect(m.variables.count == 18)
    }

    @Test(arguments: [ModelFileFormat.fixedMPS, .freeMPS, .cplexLP])
    func writeThenReadKeepsTheOptimum(format: ModelFileFormat) throws {
        let original = try Model.read(from: Paths.miplib("p0201"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("p0201.\(format == .cplexLP ? "lp" : "mps")").path
        try original.write(to: path, format: format)
        let back = try Model.read(from: path, format: format)
        #expect(back.variables.count == original.variables.count)
        #expect(back.constraints.count == original.constraints.count)
        #expect(try GLPKSolver.solve(back).objective == 7615)
        // Nothing but the file itself is left in the folder (the temporary name was renamed).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [URL(fileURLWithPath: path).lastPathComponent])
    }

    @Test func writingIntoMissingFolderFailsCleanly() throws {
        var m = Model()
        m.addVariable("x")
        #expect(throws: SolverError.self) { try m.write(to: "/nonexistent-folder/x.mps", format: .freeMPS) }
    }

    @Test(arguments: [
        ("truncated.mps", ModelFileFormat.fixedMPS),
        ("badnumber.mps", .fixedMPS),
        ("unknownsection.mps", .fixedMPS),
        ("bad.lp", .cplexLP),
    ])
    func malformedFileNamesTheLine(file: String, format: ModelFileFormat) throws {
        let error = #expect(throws: SolverError.self) { try Model.read(from: Paths.fixture(file), format: format) }
        guard case .unreadableFile(let path, let line, let message)? = error else {
            Issue.record("expected unreadableFile, got \(String(describing: error))"); return
        }
        #expect(path.hasSuffix(file))
        #expect(line != nil && line! > 0, "\(message)")
        #expect(!message.isEmpty)
    }

    @Test func badNumberNamesItsLine() throws {
        let error = #expect(throws: SolverError.self) { try Model.read(from: Paths.fixture("badnumber.mps"), format: .fixedMPS) }
        guard case .unreadableFile(_, let line, _)? = error else { Issue.record("wrong error"); return }
        #expect(line == 7)
    }

    @Test(arguments: ["empty.mps", "binary.mps", "no-such-file.mps"])
    func unreadableFileIsAnErrorNotACrash(file: String) {
        #expect(throws: SolverError.self) { try Model.read(from: Paths.fixture(file)) }
    }

    @Test func unknownExtensionAsksForTheFormat() {
        #expect(throws: SolverError.self) { try Model.read(from: Paths.fixture("../TestSupport.swift")) }
    }
}
