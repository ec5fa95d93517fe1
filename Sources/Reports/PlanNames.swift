import Foundation
import HubModel
import Planner

/// The names and plain words every report of a plan uses: one place, so the
/// HTML report, the workbook and the calendars call each thing the same.
struct PlanNames {
    let scenario: Scenario
    private let facilitators: [String: String]
    private let advisers: [String: String]
    private let venues: [String: String]
    private let schools: [String: School]
    private let programmes: [String: Programme]
    private let authorities: [String: String]
    /// The borough of each cohort.
    let cohortAuthority: [String: String]

    init(scenario: Scenario, plan: Plan) {
        self.scenario = scenario
        func map<T>(_ items: [T], _ id: (T) -> String, _ name: (T) -> String) -> [String: String] {
            Dictionary(items.map { (id($0), name($0)) }, uniquingKeysWith: { a, _ in a })
        }
        facilitators = map(scenario.facilitators, \.id, \.name)
        // Assessors are people too: one map, since ids are distinct among people.
        advisers = map(scenario.advisers, \.id, \.name).merging(map(scenario.assessors, \.id, \.name)) { a, _ in a }
        venues = map(scenario.venues, \.id, \.name)
        authorities = map(scenario.authorities, \.id, \.name)
        schools = Dictionary(scenario.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        programmes = Dictionary(scenario.programmes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        cohortAuthority = map(plan.cohorts, \.id, \.authority)
    }

    func facilitator(_ id: String) -> String { facilitators[id] ?? id }
    func adviser(_ id: String) -> String { advisers[id] ?? id }
    /// A facilitator's or an adviser's name (forums are chaired by either).
    func person(_ id: String) -> String { facilitators[id] ?? advisers[id] ?? id }
    func venue(_ id: String?) -> String { id.map { venues[$0] ?? $0 } ?? "Online" }
    func school(_ id: String) -> String { schools[id]?.name ?? id }
    func schoolAuthority(_ id: String) -> String? { schools[id]?.authority }
    func programme(_ id: String) -> String { programmes[id]?.name ?? id }
    func authority(_ id: String) -> String { authorities[id] ?? (id == "hub" ? "Whole hub" : id) }
    func people(_ ids: [String]) -> String { ids.map(facilitator).joined(separator: ", ") }

    /// The session's title in the programme ("Welcome conference"), or "Session N".
    func sessionTitle(_ s: PlanSession) -> String {
        programmes[s.programme]?.sessions.first { $0.number == s.session }?.title ?? "Session \(s.session)"
    }

    /// "Cohort 3" of a cohort id such as `ECT1-HAL-03`, with its programme and borough.
    func cohort(_ id: String, programme programmeId: String) -> String {
        let number = id.split(separator: "-").last.flatMap { Int($0) }
        let borough = cohortAuthority[id].map(authority)
        return [programme(programmeId), borough, number.map { "cohort \($0)" }].compactMap { $0 }.joined(separator: ", ")
    }

    /// A cost term in plain words: `participantTravel` → "Participants' travel".
    static func costTerm(_ term: CostTerm) -> String { term.words }

    /// `09:30` plus hours, as `HH:MM` (minutes after midnight, for a spreadsheet time).
    static func minutes(_ hhmm: String) -> Int? {
        let p = hhmm.split(separator: ":")
        guard p.count == 2, let h = Int(p[0]), let m = Int(p[1]) else { return nil }
        return h * 60 + m
    }

    static func end(_ start: String, hours: Double) -> String {
        guard let m = minutes(start) else { return "" }
        let e = m + Int((hours * 60).rounded())
        return String(format: "%02d:%02d", (e / 60) % 24, e % 60)
    }

    /// Pounds, rounded, with thousands separators: £192,301.
    static func pounds(_ x: Double) -> String {
        let f = NumberFormatter()
        f.numberStyle = .decimal
        f.maximumFractionDigits = 0
        f.locale = Locale(identifier: "en_GB")
        return "£" + (f.string(from: NSNumber(value: x.rounded())) ?? String(format: "%.0f", x))
    }
}
