import HubModel

/// A session (an event, for all it gathers) has at least one facilitator per so many participants as its programme (or event) sets, and at least one.
struct FacilitatorCount: PlanRule {
    static let id = RuleID.facilitatorCount
    static let sentence = "A session (an event, for all it gathers) has at least one facilitator per so many participants as its programme (or event) sets, and at least one."

    func check(_ f: PlanFacts) -> [String] {
        f.bookings.compactMap { d, attendees in
            // An event counts all its participants, at its own number per facilitator if it sets one.
            let ppf = max(1, (d.session.event != nil ? d.pattern.perFacilitator : nil) ?? d.programme.participantsPerFacilitator)
            let need = max(1, (attendees + ppf - 1) / ppf)
            let what = d.session.event.map { "event \($0)" } ?? d.label
            return d.session.facilitators.count >= need ? nil
                : "\(what): \(d.session.facilitators.count) facilitator(s) for \(attendees); needs \(need)"
        }
    }
}
