import HubModel

/// A session starts when its programme says and lasts as long.
///
/// The costs of a session's day follow from its hours, and the bound prices the
/// programme's own, so a session shortened in the plan would cost less than any
/// plan the bound speaks of.
struct SessionTime: PlanRule {
    static let id = RuleID.sessionTime
    static let sentence = "A session starts when its programme says and lasts as long."

    func check(_ f: PlanFacts) -> [String] {
        f.deliveries.compactMap { d in
            d.session.start == d.pattern.start && abs(d.session.hours - d.pattern.hours) < 1e-9 ? nil
                : "\(d.label) is at \(d.session.start) for \(d.session.hours) h; the programme says \(d.pattern.start) for \(d.pattern.hours) h"
        }
    }
}
