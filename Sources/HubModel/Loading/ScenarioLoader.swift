import Foundation
import Yams

/// Reads a scenario folder (`scenario.yaml` plus CSV tables), or a workbook
/// with a sheet per table (``WorkbookSource``), and checks it.
public enum ScenarioLoader {
    /// Whether `path` names a scenario workbook rather than a folder: an existing
    /// regular file, or a name ending in `.xlsx`/`.xlsm`.
    public static func isWorkbook(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) { return !isDir.boolValue }
        return ["xlsx", "xlsm"].contains((path as NSString).pathExtension.lowercased())
    }

    /// The folder a scenario's outputs and run history belong to: the scenario
    /// folder itself, or the folder that holds the workbook.
    public static func home(_ path: String) -> String {
        isWorkbook(path) ? ((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent) : path
    }

    /// Loads and validates a scenario folder or workbook.
    ///
    /// - Returns: The scenario and its warnings.
    /// - Throws: ``ScenarioError`` listing every error (and warning) found; never traps, whatever the bytes.
    public static func load(_ directory: URL) throws -> (scenario: Scenario, warnings: [Diagnostic]) {
        let (scenario, diagnostics) = check(directory)
        if let scenario, !diagnostics.hasErrors { return (scenario, diagnostics.warnings.sorted()) }
        throw ScenarioError(diagnostics: diagnostics.all.sorted())
    }

    /// Loads what can be loaded and returns every diagnostic.
    public static func check(_ directory: URL) -> (Scenario?, Diagnostics) {
        let r = Reporter()
        var isDir: ObjCBool = false
        let source: ScenarioSource
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue {
            source = FolderSource(directory: directory)
        } else if FileManager.default.fileExists(atPath: directory.path) {
            guard let workbook = WorkbookSource(directory, name: directory.lastPathComponent, reporter: r) else { return (nil, r.diagnostics) }
            source = workbook
        } else {
            r.error(directory.path, "not a scenario folder or workbook (no such file or directory)")
            return (nil, r.diagnostics)
        }
        let reader = Reader(source: source, r: r)
        let scenario = reader.read()
        // Whole-scenario warnings only make sense on a scenario without errors.
        if let scenario, !r.diagnostics.hasErrors { ScenarioChecks(scenario: scenario, r: r).run() }
        return (scenario, r.diagnostics)
    }
}

/// Reads each file into domain values, checking cells and references as it goes.
private struct Reader {
    let source: ScenarioSource
    let r: Reporter

    func table(_ spec: (String, [ColumnSpec]), required: Bool = true) -> CSVTable? {
        source.table(spec, required: required, r)
    }

    func read() -> Scenario? {
        // A reference is checked against the ids a file declares, even on rows with
        // other errors, and not at all when that file could not be read: one root
        // cause gives one message, not a cascade.
        let head = readYAML()
        let authorityIds = head.map { Set($0.authorities.map(\.id)) }
        let programmeIds = head.map { Set($0.programmes.map(\.id)) }

        let (schools, schoolIds) = readSchools(authorityIds)
        let enrolment = readEnrolment(schoolIds, programmeIds, programmes: head?.programmes)
        var owners = SharedIds(reporter: r)
        let (facilitators, facilitatorIds) = readFacilitators(programmeIds, schoolIds, owners: &owners)
        let (advisers, adviserIds) = readAdvisers(authorityIds, owners: &owners)
        let (assessors, assessorIds) = readAssessors(owners: &owners)
        let focus = readFocusSchools(schoolIds)
        let (venues, venueIds) = readVenues(authorityIds, owners: &owners)
        let year = head?.year ?? 2026
        let calendar = readCalendar(authorityIds, schoolIds, year: year)
        var people: Set<String>? = nil
        if let f = facilitatorIds, let a = adviserIds, let v = venueIds, let x = assessorIds { people = f.union(a).union(v).union(x) }
        let unavailability = readUnavailability(people, year: year)
        let history = readHistory(authorityIds, programmeIds, year: year)

        guard let head else { return nil }
        var scenario = Scenario(name: head.name, year: head.year, authorities: head.authorities, schools: schools,
                                programmes: head.programmes, enrolment: enrolment, facilitators: facilitators, advisers: advisers,
                                focusSchools: focus, venues: venues, forums: head.forums, calendar: calendar,
                                unavailability: unavailability, history: history, weights: head.weights, solver: head.solver)
        scenario.continueFrom = head.continueFrom
        scenario.assessors = assessors
        scenario.appropriateBody = head.appropriateBody
        return scenario.inCanonicalOrder()
    }

