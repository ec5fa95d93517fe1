import ArgumentParser
import Foundation

@main
struct HubPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hubplan",
        abstract: "Plans a Teaching School Hub's year: sessions, facilitators, venues, forums, advisers.",
        subcommands: [PlanCommand.self, CheckCommand.self, NationalCommand.self, ExportCommand.self, WhatIfCommand.self, ReplanCommand.self, RunsCommand.self, ServeCommand.self, ForecastCommand.self, ValidateCommand.self, GenerateCommand.self, SolveCommand.self])

    /// Runs the tool; every error becomes a message and an exit code here, and only here.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(with: error)
        }
    }

    static func exit(with error: Error) -> Never {
        if let failure = error as? CommandFailure {
            guard !failure.message.isEmpty else { Foundation.exit(failure.exitCode) }
            printError("hubplan: " + failure.message)
            if JSONOutput.requested && !JSONOutput.printed { JSONOutput.printFailure(exitCode: failure.exitCode, message: failure.message) }
            Foundation.exit(failure.exitCode)
        }
        let code = exitCode(for: error)
        let text = fullMessage(for: error)
        if code == .success {
            if !text.isEmpty { print(text) }
            Foundation.exit(0)
        }
        if !text.isEmpty { printError(text) }
        // Usage mistakes are bad input: exit 2, like every other bad input.
        let status = code == .validationFailure ? 2 : code.rawValue
        if JSONOutput.requested && !JSONOutput.printed {
            JSONOutput.printFailure(exitCode: status, message: message(for: error).isEmpty ? text : message(for: error))
        }
        Foundation.exit(status)
    }
}

/// Every way a command ends other than success: the exit code and the words,
/// each in one switch.
enum CommandFailure: Error {
    /// A file, option or argument is wrong: exit 2.
    case badInput(String)
    /// The question has no answer (infeasible, unbounded, no solution found): exit 1.
    case noAnswer(String)
    /// A plan breaks hard rules (listed before): exit 1.
    case brokenPlan(String)
    /// Something failed that the input does not explain (a solver error, a server that stopped): exit 3.
    case internalError(String)
    /// Stopped by a signal (Ctrl-C: 130, SIGTERM: 143) after writing the best plan so far.
    case interrupted(exitCode: Int32)
    /// The same failure with nothing printed (`--quiet`, or `--json` once the result is printed).
    indirect case silent(CommandFailure)

    var exitCode: Int32 {
        switch self {
        case .badInput: 2
        case .noAnswer, .brokenPlan: 1
        case .internalError: 3
        case .interrupted(let code): code
        case .silent(let inner): inner.exitCode
        }
    }

    var message: String {
        switch self {
        case .badInput(let m), .noAnswer(let m), .internalError(let m): m
        case .brokenPlan(let m): m + " (a bug: please report it with the scenario)"
        case .interrupted: "interrupted: wrote the best plan found so far (status interrupted)"
        case .silent: ""
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
