import Foundation

/// File formats GLPK reads and writes.
public enum ModelFileFormat: String, Sendable, CaseIterable {
    /// Fixed (column-positioned) MPS, as in MIPLIB 3.
    case fixedMPS = "fixed"
    /// Free (whitespace-separated) MPS.
    case freeMPS = "free"
    /// CPLEX LP.
    case cplexLP = "lp"

    /// The format suggested by a file name (`.lp`, `.mps`, either with `.gz`);
    /// nil when the name says nothing. `.mps` suggests free MPS, which reads
    /// most fixed files too; ``Model/read(from:format:)`` falls back to fixed.
    public static func guess(fromPath path: String) -> ModelFileFormat? {
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".lp") { return .cplexLP }
        if name.hasSuffix(".mps") || name.hasSuffix(".fmps") || name.hasSuffix(".free") { return .freeMPS }
        if name.hasSuffix(".fixed") { return .fixedMPS }
        return nil
    }
}

extension Model {
    /// Reads a model from an MPS or CPLEX LP file (gzip-compressed when the name ends in `.gz`).
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - format: The format; nil guesses from the name, and for MPS tries
    ///     free then fixed, reporting the attempt that read further.
    /// - Throws: ``SolverError/unreadableFile(path:line:message:)`` naming the line GLPK stopped at,
    ///   or the line of a coefficient outside ``coefficientMagnitudes``.
    public static func read(from path: String, format: ModelFileFormat? = nil) throws -> Model {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SolverError.unreadableFile(path: path, line: nil, message: "no such file")
        }
        if isDirectory.boolValue { throw SolverError.unreadableFile(path: path, line: nil, message: "is a directory") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw SolverError.unreadableFile(path: path, line: nil, message: "permission denied")
        }
        let attempts: [ModelFileFormat]
        switch format ?? ModelFileFormat.guess(fromPath: path) {
        case .some(.freeMPS) where format == nil: attempts = [.freeMPS, .fixedMPS]
        case .some(let f): attempts = [f]
        case .none:
            throw SolverError.unreadableFile(path: path, line: nil,
                message: "cannot tell the format from the name; use .mps, .lp (optionally .gz) or give the format")
        }
        var failures: [SolverError] = []
        for f in attempts {
            let outcome: Result<Model, SolverError> = try GLPK.withProblem { problem in
                let (ok, message) = try GLPK.read(problem, format: f, path: path)
                if ok { return .success(GLPK.model(from: problem)) }
                return .failure(readError(path: path, format: f, glpkOutput: message))
            }
            switch outcome {
            case .success(let model):
                // GLPK reads such a coefficient but cannot solve with it: refuse it
                // here, at its line, rather than as a GLPK internal error later.
                if let bad = model.coefficientOutOfRange() {
                    throw SolverError.unreadableFile(path: path, line: line(of: bad.value, variable: bad.variable, inFile: path),
                                                     message: coefficientMessage(bad))
                }
                return model
            case .failure(let error): failures.append(error)
            }
        }
        // Report the attempt that got furthest into the file.
        throw failures.max { lineOf($0) < lineOf($1) }!
    }

    /// Writes the model to a file, atomically: to a temporary name in the same
    /// folder, then renamed, so a failure never leaves half a file.
    ///
    /// - Throws: ``SolverError/invalidModel(_:)`` or ``SolverError/unwritableFile(path:message:)``.
    public func write(to path: String, format: ModelFileFormat) throws {
        let problems = validationProblems()
        if !problems.isEmpty { throw SolverError.invalidModel(problems) }
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(UUID().uuidString).\(url.lastPathComponent)").path
        try GLPK.withProblem { problem in
            try GLPK.load(self, into: problem)
            let (ok, message) = try GLPK.write(problem, format: format, path: tmp)
            if !ok {
                try? FileManager.default.removeItem(atPath: tmp)
                throw SolverError.unwritableFile(path: path, message: Self.lastLine(message))
            }
        }
        if rename(tmp, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: tmp)
            throw SolverError.unwritableFile(path: path, message: reason)
        }
    }

    private static func lineOf(_ e: SolverError) -> Int {
        if case .unreadableFile(_, let line, _) = e { return line ?? 0 }
        return 0
    }

    private static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init) ?? "GLPK could not write the file"
    }

    /// GLPK prints `path:LINE: message` for a syntax error; keep the line and message.
    static func readError(path: String, format: ModelFileFormat, glpkOutput: String) -> SolverError {
        let prefix = path + ":"
        let what = format == .cplexLP ? "CPLEX LP" : (format == .fixedMPS ? "fixed MPS" : "free MPS")
        for line in glpkOutput.split(separator: "\n").reversed() where line.hasPrefix(prefix) {
            let rest = line.dropFirst(prefix.count)
            if let colon = rest.firstIndex(of: ":"), let n = Int(rest[..<colon]) {
                let message = rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                return .unreadableFile(path: path, line: n, message: "\(message) (reading as \(what))")
            }
        }
        return .unreadableFile(path: path, line: nil, message: "not a valid \(what) file: \(lastLine(glpkOutput))")
    }
}
