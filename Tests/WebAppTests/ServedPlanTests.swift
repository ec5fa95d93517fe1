import Foundation
import HubModel
import Testing
@testable import WebApp

/// `hubplan serve` never overwrites the planner's plan, and writes the report `hubplan plan` writes.
@Suite(.serialized) struct ServedPlanTests {
    /// Every file under `folder` with its bytes.
    func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let name = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = folder.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    @Test func withoutAPlanItPlansIntoItsOwnFolderWithTheForecast() throws {
        let served = try ServedScenario()
        let folder = served.url.appendingPathComponent(".hubplan/serve")
        #expect(served.state.served.outputs.standardizedFileURL.path == folder.standardizedFileURL.path)
        #expect(served.state.served.note.contains("no plan in") && served.state.served.note.contains("is not touched"))
        #expect(!FileManager.default.fileExists(atPath: served.url.appendingPathComponent("out").path))
        let report = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!report.contains("No forecast"))
        #expect(report.contains("<section id=\"forecast\">") && report.contains("<svg"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("csv/forecast.csv").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: served.url.appendingPathComponent(".hubplan").path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func anExistingValidPlanIsServedAndNotOverwritten() throws {
        // A plan the planner made: the app's own plan, copied to out/ as `hubplan plan` would leave it.
        let first = try ServedScenario()
        let made = try snapshot(first.state.served.outputs)
        let served = try ServedScenario { copy in
            try FileManager.default.copyItem(at: first.state.served.outputs, to: copy.appendingPathComponent("out"))
            try "kept".write(to: copy.appendingPathComponent("out/csv/planner-notes.csv"), atomically: true, encoding: .utf8)
        }
        let out = served.url.appendingPathComponent("out")
        #expect(served.state.served.outputs.standardizedFileURL.path == out.standardizedFileURL.path)
        #expect(served.state.served.note.contains("serving the plan in") && served.state.served.note.contains("no violations"))
        var expected = made
        expected["csv/planner-notes.csv"] = Data("kept".utf8)
        #expect(try snapshot(out) == expected)
        #expect(!FileManager.default.fileExists(atPath: ServedPlan.workingFolder(served.url).path))
    }

    @Test(arguments: ["{ not a plan", "{\"scenario\": \"another\"}"])
    func aPlanThatCannotBeServedIsLeftAloneAndTheAppPlansInItsOwnFolder(_ planText: String) throws {
        let served = try ServedScenario { copy in
            let out = copy.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try planText.write(to: out.appendingPathComponent("plan.json"), atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: served.url.appendingPathComponent("out/plan.json"), encoding: .utf8) == planText)
        #expect(try FileManager.default.contentsOfDirectory(atPath: served.url.appendingPathComponent("out").path) == ["plan.json"])
        #expect(served.state.served.outputs.standardizedFileURL.path == ServedPlan.workingFolder(served.url).standardizedFileURL.path)
        #expect(served.state.served.note.contains("planned afresh"))
    }

    @Test func aPlanBreakingTheScenarioAsItIsNowIsNotServed() throws {
        let first = try ServedScenario()
        let served = try ServedScenario { copy in
            try FileManager.default.copyItem(at: first.state.served.outputs, to: copy.appendingPathComponent("out"))
            // Since that plan, facilitator F15 has become unavailable all year: the old plan now books them.
            let file = copy.appendingPathComponent("unavailability.csv")
            try (try String(contentsOf: file, encoding: .utf8) + "F15,2026-09-01,2027-07-31,Secondment\n").write(to: file, atomically: true, encoding: .utf8)
        }
        #expect(served.state.served.note.contains("breaks"))
        #expect(served.state.served.outputs.standardizedFileURL.path == ServedPlan.workingFolder(served.url).standardizedFileURL.path)
    }

    @Test func aFreshPlanReplacesTheAppsOwnFolderWhole() throws {
        let served = try ServedScenario { copy in
            let stale = ServedPlan.workingFolder(copy).appendingPathComponent("csv")
            try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
            try "from an older run".write(to: stale.appendingPathComponent("old-run-only.csv"), atomically: true, encoding: .utf8)
        }
        #expect(!FileManager.default.fileExists(atPath: served.state.served.outputs.appendingPathComponent("csv/old-run-only.csv").path))
        #expect(FileManager.default.fileExists(atPath: served.state.served.outputs.appendingPathComponent("plan.json").path))
    }
}