    // MARK: scenario.yaml

    struct Head {
        var name: String
        var year: Int
        var authorities: [LocalAuthority]
        var programmes: [Programme]
        var forums: [ForumSeries]
        var weights: ObjectiveWeights
        var solver: SolverSettings
        var continueFrom: String?
        var appropriateBody: AppropriateBodyWork
    }

    func readYAML() -> Head? {
        let file = ScenarioFiles.yaml
        guard let text = source.yaml(r) else { return nil }
        let node: Node
        do {
            guard let n = try Yams.compose(yaml: text) else {
                r.error(file, row: 1, "empty file")
                return nil
            }
            node = n
        } catch let e as YamlError {
            r.error(file, row: yamlMark(e)?.line, column: yamlMark(e)?.column, "not valid YAML: \(yamlProblem(e))")
            return nil
        } catch {
            r.error(file, "not valid YAML: \(error)")
            return nil
        }
        guard let root = YAMLObject(node, file: file, path: "", reporter: r) else { return nil }
        let name = root.string("name") ?? "scenario"
        var year = 2026
        if let text = root.string("year") {
            if let y = AcademicYear.parse(text) { year = y } else if let n = root.value("year", required: false) {
                root.fail(n, "year", "'\(text)' is not an academic year; write it like 2026-27")
            }
        }
        var authorities: [LocalAuthority] = []
        for (n, path) in root.sequence("authorities") {
            guard let o = YAMLObject(n, file: file, path: path, reporter: r) else { continue }
            if let id = o.string("id"), let nm = o.string("name") {
                if !isValidId(id) { o.fail(n, "id", "'\(id)' is not a valid id") }
                else if authorities.contains(where: { $0.id == id }) { o.fail(n, "id", "duplicate authority id '\(id)'") }
                else { authorities.append(LocalAuthority(id: id, name: nm)) }
            }
            o.finish()
        }
        var programmes: [Programme] = []
        var continuing: [(Node, String, Programme)] = []
        for (n, path) in root.sequence("programmes") {
            guard let p = readProgramme(n, path: path, file: file) else { continue }
            if programmes.contains(where: { $0.id == p.id }) {
                YAMLObject.report(r, file, n, "\(path).id: duplicate programme id '\(p.id)'")
            } else {
                programmes.append(p)
                if p.continues != nil { continuing.append((n, path, p)) }
            }
        }
        for (n, path, p) in continuing {
            guard let q = p.continues else { continue }
            if q == p.id { YAMLObject.report(r, file, n, "\(path).continues: a programme cannot continue itself") }
            else if !programmes.contains(where: { $0.id == q }) { YAMLObject.report(r, file, n, "\(path).continues: unknown programme '\(q)'") }
            else if continuing.contains(where: { $0.2.id != p.id && $0.2.continues == q }) {
                YAMLObject.report(r, file, n, "\(path).continues: '\(q)' is continued by more than one programme")
            }
        }
        let continueFrom = root.string("continueFrom", required: false)
        var appropriateBody = AppropriateBodyWork()
        if let o = root.object("appropriateBody") {
            if let v = o.double("reviewHours", min: 0, max: 8) { appropriateBody.reviewHours = v }
            if let v = o.double("assessmentHours", min: 0, max: 8) { appropriateBody.assessmentHours = v }
            if let v = o.int("windowDays", min: 1, max: 40) { appropriateBody.windowDays = v }
            if let v = o.double("hoursPerDay", min: 0.5, max: 12) { appropriateBody.hoursPerDay = v }
            o.finish()
        }
        var forums: [ForumSeries] = []
        for (n, path) in root.sequence("forums", required: false) {
            guard let o = YAMLObject(n, file: file, path: path, reporter: r) else { continue }
            let id = o.string("id"), nm = o.string("name", required: false)
            let scope = o.enumValue("scope", ForumSeries.Scope.self)
            var halfTerms: [HalfTerm] = []
            for (h, _) in o.sequence("halfTerms") {
                if let s = h.scalar?.string, let ht = HalfTerm(rawValue: s.uppercased()) { halfTerms.append(ht) }
                else { o.fail(h, "halfTerms", "'\(h.scalar?.string ?? "…")' is not a half-term (HT1 … HT6)") }
            }
            let hours = o.double("hours", required: true, min: 0.5, max: 8)
            let start = o.string("start", required: false) ?? "15:45"
            if !isTime(start) { o.fail(n, "start", "'\(start)' is not a time HH:MM") }
            let extra = o.int("extraAttendees", min: 0, max: 500) ?? 0
            o.finish()
            if let id, let scope, let hours {
                forums.append(ForumSeries(id: id, name: nm ?? id, scope: scope, halfTerms: halfTerms, hours: hours,
                                          start: start, extraAttendees: extra))
            }
        }
        var weights = ObjectiveWeights()
        if let w = root.object("weights") {
            for f in ObjectiveWeights.fields {
                if let v = w.double(f.key, max: f.max) { weights[keyPath: f.path] = v }
            }
            if weights.minSpacingDays > weights.maxSpacingDays {
                w.fail(w.node, "minSpacingDays", "\(formatNumber(weights.minSpacingDays)) is more than maxSpacingDays \(formatNumber(weights.maxSpacingDays))")
            }
            w.finish()
        }
        var solver = SolverSettings()
        if let s = root.object("solver") {
            if let v = s.double("timeLimit", min: 0.1, max: 86_400) { solver.timeLimit = v }
            if let v = s.double("gap", min: 0, max: 1) { solver.gap = v }
            if let v = s.double("maxTravelMinutes", min: 1, max: 600) { solver.maxTravelMinutes = v }
            s.finish()
        }
        root.finish()
        return Head(name: name, year: year, authorities: authorities, programmes: programmes, forums: forums,
                    weights: weights, solver: solver, continueFrom: continueFrom, appropriateBody: appropriateBody)
    }

