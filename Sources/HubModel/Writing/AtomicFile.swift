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
        let tmp = try stage(data, beside: url)
        try move(tmp, to: url)
    }

    /// Writes `data` to a flushed temporary file in `url`'s folder and returns it.
    static func stage(_ data: Data, beside url: URL) throws -> URL {
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
            throw WriteError(path: url.path, reason: reason(for: error))
        }
        return tmp
    }

    static func move(_ tmp: URL, to url: URL) throws {
        if rename(tmp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw WriteError(path: url.path, reason: reason)
        }
    }

    /// Several files written all or nothing: each is staged beside its place, and
    /// only when every one is on disk are they renamed into place. A full disk or a
    /// read-only folder part way leaves every earlier file as it was.
    public final class Batch {
        private var staged: [(tmp: URL, url: URL)] = []
        private var done = false

        public init() {}

        public func add(_ data: Data, to url: URL) throws {
            do {
                staged.append((try AtomicFile.stage(data, beside: url), url))
            } catch {
                abandon()
                throw error
            }
        }

        public func add(_ text: String, to url: URL) throws { try add(Data(text.utf8), to: url) }

        /// Renames every staged file into place (renames need no space).
        public func commit() throws {
            defer { abandon() }
            while !staged.isEmpty {
                let (tmp, url) = staged.removeFirst()
                try AtomicFile.move(tmp, to: url)
            }
            done = true
        }

        /// Removes what was staged and not yet committed.
        public func abandon() {
            for (tmp, _) in staged { try? FileManager.default.removeItem(at: tmp) }
            staged = []
        }

        deinit { if !done { abandon() } }
    }

    public static func write(_ text: String, to url: URL) throws { try write(Data(text.utf8), to: url) }

    /// Foundation's messages are vague ("There isn't enough space"); say what to do.
    private static func reason(for error: Error) -> String {
        switch (error as? CocoaError)?.code {
        case .fileWriteOutOfSpace?: return "the disk is full (No space left on device); free some space and run again"
        case .fileWriteVolumeReadOnly?: return "the folder is on a read-only disk"
        case .fileWriteNoPermission?: return "permission denied"
        default: return error.localizedDescription
        }
    }

    private static func reasonForCreateFailure(_ dir: URL) -> String {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir) { return "folder \(dir.path) does not exist" }
        if !isDir.boolValue { return "\(dir.path) is not a folder" }
        if !FileManager.default.isWritableFile(atPath: dir.path) { return "folder \(dir.path) is read-only" }
        return "the file could not be created (\(String(cString: strerror(errno))))"
    }
}
