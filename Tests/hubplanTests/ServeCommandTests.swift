import Foundation
import Testing

/// `hubplan serve` end to end: it serves the plan `hubplan plan` left in DIR/out and changes none of its files.
@Suite struct ServeCommandTests {
    @Test func serveDoesNotOverwriteAnExistingOutFolder() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try CLI.scenarioCopy(in: dir)
        let plan = try CLI.run(["plan", scenario.path, "--quiet"])
        #expect(plan.exitCode == 0, "\(plan.stderr)")
        let out = scenario.appendingPathComponent("out")
        let before = dir.appendingPathComponent("out-before")
        try FileManager.default.copyItem(at: out, to: before)
        #expect(!(try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)).contains("No forecast"))

        let server = Process()
        server.executableURL = CLI.binary
        server.arguments = ["serve", scenario.path, "--port", String(Int.random(in: 20000...60000)), "--json"]
        let pipe = Pipe()
        server.standardOutput = pipe
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        // The first line is printed once the plan is chosen, before the server listens.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let started = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect((started["served"] as? String ?? "").contains("serving the plan in"))
        #expect(URL(fileURLWithPath: started["outputs"] as? String ?? "").standardizedFileURL.path == out.standardizedFileURL.path)
        server.interrupt()
        server.waitUntilExit()
        // Folders compared file by file, bytes included.
        #expect(FileManager.default.contentsEqual(atPath: out.path, andPath: before.path))
        #expect(!FileManager.default.fileExists(atPath: scenario.appendingPathComponent(".hubplan/serve").path))
    }
}
