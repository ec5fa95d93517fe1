import Foundation
import HubModel
import Testing
@testable import Forecast

@Suite struct SeriesFileTests {
    func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("series-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func messages(_ text: String) throws -> [String] {
        let url = try write(text)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try SeriesFile.read(url)
            return []
        } catch let e as SeriesFile.Problem {
            return e.diagnostics.map { String($0.description.drop { $0 != ":" }.dropFirst()) }
        }
    }

    @Test func readsSeriesInOrder() throws {
        let url = try write("series_id,t,value\nb,2001,1\nb,2002,2\nb,2003,3\na,1,5\na,2,6\na,3,7\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let s = try SeriesFile.read(url)
        #expect(s.map(\.id) == ["b", "a"])
        #expect(s[0].start == 2001 && s[0].values == [1, 2, 3])
    }

    @Test func rejectsNaNNamingTheRow() throws {
        #expect(try messages("series_id,t,value\na,1,5\na,2,NaN\na,3,7\n") == ["3:3: error: value: 'NaN' is not a finite number"])
    }

    @Test func rejectsNonNumber() throws {
        #expect(try messages("series_id,t,value\na,1,5\na,2,six\na,3,7\n") == ["3:3: error: value: 'six' is not a finite number"])
    }

    @Test func rejectsGap() throws {
        #expect(try messages("series_id,t,value\na,1,5\na,2,6\na,4,7\na,5,8\n") == ["4:2: error: t: gap in series 'a': 2 is followed by 4"])
    }

    @Test func rejectsDuplicateT() throws {
        #expect(try messages("series_id,t,value\na,1,5\na,2,6\na,2,7\na,3,8\n") == ["4:2: error: t: 2 appears twice in series 'a'"])
    }

    @Test func rejectsTooShortSeries() throws {
        #expect(try messages("series_id,t,value\na,1,5\na,2,6\n") == ["2:1: error: series_id: series 'a' has 2 point(s); at least 3 are needed"])
    }
}

@Suite struct HubForecastTests {
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/generate-2026-27")

    @Test func reachesTwentyTwentyEightFromTheReferenceHistory() throws {
        let (s, _) = try ScenarioLoader.load(Self.reference)
        let f = HubForecast(scenario: s).forecast(method: .ets, until: 2027)
        #expect(!f.isEmpty)
        #expect(f.allSatisfy { $0.years.last == 2027 })
        // Every programme has history to 2025-26, so every forecast starts in the plan year.
        #expect(f.allSatisfy { $0.years.first == 2026 })
        #expect(Set(f.map(\.authority)) == ["HAL", "WAR", "WIG"])
    }

    /// A hand-computed cohort flow: ECT1 100, 110, 120 (HAL only), ECT2 95, 104.5 the year
    /// after (retention 0.95), mentors 65, 71.5, 78 (0.65), AB 130, 143, 156 (1.3).
    @Test func cohortFlowReproducesAHandComputedExample() throws {
        var s = try ScenarioLoader.load(Self.reference).scenario
        s.history = [
            HistoryRecord(year: 2023, authority: "HAL", programme: "ECT1", participants: 100),
            HistoryRecord(year: 2024, authority: "HAL", programme: "ECT1", participants: 110),
            HistoryRecord(year: 2025, authority: "HAL", programme: "ECT1", participants: 120),
            HistoryRecord(year: 2024, authority: "HAL", programme: "ECT2", participants: 95),
            HistoryRecord(year: 2025, authority: "HAL", programme: "ECT2", participants: 104),
            HistoryRecord(year: 2023, authority: "HAL", programme: "MENT1", participants: 65),
            HistoryRecord(year: 2024, authority: "HAL", programme: "MENT1", participants: 72),
            HistoryRecord(year: 2025, authority: "HAL", programme: "MENT1", participants: 78),
            HistoryRecord(year: 2023, authority: "HAL", programme: "AB", participants: 130),
            HistoryRecord(year: 2024, authority: "HAL", programme: "AB", participants: 143),
            HistoryRecord(year: 2025, authority: "HAL", programme: "AB", participants: 156),
        ]
        let hub = HubForecast(scenario: s)
        let p = hub.flowParameters()
        // (95/100 + 104/110) / 2 = 0.947727…
        #expect(abs(p.ectRetention - (0.95 + 104.0 / 110) / 2) < 1e-12)
        #expect(abs(p.mentorsPerECT - (0.65 + 72.0 / 110 + 0.65) / 3) < 1e-12)
        #expect(abs(p.inductionsPerECT - 1.3) < 1e-12)
        let (_, flows) = hub.flowForecast(base: .naive, until: 2027)
        let ect2 = try #require(flows.first { $0.programme == "ECT2" })
        // Year 2 in 2026-27 follows year 1 of 2025-26 (120, actual); in 2027-28 the naive forecast (120).
        #expect(abs(ect2.result.forecast[0] - 120 * p.ectRetention) < 1e-9)
        let ab = try #require(flows.first { $0.programme == "AB" })
        #expect(abs(ab.result.forecast[1] - 120 * 1.3) < 1e-9)
    }

