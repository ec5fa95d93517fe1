import Foundation
import Testing

@Suite struct ForecastCommandTests {
    @Test func seriesModeWritesTheForecastColumns() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.csv"), output = dir.appendingPathComponent("out.csv")
        try "series_id,t,value\na,1,10\na,2,12\na,3,13\na,4,15\nb,2020,5\nb,2021,5\nb,2022,6\n".write(to: input, atomically: true, encoding: .utf8)
        let run = try CLI.run(["forecast", "--series", input.path, "--horizon", "2", "--method", "theta", "--out", output.path])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "series_id,h,forecast,lo80,hi80,lo95,hi95")
        #expect(lines.count == 5)
        #expect(lines[1].hasPrefix("a,1,") && lines[4].hasPrefix("b,2,"))
    }

    @Test func badSeriesFileNamesTheRowAndExitsTwo() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.csv")
        try "series_id,t,value\na,1,10\na,2,x\na,3,13\n".write(to: input, atomically: true, encoding: .utf8)
        let run = try CLI.run(["forecast", "--series", input.path, "--horizon", "2", "--out", dir.appendingPathComponent("o.csv").path])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("in.csv:3:3: error: value: 'x' is not a finite number"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("o.csv").path))
    }

    @Test func scenarioModePrintsForecastsAndCapacity() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("f.csv")
        let page = dir.appendingPathComponent("forecast.html")
        let scenario = try CLI.referenceCopy()
        defer { CLI.remove(scenario) }
        let run = try CLI.run(["forecast", scenario.path, "--method", "flow", "--until", "2027-28", "--out", out.path,
                               "--report", page.path])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout.contains("cohort-flow parameters"))
        #expect(run.stdout.contains("2027-28"))
        #expect(run.stdout.contains("capacity needed at the 80th percentile"))
        let csv = try String(contentsOf: out, encoding: .utf8)
        #expect(csv.hasPrefix("programme,authority,year,method,forecast,lo80,hi80,lo95,hi95\n"))
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("Capacity needed"))
    }

    @Test func unknownMethodIsBadInput() throws {
        let scenario = try CLI.referenceCopy()
        defer { CLI.remove(scenario) }
        let run = try CLI.run(["forecast", scenario.path, "--method", "arima"])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("unknown method 'arima'"))
    }
}
