import Foundation
import Testing

@Suite struct WorkbookCommandTests {
    /// plan.json without what depends on the clock.
    static func timeless(_ url: URL) throws -> NSDictionary {
        func strip(_ o: Any) -> Any {
            if let d = o as? [String: Any] {
                return d.filter { !["seconds", "buildSeconds"].contains($0.key) }.mapValues(strip)
            }
            if let a = o as? [Any] { return a.map(strip) }
            return o
        }
        return strip(try JSONSerialization.jsonObject(with: Data(contentsOf: url))) as! NSDictionary
    }

    @Test func aScenarioExportedAsAWorkbookPlansTheSameAndComesBackUnchanged() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("s"), workbook = dir.appendingPathComponent("hub.xlsx"), back = dir.appendingPathComponent("back")
        #expect(try CLI.run(["generate", "--size", "S", "--seed", "7", "--out", folder.path, "--quiet"]).exitCode == 0)
        let export = try CLI.run(["export", folder.path, "--xlsx", workbook.path])
        #expect(export.exitCode == 0, "\(export.stderr)")
        #expect(try CLI.run(["validate", workbook.path, "--quiet"]).exitCode == 0)
        #expect(try CLI.run(["export", workbook.path, "--folder", back.path, "--quiet"]).exitCode == 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".csv") || name.hasSuffix(".yaml") {
            #expect(try Data(contentsOf: back.appendingPathComponent(name)) == (try Data(contentsOf: folder.appendingPathComponent(name))), "\(name)")
        }
        let fromFolder = try CLI.run(["plan", folder.path, "--out", dir.appendingPathComponent("out-folder").path, "--quiet"])
        let fromWorkbook = try CLI.run(["plan", workbook.path, "--quiet"])
        #expect(fromFolder.exitCode == 0 && fromWorkbook.exitCode == 0, "\(fromWorkbook.stderr)")
        // A workbook's outputs go to out/ in the folder that holds it.
        let planned = dir.appendingPathComponent("out/plan.json")
        #expect(try Self.timeless(planned) == (try Self.timeless(dir.appendingPathComponent("out-folder/plan.json"))))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/plan.xlsx").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".hubplan/runs.sqlite").path))
    }

    @Test(arguments: [
        ("not-a-zip", Data("id,name\nA,B\n".utf8), "not an Excel workbook (not a ZIP package)"),
        ("protected", Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)), "a password-protected (encrypted) workbook"),
        ("empty-zip", Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)), "a ZIP file but not an Excel workbook"),
    ])
    func aBadWorkbookExitsTwoWithAClearMessage(name: String, bytes: Data, message: String) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("\(name).xlsx")
        try bytes.write(to: file)
        for command in [["validate"], ["plan"], ["forecast"], ["export", "--folder", dir.appendingPathComponent("x").path]] {
            let run = try CLI.run([command[0], file.path] + command.dropFirst())
            #expect(run.exitCode == 2, "\(command)")
            #expect(run.stderr.contains("\(file.path): error: \(message)"), "\(run.stderr)")
        }
    }

    @Test func exportRefusesABrokenScenarioAndWritesNothing() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("s"), workbook = dir.appendingPathComponent("hub.xlsx")
        try FileManager.default.copyItem(at: CLI.shippedScenario, to: folder)
        let rooms = folder.appendingPathComponent("rooms.csv")
        var lines = try String(contentsOf: rooms, encoding: .utf8).components(separatedBy: "\n")
        let fields = lines[13].split(separator: ",").map(String.init)
        lines[13] = ([fields[0], fields[1], "-5"]).joined(separator: ",")
        try lines.joined(separator: "\n").write(to: rooms, atomically: true, encoding: .utf8)
        // The folder is invalid, so the workbook is made from it by hand: export refuses a broken scenario.
        let refused = try CLI.run(["export", folder.path, "--xlsx", workbook.path])
        #expect(refused.exitCode == 2)
        #expect(refused.stderr.contains("rooms.csv:14:3: error: capacity: -5 is out of range; expected 1 to 5000"))
        #expect(!FileManager.default.fileExists(atPath: workbook.path))
    }
}
