import ArgumentParser
import Foundation
import Solver

/// `hubplan solve FILE`: solves an MPS or CPLEX LP file with GLPK.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve an MPS or CPLEX LP model file (optionally .gz) with GLPK.",
        discussion: "Exit codes: 0 optimal or feasible, 1 infeasible, unbounded or no solution, 2 bad input (file and line named), 3 internal error.")

    @Argument(help: "The model file: .mps, .lp, either optionally .gz.")
    var file: String

    @OptionGroup var solver: SolverOptions

    @Option(help: "File format: fixed, free or lp (default: from the file name).")
    var format: ModelFileFormat?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let model: Model
        do {
            model = try Model.read(from: file, format: format)
        } catch let error as SolverError {
            throw CommandFailure.badInput(error.description)
        }
        let result: SolveResult
        do {
            result = try GLPKSolver.solve(model, options: try solver.solveOptions())
        } catch let error as SolverError {
            if case .invalidModel = error { throw CommandFailure.badInput("\(file): \(error)") }
            throw CommandFailure.internalError("\(file): \(error)")
        }
        if output.json {
            JSONOutput.print(SolveSummary(result).jsonString())
        } else if !output.quiet {
            print(SolveSummary(result).text(name: file, model: model))
        }
        if !result.status.hasSolution { throw CommandFailure.silent(.noAnswer("")) }
    }
}

extension ModelFileFormat: ExpressibleByArgument {}

/// Solver options shared by every command that solves.
struct SolverOptions: ParsableArguments {
    @Option(help: "Stop after this many seconds and report the best solution found.")
    var timeLimit: Double?

    @Option(help: "Stop once the relative gap is at most this fraction (0.01 = 1%).")
    var gap: Double?

    @Option(help: "GLPK messages on standard error: off, errors, normal, all.")
    var messages: MessageLevel = .off

    @Flag(inversion: .prefixedNo, help: "Use GLPK's LP and MIP presolvers.")
    var presolve = true

    @Option(parsing: .upToNextOption, help: "Cut families: gomory mir cover clique.")
    var cuts: [CutKind] = []

    @Flag(help: "Run the feasibility pump heuristic.")
    var feasibilityPump = false

    @Flag(help: "Run proximity search to improve solutions.")
    var proximitySearch = false

    func solveOptions(defaultGap: Double = 0) throws -> SolveOptions {
        let options = SolveOptions(timeLimit: timeLimit, relativeGap: gap ?? defaultGap, presolve: presolve,
                                   feasibilityPump: feasibilityPump, proximitySearch: proximitySearch,
                                   cuts: Set(cuts), messageLevel: messages)
        if let problem = options.problems.first { throw CommandFailure.badInput(problem) }
        return options
    }
}

extension MessageLevel: ExpressibleByArgument {}
extension CutKind: ExpressibleByArgument {}

/// What `solve` prints.
struct SolveSummary: Encodable {
    var status: String
    var objective: Double?
    var bound: Double?
    var gap: Double?
    var seconds: Double

    init(_ r: SolveResult) {
        status = r.status.rawValue
        objective = r.objective
        bound = r.bound
        gap = r.gap
        seconds = (r.seconds * 1000).rounded() / 1000
    }

    enum CodingKeys: String, CodingKey { case status, objective, bound, gap, seconds }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(objective, forKey: .objective)   // null when absent, never missing
        try c.encode(bound, forKey: .bound)
        try c.encode(gap, forKey: .gap)
        try c.encode(seconds, forKey: .seconds)
    }

    func jsonString() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    func text(name: String, model: Model) -> String {
        func num(_ x: Double?) -> String { x.map { String(format: "%.10g", $0) } ?? "-" }
        let pct = gap.map { String(format: "%.4f%%", $0 * 100) } ?? "-"
        return """
        model     \(name) (\(model.constraints.count) rows, \(model.variables.count) columns)
        status    \(status)
        objective \(num(objective))
        bound     \(num(bound))
        gap       \(pct)
        seconds   \(String(format: "%.3f", seconds))
        """
    }
}