    func readProgramme(_ n: Node, path: String, file: String) -> Programme? {
        guard let o = YAMLObject(n, file: file, path: path, reporter: r) else { return nil }
        defer { o.finish() }
        let id = o.string("id")
        if let id, !isValidId(id) { o.fail(n, "id", "'\(id)' is not a valid id") }
        let name = o.string("name", required: false)
        let kind = o.enumValue("kind", ProgrammeKind.self, required: false) ?? .other
        var cohortMin = 1, cohortMax = 30
        if let c = o.object("cohort", required: true) {
            cohortMin = c.int("min", required: true, min: 1, max: 500) ?? 1
            cohortMax = c.int("max", required: true, min: 1, max: 500) ?? 30
            if cohortMin > cohortMax { c.fail(c.node, "min", "\(cohortMin) is larger than max \(cohortMax)") }
            c.finish()
        }
        let ppf = o.int("participantsPerFacilitator", min: 1, max: 500) ?? cohortMax
        let cross = o.bool("crossAuthority", default: false)
        let continues = o.string("continues", required: false)
        var sessions: [SessionPattern] = []
        for (sn, spath) in o.sequence("sessions", required: kind != .appropriateBody) {
            guard let s = YAMLObject(sn, file: file, path: spath, reporter: r) else { continue }
            let ht = s.enumValue("halfTerm", HalfTerm.self)
            let mode = s.enumValue("mode", DeliveryMode.self)
            let hours = s.double("hours", required: true, min: 0.25, max: 8)
            let start = s.string("start", required: false) ?? (mode == .online ? "15:45" : "09:30")
            if !isTime(start) { s.fail(sn, "start", "'\(start)' is not a time HH:MM") }
            let title = s.string("title", required: false) ?? "Session \(sessions.count + 1)"
            let gathers = s.enumValue("gathers", Gathering.self, required: false)
            let per = s.int("perFacilitator", min: 1, max: 1000)
            if per != nil && gathers == nil { s.fail(sn, "perFacilitator", "is for events only; give 'gathers: authority' or 'gathers: hub' too") }
            s.finish()
            if let ht, let mode, let hours {
                if let last = sessions.last, ht < last.halfTerm {
                    s.fail(sn, "halfTerm", "\(ht.rawValue) comes before the previous session's \(last.halfTerm.rawValue); list sessions in order")
                }
                sessions.append(SessionPattern(number: sessions.count + 1, halfTerm: ht, mode: mode, hours: hours,
                                               start: start, title: title, gathers: gathers, perFacilitator: per))
            }
        }
        guard let id else { return nil }
        return Programme(id: id, name: name ?? id, kind: kind, cohortMin: cohortMin, cohortMax: cohortMax,
                         participantsPerFacilitator: ppf, crossAuthority: cross, sessions: sessions, continues: continues)
    }

