import ArgumentParser
import Foundation
import RunHistory

/// Records runs in DIR/.hubplan/runs.sqlite; a database that cannot be opened or
/// written is a warning, never a reason to lose the run's outputs.
enum RunLog {
    static func path(_ scenario: String) -> String { RunStore.path(forScenario: scenario) }

    static func record(command: String, scenario: String, extraInputs: [String] = [], settings: [String: Any], kpis: [String: Any],
                       outputs: [String]) {
        do {
            try RunStore.record(command: command, scenario: scenario, extraInputs: extraInputs, settings: settings, kpis: kpis, outputs: outputs)
        } catch {
            printError("hubplan: warning: run history \(path(scenario)) not updated: \(error)")
        }
    }
}

/// `hubplan runs list|show|compare`: the history of plan, whatif, replan and forecast runs.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "The history of runs kept in DIR/.hubplan/runs.sqlite.",
        subcommands: [List.self, Show.self, Compare.self])

    struct Where: ParsableArguments {
        @Option(help: "The scenario folder whose history to read.") var scenario: String = "."

        func store() throws -> RunStore {
            let path = RunLog.path(scenario)
            guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure.badInput("\(path): no run history yet") }
            do { return try RunStore(path: path) } catch { throw CommandFailure.badInput("\(path): \(error)") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every run.")
        @OptionGroup var location: Where
        @Flag(help: "As JSON.") var json = false
        @Flag(help: "Print nothing.") var quiet = false

        func run() throws {
            let runs = try location.store().all()
            if quiet { return }
            if json { print(String(decoding: try JSONEncoder().encode(runs), as: UTF8.self)); return }
            var lines = [["id", "time", "command", "inputs", "key figures"]]
            for r in runs { lines.append([String(r.id ?? 0), r.time, r.command, r.inputs, r.kpis]) }
            print(TextTable.render(lines))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one run.")
        @OptionGroup var location: Where
        @Argument(help: "Run id.") var id: Int64
        @Flag(help: "As JSON.") var json = false
        @Flag(help: "Print nothing.") var quiet = false

        func run() throws {
            guard let r = try location.store().run(id) else { throw CommandFailure.badInput("no run \(id)") }
            if quiet { return }
            if json { print(String(decoding: try JSONEncoder().encode(r), as: UTF8.self)); return }
            print("run \(id)\ntime      \(r.time)\ncommand   \(r.command)\nscenario  \(r.scenario)\ninputs    \(r.inputs)\nsettings  \(r.settings)\nkpis      \(r.kpis)\noutputs   \(r.outputs)")
        }
    }

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compare the key figures of two runs.")
        @OptionGroup var location: Where
        @Argument(help: "First run id.") var first: Int64
        @Argument(help: "Second run id.") var second: Int64
        @Flag(help: "As JSON.") var json = false
        @Flag(help: "Print nothing.") var quiet = false

        func run() throws {
            let store = try location.store()
            guard let a = try store.run(first), let b = try store.run(second) else { throw CommandFailure.badInput("no such run") }
            func dict(_ s: String) -> [String: Any] { (try? JSONSerialization.jsonObject(with: Data(s.utf8))) as? [String: Any] ?? [:] }
            let ka = dict(a.kpis), kb = dict(b.kpis)
            let keys = Set(ka.keys).union(kb.keys).sorted()
            if quiet { return }
            if json {
                Style.printJSON(["first": ka, "second": kb, "sameInputs": a.inputs == b.inputs] as [String: Any])
                return
            }
            var lines = [["figure", "run \(first)", "run \(second)", "change"]]
            for k in keys {
                let x = ka[k].map { "\($0)" } ?? "-", y = kb[k].map { "\($0)" } ?? "-"
                var change = ""
                if let dx = ka[k] as? Double, let dy = kb[k] as? Double { change = String(format: "%+.2f", dy - dx) }
                lines.append([k, x, y, change])
            }
            print(TextTable.render(lines))
            print(a.inputs == b.inputs ? "same inputs" : "inputs differ (\(a.inputs) vs \(b.inputs))")
        }
    }
}
