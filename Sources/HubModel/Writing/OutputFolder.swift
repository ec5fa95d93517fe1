import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A run's output folder, replaced as a whole: the run writes into a staging
/// folder beside it, and one rename switches the new folder in. A reader, or a
/// run killed at any moment, sees the previous outputs whole or the new ones
/// whole, never a mix.
///
/// The staging folder is `.NAME.hubplan-staging-UUID` in the output folder's
/// parent (a rename cannot cross file systems, so it must be a sibling). The
/// switch is `renameat2(RENAME_EXCHANGE)` where the kernel and file system
/// offer it; elsewhere the old folder is first renamed aside to
/// `.NAME.hubplan-retired-UUID` and the staging folder then renamed into place,
/// so a kill between the two leaves no folder at all rather than a mixed one
/// (the next run puts the retired one back before it starts).
///
/// The output folder may hold things that are not the run's (the default
/// `DIR/out` also holds `whatif/` and `replan/`, and a planner may keep notes
/// there). The run owns only the top-level names it writes (for a plan:
/// `plan.json`, `report.html`, `csv/`, `calendars/`): those are replaced
/// whole, so a calendar of a facilitator who has left does not linger. Every
/// other entry is carried into the new folder as hard links (a copy where the
/// file system has none), so it is kept without being copied and without the
/// old folder being touched before the switch.
///
/// Leftovers of a killed run (staging and retired folders no live process
/// holds) are removed when the next run into the same folder starts; the
/// hidden `.tmp` files of killed single-file writes (earlier versions wrote
/// each output that way) are not carried into the new folder.
public final class OutputFolder {
    /// The folder the run replaces.
    public let url: URL
    /// Where the run writes until ``commit()``.
    public let staging: URL
    private var lock: FolderLock?
    private var owned: Set<String> = []

    /// Cleans up after earlier killed runs and creates an empty staging folder.
    ///
    /// - Throws: ``AtomicFile/WriteError`` when the staging folder cannot be
    ///   created (the parent is missing, read-only, or the disk is full).
    public init(replacing url: URL) throws {
        // A symbolic link to the outputs stays a link: the folder it points to is replaced.
        self.url = url.standardizedFileURL.resolvingSymlinksInPath()
        let parent = self.url.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: self.url.path, isDirectory: &isFolder)
        // The exchange would swap a file for the folder and then remove the file.
        if exists && !isFolder.boolValue { throw AtomicFile.WriteError(path: self.url.path, reason: "it exists and is not a folder") }
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        Leftovers.clean(beside: self.url)
        staging = parent.appendingPathComponent(Leftovers.stagingName(for: self.url))
        guard mkdir(staging.path, 0o755) == 0 else {
            throw AtomicFile.WriteError(path: self.url.path, reason: AtomicFile.reason(errno: errno, creatingIn: parent))
        }
        lock = FolderLock(staging)
        // The new folder keeps the old one's permissions (a folder shared with a group, say).
        if exists, let mode = try? FileManager.default.attributesOfItem(atPath: self.url.path)[.posixPermissions] as? Int {
            _ = chmod(staging.path, mode_t(mode))
        }
    }

    /// Writes one file of the run at `relativePath` ("plan.json", "csv/costs.csv").
    public func write(_ data: Data, to relativePath: String) throws {
        let target = staging.appendingPathComponent(relativePath)
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.writeFlushed(data, to: target, reportingAs: url.appendingPathComponent(relativePath))
        } catch {
            abandon()
            throw error
        }
        owned.insert(String(relativePath.split(separator: "/").first ?? Substring(relativePath)))
    }

    public func write(_ text: String, to relativePath: String) throws { try write(Data(text.utf8), to: relativePath) }

    /// Switches the staged folder in with one rename, then removes the previous one.
    ///
    /// - Throws: ``AtomicFile/WriteError``; the previous folder is then as it was.
    public func commit() throws {
        defer { abandon() }
        do {
            try carryOver()
            Durability.sync(folderTree: staging)
            try Swap.replace(url, with: staging)
        } catch let e as AtomicFile.WriteError {
            throw e
        } catch {
            throw AtomicFile.WriteError(path: url.path, reason: AtomicFile.reason(for: error))
        }
        Durability.sync(folder: url.deletingLastPathComponent())
    }

    /// Removes the staging folder (after a commit it holds the previous outputs).
    public func abandon() {
        if lock != nil { try? FileManager.default.removeItem(at: staging) }
        lock = nil
    }

    deinit { abandon() }

    /// Links every entry of the current folder that this run does not own into the staging folder.
    private func carryOver() throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
        for name in names where !owned.contains(name) && !Leftovers.isTemporaryFile(name) {
            try HardLinkCopy.copy(url.appendingPathComponent(name), to: staging.appendingPathComponent(name))
        }
    }
}

/// An exclusive `flock` on a folder, held while a run uses it, so the next run
/// can tell a live run's staging folder from a dead run's leftover.
final class FolderLock {
    private let fd: Int32

    /// Takes the lock, or returns nil when another process holds it.
    init?(_ folder: URL, wait: Bool = false) {
        fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { return nil }
        if flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            close(fd)
            return nil
        }
    }

    deinit { close(fd) }
}