    // MARK: CSV tables

    /// Reports a duplicate id at the row of the second occurrence.
    func unique<T>(_ items: [(T, CSVRecord)], column: String, id: (T) -> String) -> [T] {
        var seen: [String: Int] = [:], out: [T] = []
        for (item, row) in items {
            let key = id(item)
            if let first = seen[key] {
                row.fail(column, "duplicate '\(key)' (first on row \(first))", r)
            } else {
                seen[key] = row.number
                out.append(item)
            }
        }
        return out
    }

    /// The ids a table declares in a column, whatever else is wrong with their rows.
    func declared(_ t: CSVTable, _ column: String = "id") -> Set<String> { Set(t.rows.map { $0.raw(column) }.filter { !$0.isEmpty }) }

    /// Checks a reference; `known` nil means the referenced file could not be read, so nothing is checked.
    func reference(_ row: CSVRecord, _ column: String, _ value: String?, in known: Set<String>?, what: String) -> String? {
        guard let value else { return nil }
        guard let known else { return value }
        if known.contains(value) { return value }
        row.fail(column, "unknown \(what) '\(value)'", r)
        return nil
    }

    func readSchools(_ authorities: Set<String>?) -> ([School], Set<String>?) {
        guard let t = table(ScenarioFiles.schools) else { return ([], nil) }
        let items: [(School, CSVRecord)] = t.rows.compactMap { row in
            let id = row.id("id", r), name = row.text("name", r)
            let la = reference(row, "authority", row.id("authority", r), in: authorities, what: "authority")
            let town = row.text("town", r), phase = row.enumValue("phase", Phase.self, r)
            let lat = row.latitude("latitude", r), lon = row.longitude("longitude", r)
            guard let id, let name, let la, let town, let phase, let lat, let lon else { return nil }
            return (School(id: id, name: name, authority: la, town: town, phase: phase,
                           location: GeoPoint(latitude: lat, longitude: lon)), row)
        }
        return (unique(items, column: "id") { $0.id }, declared(t))
    }

