import Foundation
import Testing
@testable import HubModel

/// A run's output folder is replaced as a whole (issue 19, item 5).
@Suite struct OutputFolderTests {
    /// A scratch parent folder holding `out` with an earlier run's files and a planner's own.
    struct Scratch {
        let parent: URL
        var out: URL { parent.appendingPathComponent("out") }

        init() throws {
            parent = FileManager.default.temporaryDirectory.appendingPathComponent("outputs-\(UUID().uuidString)")
            for (path, text) in [("plan.json", "old plan"), ("csv/costs.csv", "old costs"), ("csv/gone.csv", "only in the old run"),
                                 ("notes.txt", "the planner's notes"), ("whatif/base/plan.json", "another command's output")] {
                try write(text, to: path)
            }
        }

        func write(_ text: String, to path: String) throws {
            let url = out.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        func read(_ path: String) -> String? {
            FileManager.default.contents(atPath: out.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
        }

        /// Every file under `out`, relative, with its text.
        func files() -> [String: String] {
            var all: [String: String] = [:]
            let e = FileManager.default.enumerator(at: out, includingPropertiesForKeys: [.isRegularFileKey])
            while let url = e?.nextObject() as? URL {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                let path = String(url.path.dropFirst(out.path.count + 1))
                all[path] = read(path)
            }
            return all
        }

        /// Names beside `out` other than `out` itself (staging or retired folders).
        func siblings() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []).filter { $0 != "out" }.sorted()
        }

        func remove() { try? FileManager.default.removeItem(at: parent) }
    }

    @Test func replacesTheRunsFilesWholeAndKeepsEverythingElse() throws {
        let s = try Scratch()
        defer { s.remove() }
        let run = try OutputFolder(replacing: s.out)
        try run.write("new plan", to: "plan.json")
        try run.write("new costs", to: "csv/costs.csv")
        try run.commit()
        #expect(s.files() == ["plan.json": "new plan", "csv/costs.csv": "new costs", "notes.txt": "the planner's notes",
                              "whatif/base/plan.json": "another command's output"])
        #expect(s.siblings() == [])
    }

    @Test func aFailedWriteLeavesTheFolderAsItWasAndNoStagingBehind() throws {
        let s = try Scratch()
        defer { s.remove() }
        let before = s.files()
        let run = try OutputFolder(replacing: s.out)
        try run.write("new plan", to: "plan.json")
        // A file where a folder must go: the second write fails part way through the run.
        #expect(throws: (any Error).self) { try run.write("x", to: "plan.json/inside.csv") }
        #expect(s.files() == before)
        #expect(s.siblings() == [])
    }

    /// Where the file system cannot exchange two folders, the old one is renamed
    /// aside and the new one in: still one folder or the other, never a mix.
    @Test func theTwoRenameFallbackSwitchesTheFolderWhole() throws {
        let s = try Scratch()
        defer { s.remove() }
        let staged = s.parent.appendingPathComponent("staged")
        try FileManager.default.createDirectory(at: staged, withIntermediateDirectories: true)
        try Data("new plan".utf8).write(to: staged.appendingPathComponent("plan.json"))
        try Swap.replace(s.out, with: staged, allowExchange: false)
        #expect(s.files() == ["plan.json": "new plan"])
        // The previous folder is now at the staging name, for the caller to remove.
        #expect(FileManager.default.fileExists(atPath: staged.appendingPathComponent("notes.txt").path))
        #expect(s.siblings() == ["staged"])
    }

    /// A run killed between the fallback's two renames left no `out`, a retired
    /// folder (the old outputs, whole) and its staging folder: the next run puts
    /// the old folder back and removes the staging one before it writes.
    @Test func theNextRunRepairsAKillBetweenTheTwoRenames() throws {
        let s = try Scratch()
        defer { s.remove() }
        let before = s.files()
        let retired = s.parent.appendingPathComponent(Leftovers.retiredName(for: s.out))
        try FileManager.default.moveItem(at: s.out, to: retired)
        let staging = s.parent.appendingPathComponent(Leftovers.stagingName(for: s.out))
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: staging.appendingPathComponent("plan.json"))
        let run = try OutputFolder(replacing: s.out)
        #expect(s.files() == before)
        #expect(s.siblings() == [run.staging.lastPathComponent])
        run.abandon()
        #expect(s.siblings() == [])
    }

    @Test func leftoversOfAKilledRunAreRemovedButALiveRunsStagingIsNot() throws {
        let s = try Scratch()
        defer { s.remove() }
        let dead = s.parent.appendingPathComponent(Leftovers.stagingName(for: s.out))
        try FileManager.default.createDirectory(at: dead.appendingPathComponent("csv"), withIntermediateDirectories: true)
        try Data("half".utf8).write(to: dead.appendingPathComponent("csv/costs.csv"))
        let live = try OutputFolder(replacing: s.out)     // holds its lock, as a run in another process would
        // Hidden temporary files that earlier versions' killed writes left among the outputs.
        try s.write("x", to: ".plan.json.\(UUID().uuidString).tmp")
        try s.write("x", to: "csv/.costs.csv.\(UUID().uuidString).tmp")
        try s.write("x", to: "whatif/.comparison.csv.\(UUID().uuidString).tmp")
        let next = try OutputFolder(replacing: s.out)
        #expect(s.siblings() == [live.staging.lastPathComponent, next.staging.lastPathComponent].sorted())
        try next.write("new plan", to: "plan.json")
        try next.commit()
        live.abandon()
        #expect(s.siblings() == [])
        #expect(s.files().keys.filter { $0.hasSuffix(".tmp") } == [])
        #expect(s.files()["notes.txt"] == "the planner's notes")
    }

    @Test func temporaryFileNamesAreRecognisedAndNothingElse() {
        #expect(Leftovers.isTemporaryFile(".plan.json.\(UUID().uuidString).tmp"))
        #expect(!Leftovers.isTemporaryFile("plan.json.tmp"))
        #expect(!Leftovers.isTemporaryFile(".notes.tmp"))
    }
}

