import ArgumentParser
import Foundation
import HubModel

/// `hubplan validate DIR`: loads a scenario, prints a summary and every problem.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario folder or workbook and summarise it.",
        discussion: "Exit codes: 0 valid (warnings allowed), 2 errors found.")

    @Argument(help: "The scenario folder, or a scenario workbook (.xlsx).") var directory: String
    @Flag(help: "Print only the problems.") var quiet = false
    @Flag(help: "Print the summary and every problem as JSON.") var json = false

    func run() throws {
        let (scenario, diagnostics) = ScenarioLoader.check(URL(fileURLWithPath: directory))
        if json {
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
            if diagnostics.hasErrors { throw ExitCode(2) }
            return
        }
        let problems = diagnostics.all.sorted()
        if let scenario, !quiet, !diagnostics.hasErrors { print(SummaryTable(ScenarioSummary(scenario), scenario: scenario).text) }
        for d in problems { printError(prefixed(d)) }
        if diagnostics.hasErrors {
            throw CommandFailure.badInput("\(directory): \(diagnostics.errors.count) error(s), \(diagnostics.warnings.count) warning(s)")
        }
        if !quiet { print("\n\(directory): valid, \(diagnostics.warnings.count) warning(s)") }
    }

    func prefixed(_ d: Diagnostic) -> String { d.located(in: directory).description }
}

/// The validate summary as an aligned table.
struct SummaryTable {
    let summary: ScenarioSummary
    let scenario: Scenario

    init(_ summary: ScenarioSummary, scenario: Scenario) {
        self.summary = summary
        self.scenario = scenario
    }

    var text: String {
        let rows = summary.rows + [summary.total]
        var lines: [[String]] = [["", ] + rows.map(\.authority)]
        func add(_ label: String, _ f: (ScenarioSummary.Row) -> Int) { lines.append([label] + rows.map { String(f($0)) }) }
        add("schools", \.schools)
        add("focus schools", \.focusSchools)
        add("facilitators", \.facilitators)
        add("advisers", \.advisers)
        add("venues", \.venues)
        for p in summary.programmeIds { add("  \(p)", { $0.participants[p] ?? 0 }) }
        add("participants", \.totalParticipants)
        return "\(scenario.name), \(scenario.yearLabel)\n" + TextTable.render(lines)
    }
}

/// Left-aligned first column, right-aligned numbers.
enum TextTable {
    static func render(_ lines: [[String]]) -> String {
        let widths = (0..<(lines.map(\.count).max() ?? 0)).map { c in lines.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return lines.map { line in
            line.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// `hubplan generate`: writes a seeded scenario of the benchmark ladder.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a generated scenario: S (one authority), M (the reference hub), L (three hubs), XL (87 hubs).")

    @Option(help: "S, M, L or XL.") var size: LadderSize = .m
    @Option(help: "Seed; the same seed writes the same bytes.") var seed: UInt64 = 2026
    @Option(help: "Output folder (XL writes hub-01 … hub-87 inside it).") var out: String
    @Flag(help: "Print nothing.") var quiet = false
    @Flag(help: "Print what was written as JSON.") var json = false

    func run() throws {
        let generator = ScenarioGenerator(size: size, seed: seed)
        do {
            try generator.write(to: URL(fileURLWithPath: out))
        } catch {
            throw CommandFailure.badInput("\(out): \(error)")
        }
        if json {
            Style.printJSON(["size": size.rawValue, "seed": seed, "out": out, "scenarios": generator.scenarios().count] as [String: Any])
        } else if !quiet {
            print("wrote \(size.rawValue) scenario (seed \(seed)) to \(out)")
        }
    }
}

extension LadderSize: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.uppercased()) }
}
