import Foundation

/// Writes files so that a crash, a full disk or a refused rename never leaves half a file.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// Writes `data` to a temporary file beside `url`, flushes it, then renames it over `url`.
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: tmp.path, contents: nil) else {
            throw WriteError(path: url.path, reason: reasonForCreateFailure(dir))
        }
        do {
            let handle = try FileHandle(forWritingTo: tmp)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw WriteError(path: url.path, reason: "\(error.localizedDescription)")
        }
        if rename(tmp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw WriteError(path: url.path, reason: reason)
        }
    }

    public static func write(_ text: String, to url: URL) throws { try write(Data(text.utf8), to: url) }

    private static func reasonForCreateFailure(_ dir: URL) -> String {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir) { return "folder \(dir.path) does not exist" }
        if !isDir.boolValue { return "\(dir.path) is not a folder" }
        if !FileManager.default.isWritableFile(atPath: dir.path) { return "folder \(dir.path) is read-only" }
        return "the file could not be created (disk full?)"
    }
}
