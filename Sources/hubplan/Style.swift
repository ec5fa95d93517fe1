import Foundation

/// Colour for terminal output: only when standard output is a terminal, and
/// never when NO_COLOR is set (https://no-color.org).
enum Style {
    static let enabled: Bool = isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    static func good(_ s: String) -> String { paint(s, "32") }
    static func warn(_ s: String) -> String { paint(s, "33") }
    static func bad(_ s: String) -> String { paint(s, "31") }

    static func paint(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    /// Prints a JSON value with sorted keys.
    static func printJSON(_ value: Any) {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data("{}".utf8)
        print(String(decoding: data, as: UTF8.self))
    }
}
