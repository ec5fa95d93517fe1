import HubModel

/// How much memory planning a scenario takes, estimated before it starts.
///
/// The team model dominates: its columns are cohorts × qualified facilitators, so
/// memory grows with enrolment rows × facilitators. Calibrated on the ladder's
/// measured peak resident memory (benchmarks/ladder.md: S 30 MB, M 31 MB, L 65 MB
/// with 3,751 enrolment rows and 147 facilitators), then doubled for the
/// branch-and-cut tree, which a hard instance can grow.
public struct MemoryEstimate: Sendable {
    public let enrolmentRows: Int
    public let facilitators: Int

    public init(_ scenario: Scenario) {
        enrolmentRows = scenario.enrolment.count
        facilitators = scenario.facilitators.count
    }

    /// Megabytes of peak memory to expect, with room for the search tree.
    public var megabytes: Double { 2 * (25 + 7.5e-5 * Double(enrolmentRows) * Double(facilitators)) }
}
