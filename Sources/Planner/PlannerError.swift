/// Why planning or reading a plan failed.
public enum PlannerError: Error, CustomStringConvertible {
    case stageFailed(String)
    case invalidPlanFile(String)

    public var description: String {
        switch self {
        case .stageFailed(let s): "planning failed: \(s)"
        case .invalidPlanFile(let s): s
        }
    }
}
