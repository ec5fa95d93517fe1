import Foundation

/// Where overlays made in the browser are kept: DIR/.hubplan/overlays/, apart from
/// the scenario's own (shipped or hand-written) `whatif/` files, so the command line
/// can replay them (`hubplan whatif DIR --variant …`) and none of the planner's is replaced.
struct OverlayFolder {
    let url: URL

    init(scenario directory: URL) {
        url = directory.appendingPathComponent(".hubplan/overlays")
    }

    /// Saves `text` as NAME.yaml, or NAME-2.yaml, NAME-3.yaml, … when that name is
    /// taken, and returns the file; an existing file is never replaced.
    ///
    /// The text is written to a temporary file first and then hard-linked to its
    /// name: link(2) fails when the name exists, so two jobs racing for one name
    /// cannot overwrite each other, and a crash never leaves half a file.
    func saveFresh(_ text: String, name: String) throws -> URL {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let temporary = url.appendingPathComponent(".\(name).\(UUID().uuidString).tmp")
        try Data(text.utf8).write(to: temporary)
        defer { unlink(temporary.path) }
        for attempt in 1...1000 {
            let file = url.appendingPathComponent(attempt == 1 ? "\(name).yaml" : "\(name)-\(attempt).yaml")
            if link(temporary.path, file.path) == 0 { return file }
            guard errno == EEXIST else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        }
        throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: url.appendingPathComponent("\(name).yaml").path])
    }
}
