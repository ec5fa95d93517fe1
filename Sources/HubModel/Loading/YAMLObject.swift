import Yams

/// A YAML mapping read key by key, reporting wrong types and unknown keys at
/// their line and column.
final class YAMLObject {
    let file: String
    let node: Node
    let path: String
    let reporter: Reporter
    private var pairs: [(key: String, keyNode: Node, value: Node)] = []
    private var used: Set<String> = []

    /// nil (with an error) when the node is not a mapping.
    init?(_ node: Node, file: String, path: String, reporter: Reporter) {
        self.file = file
        self.node = node
        self.path = path
        self.reporter = reporter
        guard let mapping = node.mapping else {
            YAMLObject.report(reporter, file, node, "\(path.isEmpty ? "the file" : path) must be a mapping of keys to values")
            return nil
        }
        for (k, v) in mapping {
            let key = k.scalar?.string ?? ""
            if pairs.contains(where: { $0.key == key }) {
                YAMLObject.report(reporter, file, k, "\(qualified(key)) appears twice")
            }
            pairs.append((key, k, v))
        }
    }

    static func report(_ r: Reporter, _ file: String, _ node: Node, _ message: String) {
        r.error(file, row: node.mark?.line, column: node.mark?.column, message)
    }

    func qualified(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func value(_ key: String, required: Bool) -> Node? {
        used.insert(key)
        if let pair = pairs.first(where: { $0.key == key }) {
            // YAML's null is a plain ~ or null; a quoted "null" is the word (a variant may be named so).
            if case .scalar(let s) = pair.value, s.string.isEmpty || (s.style == .plain && ["~", "null", "Null", "NULL"].contains(s.string)) {
                if required { YAMLObject.report(reporter, file, pair.value, "\(qualified(key)) is empty; a value is required") }
                return nil
            }
            return pair.value
        }
        if required { YAMLObject.report(reporter, file, node, "missing key '\(qualified(key))'") }
        return nil
    }

    func fail(_ node: Node, _ key: String, _ message: String) {
        YAMLObject.report(reporter, file, node, "\(qualified(key)): \(message)")
    }

    func string(_ key: String, required: Bool = true) -> String? {
        guard let n = value(key, required: required) else { return nil }
        guard let s = n.scalar?.string else { fail(n, key, "must be a single value"); return nil }
        return s
    }

    func double(_ key: String, required: Bool = false, min: Double = 0, max: Double = 1e9) -> Double? {
        guard let n = value(key, required: required) else { return nil }
        guard let s = n.scalar?.string, let v = Double(s), v.isFinite else {
            fail(n, key, "'\(n.scalar?.string ?? "…")' is not a number"); return nil
        }
        if v < min || v > max { fail(n, key, "\(s) is out of range; expected \(formatNumber(min)) to \(formatNumber(max))"); return nil }
        return v
    }

    func int(_ key: String, required: Bool = false, min: Int = 0, max: Int = 1_000_000) -> Int? {
        guard let n = value(key, required: required) else { return nil }
        guard let s = n.scalar?.string, let v = Int(s) else {
            fail(n, key, "'\(n.scalar?.string ?? "…")' is not a whole number"); return nil
        }
        if v < min || v > max { fail(n, key, "\(v) is out of range; expected \(min) to \(max)"); return nil }
        return v
    }

    func bool(_ key: String, default d: Bool) -> Bool {
        guard let n = value(key, required: false) else { return d }
        switch n.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: fail(n, key, "must be true or false"); return d
        }
    }

    func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _ t: E.Type, required: Bool = true) -> E?
    where E.RawValue == String {
        guard let n = value(key, required: required) else { return nil }
        if let s = n.scalar?.string, let e = E(rawValue: s) ?? E.allCases.first(where: { $0.rawValue.lowercased() == s.lowercased() }) {
            return e
        }
        fail(n, key, "'\(n.scalar?.string ?? "…")' is not one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }

    func object(_ key: String, required: Bool = false) -> YAMLObject? {
        guard let n = value(key, required: required) else { return nil }
        return YAMLObject(n, file: file, path: qualified(key), reporter: reporter)
    }

    /// Items of a sequence, each with its own path (`programmes[2]`).
    func sequence(_ key: String, required: Bool = true) -> [(Node, String)] {
        guard let n = value(key, required: required) else { return [] }
        guard let seq = n.sequence else { fail(n, key, "must be a list"); return [] }
        return seq.enumerated().map { ($1, "\(qualified(key))[\($0)]") }
    }

    /// Reports every key that was never asked for.
    func finish() {
        for p in pairs where !used.contains(p.key) {
            let known = used.sorted().joined(separator: ", ")
            YAMLObject.report(reporter, file, p.keyNode, "unknown key '\(qualified(p.key))'; known keys: \(known)")
        }
    }
}
