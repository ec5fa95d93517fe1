import Foundation

extension RunStore {
    /// Where a scenario folder keeps its history: DIR/.hubplan/runs.sqlite.
    ///
    /// A scenario workbook (a file, `hub.xlsx`) keeps its history in the folder that holds it.
    public static func path(forScenario directory: String) -> String {
        var isFolder: ObjCBool = true
        let home = FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder) && !isFolder.boolValue
            ? (directory as NSString).deletingLastPathComponent : directory
        return ((home.isEmpty ? "." : home) as NSString).appendingPathComponent(".hubplan/runs.sqlite")
    }

    /// Records one run of `command` on a scenario folder, as every command and the web app do.
    ///
    /// - Parameters:
    ///   - extraInputs: files read besides the scenario's own (overlays, a previous plan); fingerprinted with it.
    ///   - settings: the run's settings, stored as JSON.
    ///   - kpis: its key figures, stored as JSON.
    ///   - outputs: the files it wrote.
    /// - Throws: when the database cannot be opened or written (callers warn and go on).
    public static func record(command: String, scenario: String, extraInputs: [String] = [], settings: [String: Any],
                              kpis: [String: Any], outputs: [String]) throws {
        func json(_ o: Any) -> String {
            String(decoding: (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])) ?? Data("{}".utf8), as: UTF8.self)
        }
        let store = try RunStore(path: path(forScenario: scenario))
        try store.record(RunRecord(time: now(), command: command, scenario: scenario,
                                   inputs: fingerprint(of: URL(fileURLWithPath: scenario), extra: extraInputs.map { URL(fileURLWithPath: $0) }),
                                   settings: json(settings), kpis: json(kpis), outputs: json(outputs)))
    }
}