    func readEnrolment(_ schools: Set<String>?, _ programmes: Set<String>?, programmes known: [Programme]?) -> [Enrolment] {
        guard let t = table(ScenarioFiles.enrolment) else { return [] }
        let byId = Dictionary((known ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let items: [(Enrolment, CSVRecord)] = t.rows.compactMap { row in
            let s = reference(row, "school", row.id("school", r), in: schools, what: "school")
            let p = reference(row, "programme", row.id("programme", r), in: programmes, what: "programme")
            let n = row.int("participants", max: 10_000, r)
            let given = !row.raw("intake").isEmpty
            var intake = given ? row.enumValue("intake", HalfTerm.self, r) : nil
            var intakeOK = !given || intake != nil
            // A late intake starts within the programme's year, after its first session; one at the start is no intake.
            if let ht = intake, let p, let programme = byId[p] {
                let terms = programme.sessions.map(\.halfTerm)
                if programme.continues != nil {
                    row.fail("intake", "\(p) carries on last year's cohorts; only a programme's first year has intakes", r)
                    intakeOK = false
                } else if let last = terms.last, ht > last {
                    row.fail("intake", "\(ht.rawValue) is after \(p)'s last session (\(last.rawValue))", r)
                    intakeOK = false
                } else if let first = terms.first, ht <= first {
                    intake = nil
                } else if terms.isEmpty {
                    row.fail("intake", "\(p) has no sessions to join", r)
                    intakeOK = false
                }
            }
            guard let s, let p, let n, intakeOK else { return nil }
            return (Enrolment(school: s, programme: p, participants: n, intake: intake), row)
        }
        return unique(items, column: "programme") { "\($0.school)/\($0.programme)\($0.intake.map { "/\($0.rawValue)" } ?? "")" }
    }

    func readFacilitators(_ programmes: Set<String>?, _ schools: Set<String>?, owners: inout SharedIds) -> ([Facilitator], Set<String>?) {
        guard let t = table(ScenarioFiles.facilitators) else { return ([], nil) }
        owners.claim(t, as: "facilitator")
        let items: [(Facilitator, CSVRecord)] = t.rows.compactMap { row in
            let id = row.id("id", r), name = row.text("name", r), town = row.text("home_town", r)
            let lat = row.latitude("latitude", r), lon = row.longitude("longitude", r)
            var quals: Set<String> = []
            for q in row.list("qualifications") {
                if programmes?.contains(q) ?? true { quals.insert(q) } else { row.fail("qualifications", "unknown programme '\(q)'", r) }
            }
            let dph = row.number("days_per_half_term", max: 40, r), dpy = row.number("days_per_year", max: 250, r)
            let rate = row.number("day_rate", max: 10_000, r)
            let employer = reference(row, "employer_school", row.id("employer_school", required: false, r), in: schools, what: "school")
            if let dph, let dpy, dph > dpy { row.fail("days_per_half_term", "\(formatNumber(dph)) is more than days_per_year \(formatNumber(dpy))", r) }
            guard let id, let name, let town, let lat, let lon, let dph, let dpy, let rate else { return nil }
            return (Facilitator(id: id, name: name, homeTown: town, home: GeoPoint(latitude: lat, longitude: lon),
                                qualifications: quals, daysPerHalfTerm: dph, daysPerYear: dpy, dayRate: rate,
                                employerSchool: employer), row)
        }
        return (unique(items, column: "id") { $0.id }, declared(t))
    }

    func readAdvisers(_ authorities: Set<String>?, owners: inout SharedIds) -> ([ExpertAdviser], Set<String>?) {
        let present = source.has(ScenarioFiles.advisers.0)
        guard let t = table(ScenarioFiles.advisers, required: false) else { return ([], present ? nil : []) }
        owners.claim(t, as: "adviser")
        let items: [(ExpertAdviser, CSVRecord)] = t.rows.compactMap { row in
            let id = row.id("id", r), name = row.text("name", r), town = row.text("home_town", r)
            let lat = row.latitude("latitude", r), lon = row.longitude("longitude", r)
            var las: Set<String> = []
            for a in row.list("authorities") {
                if authorities?.contains(a) ?? true { las.insert(a) } else { row.fail("authorities", "unknown authority '\(a)'", r) }
            }
            if row.list("authorities").isEmpty { row.fail("authorities", "is empty; list the authorities covered, separated by ';'", r) }
            let cap = row.number("capacity_days", max: 250, r), rate = row.number("day_rate", max: 10_000, r)
            guard let id, let name, let town, let lat, let lon, let cap, let rate else { return nil }
            return (ExpertAdviser(id: id, name: name, homeTown: town, home: GeoPoint(latitude: lat, longitude: lon),
                                  authorities: las, capacityDays: cap, dayRate: rate), row)
        }
        return (unique(items, column: "id") { $0.id }, declared(t))
    }

    func readAssessors(owners: inout SharedIds) -> ([Assessor], Set<String>?) {
        let present = source.has(ScenarioFiles.assessors.0)
        guard let t = table(ScenarioFiles.assessors, required: false) else { return ([], present ? nil : []) }
        owners.claim(t, as: "assessor")
        let items: [(Assessor, CSVRecord)] = t.rows.compactMap { row in
            let id = row.id("id", r), name = row.text("name", r), town = row.text("home_town", r)
            let lat = row.latitude("latitude", r), lon = row.longitude("longitude", r)
            let hours = row.number("hours_per_half_term", max: 300, r), rate = row.number("hourly_rate", max: 1_000, r)
            guard let id, let name, let town, let lat, let lon, let hours, let rate else { return nil }
            return (Assessor(id: id, name: name, homeTown: town, home: GeoPoint(latitude: lat, longitude: lon),
                             hoursPerHalfTerm: hours, hourlyRate: rate), row)
        }
        return (unique(items, column: "id") { $0.id }, declared(t))
    }

    func readFocusSchools(_ schools: Set<String>?) -> [FocusSchoolNeed] {
        guard let t = table(ScenarioFiles.focusSchools, required: false) else { return [] }
        let items: [(FocusSchoolNeed, CSVRecord)] = t.rows.compactMap { row in
            let s = reference(row, "school", row.id("school", r), in: schools, what: "school")
            let audit = row.int("audit_days", max: 20, r), per = row.int("days_per_half_term", max: 20, r)
            guard let s, let audit, let per else { return nil }
            return (FocusSchoolNeed(school: s, auditDays: audit, daysPerHalfTerm: per), row)
        }
        return unique(items, column: "school") { $0.school }
    }

    func readVenues(_ authorities: Set<String>?, owners: inout SharedIds) -> ([Venue], Set<String>?) {
        guard let t = table(ScenarioFiles.venues) else { return ([], nil) }
        owners.claim(t, as: "venue")
        let items: [(Venue, CSVRecord)] = t.rows.compactMap { row in
            let id = row.id("id", r), name = row.text("name", r)
            let la = reference(row, "authority", row.id("authority", r), in: authorities, what: "authority")
            let town = row.text("town", r), address = row.raw("address")
            let lat = row.latitude("latitude", r), lon = row.longitude("longitude", r)
            let cost = row.number("day_cost", max: 100_000, r)
            var days: Set<Weekday> = []
            let listed = row.list("weekdays")
            for d in listed {
                if let w = Weekday(loose: d) { days.insert(w) } else { row.fail("weekdays", "'\(d)' is not a weekday (Mon … Sun)", r) }
            }
            if listed.isEmpty { days = [.monday, .tuesday, .wednesday, .thursday, .friday] }
            let stepFree = row.bool("step_free", default: true, r)
            guard let id, let name, let la, let town, let lat, let lon, let cost else { return nil }
            return (Venue(id: id, name: name, authority: la, town: town, address: address,
                          location: GeoPoint(latitude: lat, longitude: lon), dayCost: cost, weekdays: days,
                          stepFree: stepFree, rooms: []), row)
        }
        var venues = unique(items, column: "id") { $0.id }
        let venueIds = declared(t)
        guard let rooms = table(ScenarioFiles.rooms) else { return (venues, venueIds) }
        var seen: [String: Int] = [:]
        for row in rooms.rows {
            let v = reference(row, "venue", row.id("venue", r), in: venueIds, what: "venue")
            let room = row.text("room", r), cap = row.int("capacity", min: 1, max: 5000, r)
            guard let v, let room, let cap else { continue }
            if let first = seen["\(v)/\(room)"] {
                row.fail("room", "duplicate room '\(room)' of venue '\(v)' (first on row \(first))", r)
                continue
            }
            seen["\(v)/\(room)"] = row.number
            if let i = venues.firstIndex(where: { $0.id == v }) { venues[i].rooms.append(Room(id: room, capacity: cap)) }
        }
        return (venues, venueIds)
    }

    func readCalendar(_ authorities: Set<String>?, _ schools: Set<String>?, year: Int) -> AcademicCalendar {
        var halfTerms: [String: [HalfTerm: DayRange]] = [:]
        var calendarRows: [String: CSVRecord] = [:]
        let yearRange = AcademicYear.range(year)
        if let t = table(ScenarioFiles.calendar) {
            var rowOf: [String: Int] = [:]
            for row in t.rows {
                let la = reference(row, "authority", row.id("authority", r), in: authorities, what: "authority")
                let ht = row.enumValue("half_term", HalfTerm.self, r)
                let first = row.day("first_day", r), last = row.day("last_day", r)
                guard let la, let ht, let first, let last else { continue }
                if first > last { row.fail("last_day", "\(last) is before first_day \(first)", r); continue }
                if !yearRange.contains(first) { row.fail("first_day", "\(first) is outside the academic year \(AcademicYear.label(year)) (\(yearRange.first) to \(yearRange.last))", r); continue }
                if !yearRange.contains(last) { row.fail("last_day", "\(last) is outside the academic year \(AcademicYear.label(year)) (\(yearRange.first) to \(yearRange.last))", r); continue }
                if let previous = rowOf["\(la)/\(ht.rawValue)"] {
                    row.fail("half_term", "\(ht.rawValue) of \(la) is listed twice (first on row \(previous))", r); continue
                }
                let range = DayRange(first: first, last: last)
                // Half-terms must come in order without overlapping.
                for (other, otherRange) in halfTerms[la] ?? [:] {
                    if otherRange.overlaps(range) {
                        row.fail("first_day", "\(ht.rawValue) (\(first) to \(last)) overlaps \(other.rawValue) of \(la) (\(otherRange.first) to \(otherRange.last))", r)
                    } else if (other < ht) != (otherRange.last < first) {
                        row.fail("first_day", "\(ht.rawValue) must come \(other < ht ? "after" : "before") \(other.rawValue) of \(la)", r)
                    }
                }
                rowOf["\(la)/\(ht.rawValue)"] = row.number
                calendarRows["\(la)/\(ht.rawValue)"] = row
                halfTerms[la, default: [:]][ht] = range
            }
            for la in (authorities ?? []).sorted() {
                let missing = HalfTerm.allCases.filter { halfTerms[la]?[$0] == nil }
                if !missing.isEmpty {
                    r.error(t.file, "authority '\(la)' has no dates for \(missing.map(\.rawValue).joined(separator: ", "))")
                }
            }
        }
        var closures: [Closure] = []
        if let t = table(ScenarioFiles.closures, required: false) {
            for row in t.rows {
                let d = row.day("date", r)
                let la = reference(row, "authority", row.id("authority", required: false, r), in: authorities, what: "authority")
                if !row.raw("authority").isEmpty && la == nil { continue }
                let kind = row.enumValue("kind", Closure.Kind.self, r)
                let phase = row.raw("phase").isEmpty ? nil : row.enumValue("phase", Phase.self, r)
                let school = reference(row, "school", row.id("school", required: false, r), in: schools, what: "school")
                if !row.raw("school").isEmpty && school == nil { continue }
                guard let d, let kind, row.raw("phase").isEmpty || phase != nil else { continue }
                if !yearRange.contains(d) { row.fail("date", "\(d) is outside the academic year \(AcademicYear.label(year))", r); continue }
                closures.append(Closure(day: d, authority: la, kind: kind, description: row.raw("description"), phase: phase, school: school))
            }
        }
        let calendar = AcademicCalendar(halfTerms: halfTerms, closures: closures)
        reportHalfTermsWithoutTeachingDays(calendar, rows: calendarRows)
        return calendar
    }

    /// A half-term whose every weekday is closed can host no session and no forum;
    /// left alone, the plan would blame whatever it could not place there (a venue).
    func reportHalfTermsWithoutTeachingDays(_ calendar: AcademicCalendar, rows: [String: CSVRecord]) {
        for (la, terms) in calendar.halfTerms {
            for (ht, range) in terms where calendar.teachingDays(authority: la, halfTerm: ht).isEmpty {
                rows["\(la)/\(ht.rawValue)"]?.fail("first_day", "\(ht.rawValue) of \(la) (\(range.first) to \(range.last)) has no teaching days "
                    + "(weekdays other than its first and last day, not closed in \(ScenarioFiles.closures.0)): no session or forum can be held in it", r)
            }
        }
    }

    func readUnavailability(_ known: Set<String>?, year: Int) -> [Unavailability] {
        guard let t = table(ScenarioFiles.unavailability, required: false) else { return [] }
        let plan = AcademicYear.range(year)
        return t.rows.compactMap { row in
            let who = reference(row, "who", row.id("who", r), in: known, what: "facilitator, adviser or venue")
            let from = row.day("from", r), to = row.day("to", r)
            guard let who, let from, let to else { return nil }
            if from > to { row.fail("to", "\(to) is before from \(from)", r); return nil }
            UnavailabilityDates(from: from, to: to, plan: plan, year: year).warn(row, r)
            return Unavailability(who: who, from: from, to: to, reason: row.raw("reason"))
        }
    }

    func readHistory(_ authorities: Set<String>?, _ programmes: Set<String>?, year: Int) -> [HistoryRecord] {
        guard let t = table(ScenarioFiles.history, required: false) else { return [] }
        let items: [(HistoryRecord, CSVRecord)] = t.rows.compactMap { row in
            var y: Int?
            if let text = row.text("year", r) {
                if let parsed = AcademicYear.parse(text) {
                    if parsed >= year { row.fail("year", "\(text) is not before the plan year \(AcademicYear.label(year))", r) } else { y = parsed }
                } else {
                    row.fail("year", "'\(text)' is not an academic year; write it like 2024-25", r)
                }
            }
            let la = reference(row, "authority", row.id("authority", r), in: authorities, what: "authority")
            let p = reference(row, "programme", row.id("programme", r), in: programmes, what: "programme")
            let n = row.int("participants", max: 1_000_000, r)
            guard let y, let la, let p, let n else { return nil }
            return (HistoryRecord(year: y, authority: la, programme: p, participants: n), row)
        }
        return unique(items, column: "participants") { "\($0.year)/\($0.authority)/\($0.programme)" }
    }

    private func yamlMark(_ e: YamlError) -> Mark? {
        switch e {
        case .scanner(_, _, let m, _), .parser(_, _, let m, _), .composer(_, _, let m, _): return m
        default: return nil
        }
    }

    private func yamlProblem(_ e: YamlError) -> String {
        switch e {
        case .scanner(_, let p, _, _), .parser(_, let p, _, _), .composer(_, let p, _, _): return p
        case .reader(let p, _, _, _): return p
        default: return "\(e)"
        }
    }
}

func isValidId(_ s: String) -> Bool {
    !s.isEmpty && s.count <= 64 && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
}

func isTime(_ s: String) -> Bool {
    let p = s.split(separator: ":")
    guard p.count == 2, p[0].count <= 2, p[1].count == 2, let h = Int(p[0]), let m = Int(p[1]) else { return false }
    return (0..<24).contains(h) && (0..<60).contains(m)
}
