/// CSV writing shared by every file HubPlan writes (RFC 4180 quoting).
public enum CSVText {
    /// Quotes a field when it holds a comma, a quote or a line break.
    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One line: the fields quoted as needed, joined by commas, ending in a newline.
    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }
}
