import ArgumentParser
import Foundation
import HubModel
import National
import Reports

/// `hubplan national plan|merge ROOT`: every hub of a national root, in shards a
/// cluster's jobs run side by side, and the national summary (docs/national.md).
struct NationalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "national",
        abstract: "Plan many hubs (and what-ifs for each) in shards, and merge the results.",
        subcommands: [NationalPlanCommand.self, NationalMergeCommand.self])
}

/// The options both subcommands share: where the hubs are, where the results go, which variants.
struct NationalOptions: ParsableArguments {
    @Argument(help: "The national root: one scenario folder per hub (hubplan generate --size XL writes one).") var root: String
    @Option(help: "The shared results folder (default: ROOT/results).") var results: String?
    @Option(help: "A what-if overlay to plan for every hub as well (repeatable).") var variant: [String] = []

    var rootURL: URL { URL(fileURLWithPath: root) }
    var resultsURL: URL { URL(fileURLWithPath: results ?? (root as NSString).appendingPathComponent("results")) }
    var variantURLs: [URL] { variant.map { URL(fileURLWithPath: $0) } }

    func checked() throws -> NationalRun {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandFailure.badInput("\(root): not a folder")
        }
        let run = NationalRun(root: rootURL, results: resultsURL, variants: variantURLs, jobs: 1)
        guard !(try run.units()).isEmpty else { throw CommandFailure.badInput("\(root): no hub folders (folders with a scenario.yaml) inside") }
        for v in variant where !FileManager.default.fileExists(atPath: v) { throw CommandFailure.badInput("\(v): no such overlay file") }
        let names = variantURLs.map { $0.deletingPathExtension().lastPathComponent }
        if Set(names).count != names.count { throw CommandFailure.badInput("two overlays have the same file name; name each variant's file differently") }
        return run
    }
}

struct NationalPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan one shard of the hubs (and their what-ifs) into the results folder.",
        discussion: """
        Units (a hub, or a hub with one overlay) are sorted by name and cut into N contiguous slices; \
        --shard I/N plans slice I (0 ≤ I < N). A unit whose status.json says done is skipped, so a shard \
        run again after a failure redoes only what is missing or failed. Exit codes: 0 every unit of the \
        shard done, 1 some failed (listed), 2 bad input.
        """)

    @OptionGroup var options: NationalOptions
    @Option(help: "I/N: plan the I-th (from 0) of N slices (default 0/1, everything). A Slurm array passes $SLURM_ARRAY_TASK_ID, Kubernetes $JOB_COMPLETION_INDEX.") var shard: String = "0/1"
    @Option(help: "Units planned at once (default: the number of cores).") var jobs: Int?
    @Option(help: "Seconds for each plan (default: each scenario's).") var timeLimit: Double?
    @Option(help: "Relative gap that counts as optimal, e.g. 0.005 (default: each scenario's).") var gap: Double?
    @Option(help: "What each unit writes: all (as hubplan plan: plan.json, plan.xlsx, report.html, csv/, calendars/) or plans (plan.json alone, about half the time).") var outputs: String = "all"
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard let written = NationalRun.Outputs(rawValue: outputs) else { throw CommandFailure.badInput("--outputs \(outputs): use all or plans") }
        guard let part = Shard(shard) else { throw CommandFailure.badInput("--shard \(shard): write I/N with 0 ≤ I < N, e.g. 3/8") }
        if let t = timeLimit, !(t > 0) || !t.isFinite { throw CommandFailure.badInput("--time-limit must be a positive number of seconds") }
        if let g = gap, !(g >= 0) || !g.isFinite { throw CommandFailure.badInput("--gap must be a fraction ≥ 0") }
        var run = try options.checked()
        run.timeLimit = timeLimit
        run.gap = gap
        run.jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        run.outputs = written
        let quiet = output.quiet || output.json
        let statuses = try run.run(part) { status, skipped in
            guard !quiet else { return }
            let what = skipped ? "already done" : status.state == .done
                ? String(format: "done in %.1f s, £%.0f, gap %.2f%%", status.seconds, status.objective ?? 0, 100 * (status.gap ?? 0))
                : "FAILED: \(status.error ?? "")"
            FileHandle.standardError.write(Data("\(status.unit): \(what)\n".utf8))
        }
        let failed = statuses.filter { $0.state == .failed }
        if output.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            JSONOutput.print(String(decoding: try encoder.encode(statuses), as: UTF8.self))
        } else if !output.quiet {
            print("shard \(part): \(statuses.count - failed.count) of \(statuses.count) unit(s) done; results in \(run.results.path)")
        }
        if !failed.isEmpty { throw CommandFailure.noAnswer("shard \(part): \(failed.count) unit(s) failed: \(failed.map { $0.unit.description }.joined(separator: ", "))") }
    }
}

struct NationalMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Gather the results folder into a national summary (JSON, CSV, HTML).",
        discussion: "Writes RESULTS/national/national.json, national.csv and national.html, switched in whole. Exit codes: 0 every unit done, 1 some failed or missing (listed), 2 bad input.")

    @OptionGroup var options: NationalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let run = try options.checked()
        let summary = NationalSummary(expected: try run.units(), results: run.results)
        let folder = run.results.appendingPathComponent("national")
        do {
            try ReportWriter.replace(folder, with: try summary.files())
        } catch {
            throw CommandFailure.badInput("\(folder.path): cannot write the national summary: \(error)")
        }
        if output.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            JSONOutput.print(String(decoding: try encoder.encode(summary.totals), as: UTF8.self))
        } else if !output.quiet {
            let t = summary.totals
            print(String(format: "%d of %d unit(s) done: £%.0f against a bound of £%.0f (within %.2f%%); %d unmet item(s); %.1f s in all, slowest %.1f s",
                         t.done, t.units, t.cost, t.bound, 100 * t.gap, t.unmetItems, t.seconds, t.slowestSeconds))
            print(String(format: "  time: load %.1f s, plan %.1f s, check %.1f s, write %.1f s (summed over units)",
                         t.loadSeconds, t.planSeconds, t.checkSeconds, t.writeSeconds))
            for s in summary.slowest.prefix(3) { print("  slow: \(s)") }
            print("wrote \(folder.path)/national.json, national.csv and national.html")
        }
        if !summary.complete {
            for f in summary.failed { printError("failed: \(f)") }
            for m in summary.missing { printError("missing: \(m)") }
            throw CommandFailure.noAnswer("\(summary.failed.count) unit(s) failed and \(summary.missing.count) missing: run their shards again, then merge")
        }
    }
}
