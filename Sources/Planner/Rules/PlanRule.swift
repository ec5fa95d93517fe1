import HubModel

/// A hard rule of a plan. Each rule is one type in one file of this folder: its
/// id, its sentence in the planner's words, and its own check of a finished plan.
/// The checker is the list of these checks (``PlanChecker/rules``).
///
/// Where a rule also limits what the models may choose, the limit is a function
/// of the rule's type that the stages call (for example ``FacilitatorTermLoad``),
/// so the number and its comparison are written once.
public protocol PlanRule: Sendable {
    static var id: RuleID { get }
    /// The rule in one sentence, as a planner would say it.
    static var sentence: String { get }
    /// Every place the plan breaks the rule, in words.
    func check(_ facts: PlanFacts) -> [String]
}

/// One broken hard rule in a plan.
public struct PlanViolation: Sendable, Equatable, CustomStringConvertible {
    public var rule: RuleID
    public var message: String

    public init(rule: RuleID, message: String) {
        self.rule = rule
        self.message = message
    }

    public var description: String { "\(rule.rawValue): \(message)" }
}
