import Foundation
import Yams

/// A what-if: a small YAML file that changes a base scenario without copying it.
///
/// Keys (all optional): `name`, `enrolment` (list of `{programme, authority?,
/// scale | set}`), `facilitators` / `advisers` / `venues` (each `{remove: [ids],
/// alter: [{id, field: value…}], add: [...]}`; facilitators also `add`),
/// `unavailable` (list of `{who, from, to, reason?}`), `weights`, `solver`, and
/// `forecast` (`{year, quantile, method}`: take demand from the forecast).
/// scenarios/README.md documents them with examples.
public struct Overlay: Sendable {
    public struct EnrolmentChange: Sendable {
        public var programme: String
        public var authority: String?
        public var scale: Double?
        public var set: Int?

        public init(programme: String, authority: String?, scale: Double?, set: Int?) {
            self.programme = programme
            self.authority = authority
            self.scale = scale
            self.set = set
        }
    }

    public struct ForecastDemand: Sendable {
        /// Start year of the academic year whose forecast becomes the demand.
        public var year: Int
        public var quantile: Double
        public var method: String
    }

    public var name: String
    public var file: String
    fileprivate var edits: [@Sendable (inout Scenario) -> Void] = []
    public var forecast: ForecastDemand?
    public private(set) var enrolmentChanges: [EnrolmentChange] = []

