import ArgumentParser
import Foundation
import Reports
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

/// `hubplan runs list|show|compare DIR`: the history of plan, whatif, replan and forecast runs.
///
/// Only reads: the database is opened read-only, and a folder with no history
/// gets "no runs yet", not a new empty database.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "The history of runs kept in DIR/.hubplan/runs.sqlite (read only).",
        discussion: "Exit codes: 0 shown (or no runs yet), 2 bad input (no such run, not a run history).",
        subcommands: [List.self, Show.self, Compare.self])

    /// The scenario folder: the first positional argument, as for every other
    /// command; `--scenario DIR`, the old spelling, still works.
    struct Where: ParsableArguments {
        @Option(help: ArgumentHelp("Deprecated: give DIR as the first argument.", visibility: .hidden)) var scenario: String?

        /// Splits `words` into the folder (optional, default ".") and `ids` run ids.
        func split(_ words: [String], ids count: Int) throws -> (directory: String, ids: [Int64]) {
            guard words.count == count || words.count == count + 1 else {
                throw ValidationError("expected DIR and \(count) run id(s), got \(words.count) argument(s)")
            }
            let given = words.count > count ? words[0] : nil
            if let given, let scenario, given != scenario { throw ValidationError("give the folder once: DIR or --scenario, not both") }
            var ids: [Int64] = []
            for word in words.suffix(count) {
                guard let id = Int64(word) else { throw ValidationError("'\(word)' is not a run id (a whole number from `runs list`)") }
                ids.append(id)
            }
            return (given ?? scenario ?? ".", ids)
        }

        /// The history of `directory` opened read-only, or nil when it has none yet.
        func store(_ directory: String) throws -> RunStore? {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
                throw CommandFailure.badInput("\(directory): no such scenario folder")
            }
            let path = RunLog.path(directory)
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            do { return try RunStore(readingFrom: path) } catch { throw CommandFailure.badInput("\(path): \(error)") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every run.")
        @Argument(help: "The scenario folder (default: the current folder).") var directory: String?
        @OptionGroup var location: Where
        @OptionGroup var output: OutputOptions

        func run() throws {
            let folder = try location.split(directory.map { [$0] } ?? [], ids: 0).directory
            let runs = try location.store(folder)?.all() ?? []
            if output.quiet { return }
            if output.json { JSONOutput.print(String(decoding: try JSONEncoder().encode(runs), as: UTF8.self)); return }
            if runs.isEmpty { print("\(folder): no runs yet"); return }
            var lines = [["id", "time", "command", "inputs", "key figures"]]
            for r in runs { lines.append([String(r.id ?? 0), r.time, r.command, r.inputs, r.kpis]) }
            print(TextTable.render(lines))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one run.")
        @Argument(help: ArgumentHelp("The scenario folder (default: the current folder) and the run id.", valueName: "DIR ID")) var words: [String] = []
        @OptionGroup var location: Where
        @OptionGroup var output: OutputOptions

        func run() throws {
            let (folder, ids) = try location.split(words, ids: 1)
            guard let r = try location.store(folder)?.run(ids[0]) else { throw CommandFailure.badInput("\(folder): no run \(ids[0])") }
            if output.quiet { return }
            if output.json { JSONOutput.print(String(decoding: try JSONEncoder().encode(r), as: UTF8.self)); return }
            print("run \(ids[0])\ntime      \(r.time)\ncommand   \(r.command)\nscenario  \(r.scenario)\ninputs    \(r.inputs)\nsettings  \(r.settings)\nkpis      \(r.kpis)\noutputs   \(r.outputs)")
        }
    }

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compare the key figures of two runs.")
        @Argument(help: ArgumentHelp("The scenario folder (default: the current folder) and two run ids.", valueName: "DIR FIRST SECOND")) var words: [String] = []
        @OptionGroup var location: Where
        @OptionGroup var output: OutputOptions

        func run() throws {
            let (folder, ids) = try location.split(words, ids: 2)
            let (first, second) = (ids[0], ids[1])
            let store = try location.store(folder)
            guard let a = try store?.run(first), let b = try store?.run(second) else { throw CommandFailure.badInput("\(folder): no run \(first) or no run \(second)") }
            func dict(_ s: String) -> [String: Any] { (try? JSONSerialization.jsonObject(with: Data(s.utf8))) as? [String: Any] ?? [:] }
            let ka = dict(a.kpis), kb = dict(b.kpis)
            let keys = Set(ka.keys).union(kb.keys).sorted()
            if output.quiet { return }
            if output.json {
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
