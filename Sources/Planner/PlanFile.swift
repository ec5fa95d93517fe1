import Foundation
import HubModel

/// Reads and writes `plan.json`.
public enum PlanFile {
    public static func encode(_ plan: Plan) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(plan)
    }

    /// Writes atomically (temporary file, then rename).
    public static func write(_ plan: Plan, to url: URL) throws {
        try AtomicFile.write(try encode(plan), to: url)
    }

    /// - Throws: ``PlannerError/invalidPlanFile(_:)`` naming the file and what is wrong.
    public static func read(_ url: URL) throws -> Plan {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PlannerError.invalidPlanFile("\(url.path): cannot read the file")
        }
        do {
            return try JSONDecoder().decode(Plan.self, from: data)
        } catch let DecodingError.dataCorrupted(c) {
            throw PlannerError.invalidPlanFile("\(url.path): not valid JSON: \(c.debugDescription)")
        } catch let DecodingError.keyNotFound(key, c) {
            throw PlannerError.invalidPlanFile("\(url.path): missing key '\(key.stringValue)' at \(path(c.codingPath))")
        } catch let DecodingError.typeMismatch(_, c) {
            throw PlannerError.invalidPlanFile("\(url.path): wrong type at \(path(c.codingPath)): \(c.debugDescription)")
        } catch let DecodingError.valueNotFound(_, c) {
            throw PlannerError.invalidPlanFile("\(url.path): missing value at \(path(c.codingPath))")
        } catch {
            throw PlannerError.invalidPlanFile("\(url.path): \(error)")
        }
    }

    /// Last year's plan for a scenario: `path` when given (a command's --continue-from),
    /// otherwise the scenario's `continueFrom`, relative to its folder `home`; nil for neither.
    ///
    /// - Throws: ``PlannerError/invalidPlanFile(_:)`` naming the file, and where the scenario names it.
    public static func lastYear(of scenario: Scenario, home: String, path: String? = nil) throws -> Plan? {
        guard let given = path ?? scenario.continueFrom else { return nil }
        let resolved = path != nil || given.hasPrefix("/") ? given : (home as NSString).appendingPathComponent(given)
        do {
            return try read(URL(fileURLWithPath: resolved))
        } catch PlannerError.invalidPlanFile(let why) where path == nil {
            throw PlannerError.invalidPlanFile("scenario.yaml: continueFrom: last year's plan: \(why)")
        }
    }

    static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
    }
}