/// Names of staging and retired folders, and their removal after a killed run.
enum Leftovers {
    static let stagingTag = ".hubplan-staging-", retiredTag = ".hubplan-retired-"

    static func stagingName(for url: URL) -> String { ".\(url.lastPathComponent)\(stagingTag)\(UUID().uuidString)" }
    static func retiredName(for url: URL) -> String { ".\(url.lastPathComponent)\(retiredTag)\(UUID().uuidString)" }

    /// `AtomicFile.write`'s temporary names: `.NAME.UUID.tmp`.
    static func isTemporaryFile(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropLast(4).split(separator: ".")
        return parts.count >= 2 && UUID(uuidString: String(parts.last!)) != nil
    }

    /// Puts back a folder a killed run had renamed aside, then removes every
    /// staging or retired folder of `url` that no live run holds.
    static func clean(beside url: URL) {
        let parent = url.deletingLastPathComponent(), prefix = ".\(url.lastPathComponent)"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []).filter { $0.hasPrefix(prefix) }
        for name in names.sorted() {
            let rest = name.dropFirst(prefix.count), leftover = parent.appendingPathComponent(name)
            guard rest.hasPrefix(stagingTag) || rest.hasPrefix(retiredTag), let held = FolderLock(leftover) else { continue }
            // A retired folder is a whole earlier output folder: when the run that
            // set it aside died before switching in its own, it is the one to keep.
            if rest.hasPrefix(retiredTag), !FileManager.default.fileExists(atPath: url.path), rename(leftover.path, url.path) == 0 {
                continue
            }
            try? FileManager.default.removeItem(at: leftover)
            withExtendedLifetime(held) {}
        }
    }
}

/// The one rename that switches a staged folder in.
enum Swap {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameExchange: UInt32 = 2   // RENAME_EXCHANGE, linux/fs.h

    /// glibc 2.28 and later have renameat2; looked up at run time so an older
    /// system takes the fallback instead of failing to start.
    private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    /// Puts `staged` at `url`; the previous `url` (if any) ends up at `staged`'s name.
    static func replace(_ url: URL, with staged: URL, allowExchange: Bool = true) throws {
        if !FileManager.default.fileExists(atPath: url.path) {
            guard rename(staged.path, url.path) == 0 else { throw failure(url) }
            return
        }
        if allowExchange, let exchange = renameat2 {
            if exchange(AT_FDCWD, staged.path, AT_FDCWD, url.path, renameExchange) == 0 { return }
            // EINVAL/ENOSYS: this file system cannot exchange; anything else is a real failure.
            guard errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP else { throw failure(url) }
        }
        try replaceInTwoSteps(url, with: staged)
    }

    /// Renames the old folder aside, then the new one in. Between the two the
    /// folder is absent, never mixed; ``Leftovers/clean(beside:)`` repairs a kill there.
    static func replaceInTwoSteps(_ url: URL, with staged: URL) throws {
        let retired = url.deletingLastPathComponent().appendingPathComponent(Leftovers.retiredName(for: url))
        // Locked before the rename, so no other run's clean-up restores or removes it meanwhile.
        let held = FolderLock(url, wait: true)
        guard rename(url.path, retired.path) == 0 else { throw failure(url) }
        guard rename(staged.path, url.path) == 0 else {
            let error = failure(url)
            _ = rename(retired.path, url.path)
            throw error
        }
        // The caller removes what is at the staging name: move the old folder there.
        _ = rename(retired.path, staged.path)
        withExtendedLifetime(held) {}
    }

    private static func failure(_ url: URL) -> AtomicFile.WriteError {
        AtomicFile.WriteError(path: url.path, reason: AtomicFile.reason(errno: errno, creatingIn: url.deletingLastPathComponent()))
    }
}

/// Copies a file tree as hard links: no data is copied and the source is untouched.
enum HardLinkCopy {
    static func copy(_ source: URL, to target: URL) throws {
        let fm = FileManager.default
        let attributes = try fm.attributesOfItem(atPath: source.path)
        switch attributes[.type] as? FileAttributeType {
        case .typeDirectory?:
            try fm.createDirectory(at: target, withIntermediateDirectories: false)
            for name in try fm.contentsOfDirectory(atPath: source.path) where !Leftovers.isTemporaryFile(name) {
                try copy(source.appendingPathComponent(name), to: target.appendingPathComponent(name))
            }
        case .typeSymbolicLink?:
            try fm.createSymbolicLink(atPath: target.path, withDestinationPath: try fm.destinationOfSymbolicLink(atPath: source.path))
        case .typeRegular?:
            // A file system without hard links (or a file on another mount) gets a copy.
            if link(source.path, target.path) != 0 { try fm.copyItem(at: source, to: target) }
        default:
            break   // sockets, pipes, devices: not outputs, and not safe to copy
        }
    }
}

/// fsync for folders, so that after a power cut the switch is either done or not.
enum Durability {
    static func sync(folder: URL) {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    static func sync(folderTree root: URL) {
        sync(folder: root)
        let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey])
        while let url = e?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true { sync(folder: url) }
        }
    }
}
