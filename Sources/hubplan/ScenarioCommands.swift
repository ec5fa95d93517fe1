import ArgumentParser
import Foundation
import Reports
import HubModel

/// `hubplan validate DIR`: loads a scenario, prints a summary and every problem.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario folder or workbook and summarise it.",
        discussion: "Exit codes: 0 valid (warnings allowed), 2 errors found.")

    @Argument(help: "The scenario folder, or a scenario workbook (.xlsx).") var directory: String
    @OptionGroup var output: OutputOptions

    func run() throws {
        let (scenario, diagnostics) = ScenarioLoader.check(URL(fileURLWithPath: directory))
        if output.json {
            func list(_ ds: [Diagnostic]) -> [[String: Any]] {
                ds.map { d in
                    var o: [String: Any] = ["file": d.file, "message": d.message]
                    if let s = d.sheet { o["sheet"] = s; o["place"] = d.place }
                    if let r = d.row { o["row"] = r }
                    if let c = d.column { o["column"] = c }
                    return o
                }
            }
            var o: [String: Any] = ["valid": !diagnostics.hasErrors, "errors": list(diagnostics.errors.sorted()),
                                    "warnings": list(diagnostics.warnings.sorted())]
            if let scenario, !diagnostics.hasErrors {
                let sum = ScenarioSummary(scenario)
                o["schools"] = sum.total.schools
                o["participants"] = sum.total.participants
                o["facilitators"] = sum.total.facilitators
                o["advisers"] = sum.total.advisers
                o["venues"] = sum.total.venues
                o["focusSchools"] = sum.total.focusSchools
            }
            Style.printJSON(o)
            if diagnostics.hasErrors { throw CommandFailure.silent(.badInput("")) }
            return
        }
        let problems = diagnostics.all.sorted()
        if let scenario, !output.quiet, !diagnostics.hasErrors { print(SummaryTable(ScenarioSummary(scenario), scenario: scenario).text) }
        for d in problems { printError(prefixed(d)) }
        if diagnostics.hasErrors {
            throw CommandFailure.badInput("\(directory): \(diagnostics.errors.count) error(s), \(diagnostics.warnings.count) warning(s)")
        }
        if !output.quiet { print("\n\(directory): valid, \(diagnostics.warnings.count) warning(s)") }
    }

    func prefixed(_ d: Diagnostic) -> String { d.located(in: directory).description }
}

/// `hubplan generate`: writes a seeded scenario of the benchmark ladder.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a generated scenario: S (one authority), M (the reference hub), L (three hubs), XL (87 hubs).")

    @Option(help: "S, M, L or XL.") var size: LadderSize = .m
    @Option(help: "Seed; the same seed writes the same bytes.") var seed: UInt64 = 2026
    @Option(help: "Output folder (XL writes hub-01 … hub-87 inside it).") var out: String
    @OptionGroup var output: OutputOptions

    func run() throws {
        let generator = ScenarioGenerator(size: size, seed: seed)
        do {
            try generator.write(to: URL(fileURLWithPath: out))
        } catch {
            throw CommandFailure.badInput("\(out): \(error)")
        }
        if output.json {
            Style.printJSON(["size": size.rawValue, "seed": seed, "out": out, "scenarios": generator.scenarios().count] as [String: Any])
        } else if !output.quiet {
            print("wrote \(size.rawValue) scenario (seed \(seed)) to \(out)")
        }
    }
}

extension LadderSize: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.uppercased()) }
}
