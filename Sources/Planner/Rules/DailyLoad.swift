import Foundation
import HubModel

/// Nobody works more than a day's worth in one day: a morning and a twilight, but not a full day and a twilight.
struct DailyLoad: PlanRule {
    static let id = RuleID.dailyLoad
    static let sentence = "Nobody works more than a day's worth in one day: a morning and a twilight, but not a full day and a twilight."

    /// Whether `days` staff days fit in one day (the test the dating pass makes too).
    static func allows(days: Double) -> Bool { days <= 1 + 1e-9 }

    func check(_ f: PlanFacts) -> [String] {
        Dictionary(grouping: f.work, by: { "\($0.who)|\($0.day)" }).compactMap { _, work in
            let days = work.reduce(0) { $0 + $1.days }
            guard !Self.allows(days: days) else { return nil }
            return "\(work[0].who) works \(days.formatted()) days on \(work[0].day): \(work.map(\.what).joined(separator: "; "))"
        }
    }
}