extension OutputFolderTests {
    @Test func anOutputPathThatIsAFileIsRefusedAndKept() throws {
        let s = try Scratch()
        defer { s.remove() }
        let file = s.parent.appendingPathComponent("plan-here")
        try Data("a planner's file".utf8).write(to: file)
        #expect(throws: AtomicFile.WriteError(path: file.path, reason: "it exists and is not a folder")) { try OutputFolder(replacing: file) }
        #expect(FileManager.default.contents(atPath: file.path) == Data("a planner's file".utf8))
    }

    @Test func aLinkToTheOutputsStaysALinkAndItsFolderIsReplaced() throws {
        let s = try Scratch()
        defer { s.remove() }
        let link = s.parent.appendingPathComponent("latest")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: s.out)
        let run = try OutputFolder(replacing: link)
        try run.write("new plan", to: "plan.json")
        try run.commit()
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == s.out.path)
        #expect(s.read("plan.json") == "new plan")
        #expect(s.read("notes.txt") == "the planner's notes")
    }
}

/// Writing "to" a device must not replace it (issue 19: /dev/null was found a regular file on this machine).
@Suite struct AtomicFileDeviceTests {
    @Test func writingToACharacterDeviceWritesIntoItAndKeepsTheDevice() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dev-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let null = dir.appendingPathComponent("null")
        // A private copy of /dev/null (major 1, minor 3); making one needs root, as the fault tests do.
        try #require(mknod(null.path, S_IFCHR | 0o666, (1 << 8) | 3) == 0, "mknod needs root")
        try AtomicFile.write("a forecast nobody keeps", to: null)
        #expect(AtomicFile.isDeviceOrPipe(null))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["null"])
    }
}
