/// Why the solver could not give an answer at all. (Infeasible and unbounded
/// models are answers, reported in ``SolveResult/status``, not errors.)
public enum SolverError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The model breaks a rule GLPK would abort on; fix the model and build again.
    case invalidModel([String])
    /// GLPK raised a fatal error; its message is kept. Report it as a bug with the model attached.
    case glpkFatal(String)
    /// A model file could not be read: `file:line: message` where GLPK gives a line.
    case unreadableFile(path: String, line: Int?, message: String)
    /// A model file could not be written (disk full, no permission, ...).
    case unwritableFile(path: String, message: String)
    /// GLPK returned an error code the caller cannot act on (numerical trouble, ...).
    case solveFailed(String)

    public var description: String {
        switch self {
        case .invalidModel(let problems):
            return "invalid model:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        case .glpkFatal(let message):
            return "GLPK internal error: \(message)"
        case .unreadableFile(let path, let line, let message):
            if let line { return "\(path):\(line): \(message)" }
            return "\(path): \(message)"
        case .unwritableFile(let path, let message):
            return "\(path): cannot write: \(message)"
        case .solveFailed(let message):
            return "solve failed: \(message)"
        }
    }
}
