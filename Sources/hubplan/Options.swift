import ArgumentParser
import HubModel
import Planner

/// How a command prints: every command takes these two.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the result as one JSON value on standard output (errors too).") var json = false
    @Flag(help: "Print nothing but errors; the exit code tells.") var quiet = false

    /// Whether to print the result in words: neither JSON nor quiet.
    var inWords: Bool { !json && !quiet }
}

/// The limits of a plan: the commands that plan take these.
struct PlanningOptions: ParsableArguments {
    @Option(help: "Seconds for each plan (default: the scenario's).") var timeLimit: Double?
    @Option(help: "Relative gap that counts as optimal, e.g. 0.005 (default: the scenario's).") var gap: Double?
    @Option(help: "Last year's plan.json, whose cohorts the continuing programmes (ECT2, mentors' year 2) carry on (default: the scenario's continueFrom).")
    var continueFrom: String?

    /// Last year's plan, from --continue-from or the scenario's continueFrom; nil for neither.
    func lastYear(of scenario: Scenario, directory: String) throws -> Plan? {
        do {
            return try PlanFile.lastYear(of: scenario, home: ScenarioLoader.home(directory), path: continueFrom)
        } catch {
            throw CommandFailure.badInput("\(continueFrom == nil ? "" : "--continue-from: ")\(error)")
        }
    }

    /// The scenario's settings with these limits, or bad input when one is out of range.
    func apply(to settings: inout Planner.Settings) throws {
        if let t = timeLimit {
            guard t > 0, t.isFinite else { throw CommandFailure.badInput("--time-limit must be a positive number of seconds") }
            settings.timeLimit = t
        }
        if let g = gap {
            guard g >= 0, g < 1 else { throw CommandFailure.badInput("--gap must be a fraction between 0 and 1") }
            settings.gap = g
        }
    }
}
