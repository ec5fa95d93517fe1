import Foundation
import Testing

/// A small tmpfs mounted for one test: a real full disk and a real read-only
/// folder (a read-only permission does not stop root, which the tests run as).
struct SmallDisk {
    let url: URL

    /// Mounting needs root (or CAP_SYS_ADMIN); where it is refused the tests are skipped.
    static let canMount: Bool = {
        guard let disk = try? SmallDisk(kilobytes: 64) else { return false }
        disk.unmount()
        return true
    }()

    init(kilobytes: Int) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("disk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        guard Self.sh("mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", url.path) == 0 else {
            try? FileManager.default.removeItem(at: url)
            throw CocoaError(.fileWriteNoPermission)
        }
    }

    func remountReadOnly() -> Bool { Self.sh("mount", "-o", "remount,ro", url.path) == 0 }

    /// Fills the disk but for about `kilobytes`.
    func fill(leaving kilobytes: Int) throws {
        let values = try url.resourceValues(forKeys: [.volumeAvailableCapacityKey])
        let free = values.volumeAvailableCapacity ?? 0
        let size = max(0, free - kilobytes * 1024)
        try Data(count: size).write(to: url.appendingPathComponent("filler"))
    }

    func unmount() {
        _ = Self.sh("umount", url.path)
        try? FileManager.default.removeItem(at: url)
    }

    @discardableResult
    static func sh(_ arguments: String...) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}

@Suite(.serialized, .enabled(if: SmallDisk.canMount, "mounting a tmpfs needs root"))
struct OutputFaultTests {
    /// Every output file and its bytes, relative to the folder.
    static func snapshot(_ dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)
        while let url = e?.nextObject() as? URL {
            if let d = try? Data(contentsOf: url), !url.hasDirectoryPath { out[url.path.replacingOccurrences(of: dir.path, with: "")] = d }
        }
        return out
    }

    /// A small disk holding a plan of a copy of the reference scenario in `out`, and that plan's files.
    static func diskWithAPlan() throws -> (disk: SmallDisk, out: URL, before: [String: Data], scenario: URL) {
        let disk = try SmallDisk(kilobytes: 4096)
        let out = disk.url.appendingPathComponent("out")
        let scenario = try CLI.referenceCopy()
        let first = try CLI.run(["plan", scenario.path, "--out", out.path, "--quiet"])
        guard first.exitCode == 0 else {
            disk.unmount()
            CLI.remove(scenario)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "first plan failed: \(first.stderr)"])
        }
        return (disk, out, snapshot(out), scenario)
    }

    @Test func aFullDiskIsAClearErrorAndLeavesThePreviousPlanWhole() throws {
        let (disk, out, before, scenario) = try Self.diskWithAPlan()
        defer { disk.unmount(); CLI.remove(scenario) }
        try disk.fill(leaving: 100)
        let second = try CLI.run(["plan", scenario.path, "--out", out.path, "--quiet", "--gap", "0.02"])
        #expect(second.exitCode == 2)
        #expect(second.stderr.contains("cannot write the plan"))
        #expect(second.stderr.contains("No space left on device") || second.stderr.contains("disk full"), "\(second.stderr)")
        // Nothing replaced, nothing half-written, no temporary files left behind.
        #expect(Self.snapshot(out) == before)
    }

    @Test func aReadOnlyFolderIsAClearErrorAndLeavesThePreviousPlanWhole() throws {
        let (disk, out, before, scenario) = try Self.diskWithAPlan()
        defer { disk.unmount(); CLI.remove(scenario) }
        try #require(disk.remountReadOnly())
        let second = try CLI.run(["plan", scenario.path, "--out", out.path, "--quiet"])
        #expect(second.exitCode == 2)
        #expect(second.stderr.contains("cannot write the plan"))
        #expect(second.stderr.contains("read-only") || second.stderr.contains("Read-only"), "\(second.stderr)")
        #expect(Self.snapshot(out) == before)
    }
}
