/// Which number formats show a number as a date or time (ECMA-376 Part 1, §18.8.30).
enum NumberFormats {
    /// Built-in formats that are dates or times (14–22, 45–47; 27–36 and 50–58 in East Asian locales).
    static let builtInDates: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// Whether a format code shows a date or time: a `d`, `m`, `y`, `h` or `s`
    /// outside quoted text, escapes and bracketed colours or conditions.
    static func isDate(code: String) -> Bool {
        var inQuote = false, inBracket = false, escaped = false
        let lower = code.lowercased()
        if lower == "general" || lower == "@" { return false }
        for ch in lower {
            if escaped { escaped = false; continue }
            switch ch {
            case "\"": inQuote.toggle()
            case "\\", "_", "*": if !inQuote { escaped = true }
            case "[": if !inQuote { inBracket = true }
            case "]": if !inQuote { inBracket = false }
            case "d", "m", "y", "h", "s", "e":
                if !inQuote && !inBracket {
                    // 'e' alone is scientific notation ("0.00E+00"), not an era year.
                    if ch == "e" { continue }
                    return true
                }
            default: break
            }
        }
        return false
    }
}
