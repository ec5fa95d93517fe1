import Foundation
import Reports

/// Colour for terminal output: only when standard output is a terminal, and
/// never when NO_COLOR is set (https://no-color.org).
enum Style {
    static let enabled: Bool = isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    static func good(_ s: String) -> String { paint(s, "32") }
    static func warn(_ s: String) -> String { paint(s, "33") }
    static func bad(_ s: String) -> String { paint(s, "31") }

    /// The same colours for text made in Reports.
    static let emphasis = Emphasis(good: good, warn: warn, bad: bad)

    static func paint(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    /// Prints a JSON value with sorted keys.
    static func printJSON(_ value: Any) {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data("{}".utf8)
        JSONOutput.print(String(decoding: data, as: UTF8.self))
    }
}

/// `--json` output: every command prints one JSON value on standard output,
/// its result or, when it fails before printing one, an error object.
enum JSONOutput {
    /// Set once a command has printed its JSON. Only the main thread prints
    /// results, so the flag needs no lock.
    nonisolated(unsafe) private(set) static var printed = false

    /// Whether `--json` was given (to any command; usage errors happen before a
    /// command's own flags exist).
    static var requested: Bool { CommandLine.arguments.dropFirst().prefix { $0 != "--" }.contains("--json") }

    static func print(_ text: String) {
        printed = true
        Swift.print(text)
    }

    /// `{"status":"error","exitCode":N,"message":"…"}`, for a failure with no JSON printed yet.
    static func printFailure(exitCode: Int32, message: String) {
        Style.printJSON(["status": "error", "exitCode": Int(exitCode), "message": message] as [String: Any])
    }
}
