import Foundation

/// Writes files so that a crash, a full disk or a refused rename never leaves half a file.
public enum AtomicFile {
    public struct WriteError: Error, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// Writes `data` to a temporary file beside `url`, flushes it, then renames it over `url`.
    ///
    /// For one file. A run that writes several files writes them into an
    /// ``OutputFolder``, which replaces them all at once.
    public static func write(_ data: Data, to url: URL) throws {
        if isDeviceOrPipe(url) {
            // /dev/null, /dev/stdout, a FIFO: write into it. A rename would put a
            // regular file where the device was (for /dev/null, for every program).
            guard let handle = FileHandle(forWritingAtPath: url.path) else {
                throw WriteError(path: url.path, reason: String(cString: strerror(errno)))
            }
            defer { try? handle.close() }
            do { try handle.write(contentsOf: data) } catch { throw WriteError(path: url.path, reason: reason(for: error)) }
            return
        }
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        try writeFlushed(data, to: tmp, reportingAs: url)
        if rename(tmp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw WriteError(path: url.path, reason: reason)
        }
    }

    /// Whether `url` (links followed) is something other than a regular file or a folder.
    static func isDeviceOrPipe(_ url: URL) -> Bool {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type != S_IFREG && type != S_IFDIR
    }

    /// Creates `file` (which must not exist), writes and flushes `data`; on failure
    /// removes it and throws an error about `name`, the path the user knows.
    static func writeFlushed(_ data: Data, to file: URL, reportingAs name: URL) throws {
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw WriteError(path: name.path, reason: reasonForCreateFailure(file.deletingLastPathComponent()))
        }
        do {
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw WriteError(path: name.path, reason: reason(for: error))
        }
    }

    public static func write(_ text: String, to url: URL) throws { try write(Data(text.utf8), to: url) }

    /// Foundation's messages are vague ("There isn't enough space"); say what to do.
    static func reason(for error: Error) -> String {
        switch (error as? CocoaError)?.code {
        case .fileWriteOutOfSpace?: return "the disk is full (No space left on device); free some space and run again"
        case .fileWriteVolumeReadOnly?: return "the folder is on a read-only disk"
        case .fileWriteNoPermission?: return "permission denied"
        default: return error.localizedDescription
        }
    }

    /// Why creating something in `dir` failed with `errno`, in the words the messages above use.
    static func reason(errno code: Int32, creatingIn dir: URL) -> String {
        switch code {
        case ENOSPC: return "the disk is full (No space left on device); free some space and run again"
        case EROFS: return "folder \(dir.path) is read-only (Read-only file system)"
        case EACCES, EPERM: return "folder \(dir.path): permission denied"
        case ENOENT: return "folder \(dir.path) does not exist"
        default: return String(cString: strerror(code))
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
