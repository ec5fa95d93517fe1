import Foundation

/// Files a planner may download: only regular files whose real path lies inside
/// the real outputs folder, never anything else.
enum Downloads {
    /// The bytes and content type of `path` (relative to `outputs`), or nil when it may not be served.
    ///
    /// The name must be one of the plan's kinds of output (plan.json, report.html,
    /// csv/*.csv, calendars/*.ics); then symlinks are resolved and the real path must
    /// stay inside the outputs folder's real path, and the file is opened without
    /// following a link and checked to be a regular file on the open descriptor, so
    /// a link swapped in after the check is not followed either.
    static func file(_ path: String, in outputs: URL) -> (Data, String)? {
        guard let type = contentType(path), let root = realPath(outputs.path),
              let real = realPath(outputs.appendingPathComponent(path).path), real.hasPrefix(root + "/") else { return nil }
        let fd = open(real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, let data = try? handle.readToEnd() ?? Data() else { return nil }
        return (data, type)
    }

    /// The content type of an allowed output name, or nil for any other name (`..`, hidden files, other folders).
    static func contentType(_ path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." && !$0.contains("\\") && !$0.hasPrefix(".") }) else { return nil }
        switch (parts.count, parts.first ?? "", (path as NSString).pathExtension) {
        case (1, "plan.json", _): return "application/json"
        case (1, "report.html", _): return "text/html; charset=utf-8"
        case (2, "csv", "csv"): return "text/csv; charset=utf-8"
        case (2, "calendars", "ics"): return "text/calendar; charset=utf-8"
        default: return nil
        }
    }

    /// realpath(3): every link and `..` resolved; nil when the file does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