    /// Every programme with history, or with participants enrolled in the plan year (MENT2,
    /// its history taken away here), has a forecast in every authority, by the default method,
    /// and no count is negative.
    @Test func everyProgrammeWithParticipantsHasANonNegativeForecast() throws {
        var (s, _) = try ScenarioLoader.load(Self.reference)
        s.history.removeAll { $0.programme == "MENT2" }
        let hub = HubForecast(scenario: s)
        let f = hub.forecast(until: 2027)
        let (_, flow) = hub.flowForecast(until: 2027)
        for p in s.programmes {
            #expect(f.filter { $0.programme == p.id }.count == 3, "\(p.id)")
        }
        let ment2 = try #require(f.first { $0.programme == "MENT2" && $0.authority == "HAL" })
        #expect(ment2.result.method == "carried forward" && ment2.years == [2027])
        #expect(f.filter { $0.programme == "ECT1" }.allSatisfy { $0.result.method.hasPrefix("auto: ") })
        for r in (f + flow).map(\.result) {
            #expect([r.forecast, r.lo80, r.hi80, r.lo95, r.hi95].allSatisfy { $0.allSatisfy { $0 >= 0 } }, "\(r.method)")
        }
    }

    @Test func capacityGrowsWithTheQuantile() throws {
        let (s, _) = try ScenarioLoader.load(Self.reference)
        let f = HubForecast(scenario: s).forecast(method: .naive, until: 2027)
        let median = CapacityProjection(scenario: s).project(f, quantile: 0.5)
        let high = CapacityProjection(scenario: s).project(f, quantile: 0.95)
        #expect(median.count == 2 && high.count == 2)
        #expect(high[1].participants > median[1].participants)
        #expect(high[1].facilitatorDaysNeeded >= median[1].facilitatorDaysNeeded)
    }

    @Test func policyFactorScalesTheForecast() throws {
        let (s, _) = try ScenarioLoader.load(Self.reference)
        let base = HubForecast(scenario: s).forecast(method: .naive, until: 2026).first { $0.programme == "NPQLT" && $0.authority == "WIG" }!
        let cut = HubForecast(scenario: s).forecast(method: .naive, until: 2026, policy: ["NPQLT": 0.7]).first { $0.programme == "NPQLT" && $0.authority == "WIG" }!
        #expect(abs(cut.result.forecast[0] - 0.7 * base.result.forecast[0]) < 1e-9)
    }
}

@Suite struct BacktestTests {
    @Test func naiveOnARandomWalkScoresMASEAboutOne() {
        // MASE scales by the in-sample naive error, so the naive method on its own data scores near 1.
        let y: [Double] = [10, 12, 11, 14, 13, 15, 17, 16, 18, 21, 20, 22]
        let s = Backtest.run(.naive, y, horizon: 1)
        #expect(abs(s.mase - 1) < 0.3)
        #expect(s.forecasts == 9)
    }

    @Test func rollingPicksAMethodThatForecasts() {
        let y: [Double] = [100, 104, 109, 113, 118, 121, 127, 131]
        let f = ForecastMethod.rolling.forecast(y, horizon: 3)
        #expect(f.method.hasPrefix("rolling("))
        #expect(f.forecast[2] > 131)
    }
}
