import Foundation
import HubModel

/// The re-plan form: who or what becomes unavailable, and from which date.
public struct ReplanForm: Decodable, Sendable {
    /// A facilitator, adviser or venue id.
    public var who = ""
    /// The first unavailable day, as typed (YYYY-MM-DD).
    public var from = ""

    enum CodingKeys: String, CodingKey { case who, from }

    public init(who: String = "", from: String = "") {
        self.who = who
        self.from = from
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        who = try c.text(.who) ?? ""
        from = try c.text(.from) ?? ""
    }

    /// The plan year's first and last day: September 1 to July 31.
    public static func yearSpan(_ s: Scenario) -> ClosedRange<Day> {
        Day(year: s.year, month: 9, day: 1)!...Day(year: s.year + 1, month: 7, day: 31)!
    }

    /// The first unavailable day, when it is a date in the plan year.
    public func day(in s: Scenario) -> Day? {
        guard let day = Day(iso: from), Self.yearSpan(s).contains(day) else { return nil }
        return day
    }

    /// Field → message, for every value that is wrong.
    public func problems(for s: Scenario) -> [String: String] {
        var p: [String: String] = [:]
        let known = Set(s.facilitators.map(\.id) + s.venues.map(\.id) + s.advisers.map(\.id))
        if !known.contains(who) { p["who"] = "Choose a facilitator, adviser or venue from the list." }
        if day(in: s) == nil { p["from"] = "Enter a date in the plan year, e.g. \(s.year + 1)-01-04." }
        return p
    }
}
