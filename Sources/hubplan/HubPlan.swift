import ArgumentParser
import Foundation

@main
struct HubPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hubplan",
        abstract: "Plans a Teaching School Hub's year: sessions, facilitators, venues, forums, advisers.",
        subcommands: [PlanCommand.self, CheckCommand.self, ExportCommand.self, WhatIfCommand.self, ReplanCommand.self, RunsCommand.self, ServeCommand.self, ForecastCommand.self, ValidateCommand.self, GenerateCommand.self, SolveCommand.self])

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

/// A failure the user can act on, with the exit code it ends in.
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32

    /// Bad input (files, options): exit 2.
    static func badInput(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: 2) }
    /// No answer to give (infeasible, unbounded, no solution): exit 1.
    static func noAnswer(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: 1) }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