    /// Reads an overlay and checks it against the base scenario.
    ///
    /// - Throws: ``ScenarioError`` with every problem at its line and column.
    public static func load(_ url: URL, base: Scenario) throws -> Overlay {
        let r = Reporter()
        let file = url.lastPathComponent
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(diagnostics: [Diagnostic(.error, file: file, "cannot read the file as UTF-8 text")])
        }
        var overlay = Overlay(name: url.deletingPathExtension().lastPathComponent, file: file)
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError(diagnostics: [Diagnostic(.error, file: file, row: 1, "empty overlay")])
            }
            if let root = YAMLObject(node, file: file, path: "", reporter: r) {
                overlay.read(root, base: base, reporter: r)
                root.finish()
            }
        } catch let e as YamlError {
            throw ScenarioError(diagnostics: [Diagnostic(.error, file: file, "not valid YAML: \(e)")])
        }
        if r.diagnostics.hasErrors { throw ScenarioError(diagnostics: r.diagnostics.all.sorted()) }
        return overlay
    }

    /// The base scenario with this overlay's changes (the forecast demand, if any, is applied by the caller).
    public func apply(to base: Scenario) -> Scenario {
        var s = base
        for edit in edits { edit(&s) }
        s.name = "\(base.name) — \(name)"
        return s.inCanonicalOrder()
    }

    // MARK: Reading

    private mutating func read(_ root: YAMLObject, base: Scenario, reporter r: Reporter) {
        if let n = root.string("name", required: false) { name = n }
        let programmes = Set(base.programmes.map(\.id)), authorities = Set(base.authorities.map(\.id))
        for (node, path) in root.sequence("enrolment", required: false) {
            guard let o = YAMLObject(node, file: file, path: path, reporter: r) else { continue }
            let p = o.string("programme")
            if let p, !programmes.contains(p) { o.fail(node, "programme", "unknown programme '\(p)'") }
            let a = o.string("authority", required: false)
            if let a, !authorities.contains(a) { o.fail(node, "authority", "unknown authority '\(a)'") }
            let scale = o.double("scale", max: 100), set = o.int("set", max: 100_000)
            if (scale == nil) == (set == nil) { o.fail(node, "scale", "give exactly one of scale or set") }
            o.finish()
            if let p { enrolmentChanges.append(EnrolmentChange(programme: p, authority: a, scale: scale, set: set)) }
        }
        let changes = enrolmentChanges
        edits.append { s in for c in changes { Overlay.changeEnrolment(&s, c) } }
        readFacilitators(root, base: base, r)
        readAdvisers(root, base: base, r)
        readVenues(root, base: base, r)
        let people = Set(base.facilitators.map(\.id) + base.advisers.map(\.id) + base.venues.map(\.id))
            .union(addedIds)
        for (node, path) in root.sequence("unavailable", required: false) {
            guard let o = YAMLObject(node, file: file, path: path, reporter: r) else { continue }
            let who = o.string("who"), from = o.string("from"), to = o.string("to")
            let reason = o.string("reason", required: false) ?? "what-if"
            o.finish()
            guard let who, let from, let to else { continue }
            guard people.contains(who) else { o.fail(node, "who", "unknown facilitator, adviser or venue '\(who)'"); continue }
            guard let f = Day(iso: from), let t = Day(iso: to), f <= t else { o.fail(node, "from", "write from and to as YYYY-MM-DD, from ≤ to"); continue }
            edits.append { s in s.unavailability.append(Unavailability(who: who, from: f, to: t, reason: reason)) }
        }
        if let w = root.object("weights") {
            var values: [String: Double] = [:]
            for f in ObjectiveWeights.fields {
                if let v = w.double(f.key, max: f.max) { values[f.key] = v }
            }
            w.finish()
            let chosen = values
            edits.append { s in
                for f in ObjectiveWeights.fields { if let v = chosen[f.key] { s.weights[keyPath: f.path] = v } }
            }
        }
        if let o = root.object("solver") {
            let t = o.double("timeLimit", min: 0.1, max: 86_400), g = o.double("gap", min: 0, max: 1), m = o.double("maxTravelMinutes", min: 1, max: 600)
            o.finish()
            edits.append { s in
                if let t { s.solver.timeLimit = t }
                if let g { s.solver.gap = g }
                if let m { s.solver.maxTravelMinutes = m }
            }
        }
        if let o = root.object("forecast") {
            let y = o.string("year"), q = o.double("quantile", min: 0.01, max: 0.99) ?? 0.5
            let m = o.string("method", required: false) ?? "auto"
            o.finish()
            if let y {
                if let year = AcademicYear.parse(y) { forecast = ForecastDemand(year: year, quantile: q, method: m) }
                else { YAMLObject.report(r, file, o.node, "forecast.year: '\(y)' is not an academic year like 2027-28") }
            }
        }
    }

    private var addedIds: [String] = []

    private mutating func readFacilitators(_ root: YAMLObject, base: Scenario, _ r: Reporter) {
        guard let o = root.object("facilitators") else { return }
        let ids = Set(base.facilitators.map(\.id)), programmes = Set(base.programmes.map(\.id))
        let removed = idList(o, "remove", known: ids, what: "facilitator")
        edits.append { s in s.facilitators.removeAll { removed.contains($0.id) } }
        for (node, path) in o.sequence("alter", required: false) {
            guard let a = YAMLObject(node, file: file, path: path, reporter: r), let id = a.string("id") else { continue }
            if !ids.contains(id) { a.fail(node, "id", "unknown facilitator '\(id)'") }
            let dph = a.double("daysPerHalfTerm", max: 40), dpy = a.double("daysPerYear", max: 250), rate = a.double("dayRate", max: 10_000)
            let quals = a.sequence("qualifications", required: false).compactMap { $0.0.scalar?.string }
            for q in quals where !programmes.contains(q) { a.fail(node, "qualifications", "unknown programme '\(q)'") }
            a.finish()
            edits.append { s in
                guard let i = s.facilitators.firstIndex(where: { $0.id == id }) else { return }
                if let dph { s.facilitators[i].daysPerHalfTerm = dph }
                if let dpy { s.facilitators[i].daysPerYear = dpy }
                if let rate { s.facilitators[i].dayRate = rate }
                if !quals.isEmpty { s.facilitators[i].qualifications = Set(quals) }
            }
        }
        for (node, path) in o.sequence("add", required: false) {
            guard let a = YAMLObject(node, file: file, path: path, reporter: r) else { continue }
            let id = a.string("id"), name = a.string("name", required: false), town = a.string("homeTown")
            let lat = a.double("latitude", required: true, min: 49, max: 61), lon = a.double("longitude", required: true, min: -9, max: 2.5)
            let quals = a.sequence("qualifications").compactMap { $0.0.scalar?.string }
            for q in quals where !programmes.contains(q) { a.fail(node, "qualifications", "unknown programme '\(q)'") }
            let dph = a.double("daysPerHalfTerm", required: true, max: 40), dpy = a.double("daysPerYear", required: true, max: 250)
            let rate = a.double("dayRate", required: true, max: 10_000)
            a.finish()
            guard let id, let town, let lat, let lon, let dph, let dpy, let rate else { continue }
            if ids.contains(id) || addedIds.contains(id) { a.fail(node, "id", "facilitator '\(id)' already exists"); continue }
            addedIds.append(id)
            let f = Facilitator(id: id, name: name ?? id, homeTown: town, home: GeoPoint(latitude: lat, longitude: lon),
                                qualifications: Set(quals), daysPerHalfTerm: dph, daysPerYear: dpy, dayRate: rate, employerSchool: nil)
            edits.append { s in s.facilitators.append(f) }
        }
        o.finish()
    }

    private mutating func readAdvisers(_ root: YAMLObject, base: Scenario, _ r: Reporter) {
        guard let o = root.object("advisers") else { return }
        let known = Set(base.advisers.map(\.id))
        let removed = idList(o, "remove", known: known, what: "adviser")
        edits.append { s in s.advisers.removeAll { removed.contains($0.id) } }
        for (node, path) in o.sequence("alter", required: false) {
            guard let a = YAMLObject(node, file: file, path: path, reporter: r), let id = a.string("id") else { continue }
            if !known.contains(id) { a.fail(node, "id", "unknown adviser '\(id)'") }
            let cap = a.double("capacityDays", max: 250), rate = a.double("dayRate", max: 10_000)
            a.finish()
            edits.append { s in
                guard let i = s.advisers.firstIndex(where: { $0.id == id }) else { return }
                if let cap { s.advisers[i].capacityDays = cap }
                if let rate { s.advisers[i].dayRate = rate }
            }
        }
        o.finish()
    }

    private mutating func readVenues(_ root: YAMLObject, base: Scenario, _ r: Reporter) {
        guard let o = root.object("venues") else { return }
        let known = Set(base.venues.map(\.id))
        let removed = idList(o, "remove", known: known, what: "venue")
        edits.append { s in s.venues.removeAll { removed.contains($0.id) } }
        for (node, path) in o.sequence("alter", required: false) {
            guard let a = YAMLObject(node, file: file, path: path, reporter: r), let id = a.string("id") else { continue }
            if !known.contains(id) { a.fail(node, "id", "unknown venue '\(id)'") }
            let cost = a.double("dayCost", max: 100_000)
            a.finish()
            edits.append { s in
                if let i = s.venues.firstIndex(where: { $0.id == id }), let cost { s.venues[i].dayCost = cost }
            }
        }
        o.finish()
    }

    private func idList(_ o: YAMLObject, _ key: String, known: Set<String>, what: String) -> Set<String> {
        var out: Set<String> = []
        for (node, _) in o.sequence(key, required: false) {
            guard let id = node.scalar?.string else { o.fail(node, key, "list \(what) ids"); continue }
            if known.contains(id) { out.insert(id) } else { o.fail(node, key, "unknown \(what) '\(id)'") }
        }
        return out
    }

    /// Scales (or sets) a programme's enrolment, in one authority or all, keeping
    /// each school's share; whole participants by largest remainder.
    public static func changeEnrolment(_ s: inout Scenario, _ c: EnrolmentChange) {
        let authorityOf = Dictionary(s.schools.map { ($0.id, $0.authority) }, uniquingKeysWith: { a, _ in a })
        let rows = s.enrolment.indices.filter { s.enrolment[$0].programme == c.programme
            && (c.authority == nil || authorityOf[s.enrolment[$0].school] == c.authority) }
        let current = rows.reduce(0) { $0 + s.enrolment[$1].participants }
        let target = c.set ?? Int((Double(current) * (c.scale ?? 1)).rounded())
        guard current > 0 else { return }
        let parts = SeededRandom.apportion(target, weights: rows.map { Double(s.enrolment[$0].participants) })
        for (i, n) in zip(rows, parts) { s.enrolment[i].participants = n }
    }
}
