import Foundation
import HubModel
import Testing
@testable import Forecast

/// England's bank holidays as gov.uk publishes them (2026-27 and 2027-28, including the
/// Christmas and New Year substitutes), and next year's scenario made from this year's.
@Suite struct NextYearTests {
    static func days(_ list: [String]) -> [Day] { list.map { Day(iso: $0)! } }

    @Test func bankHolidaysAreEnglandsPublishedOnes() {
        #expect(BankHolidays.england(academicYear: 2026).map(\.day) == Self.days([
            "2026-08-31", "2026-12-25", "2026-12-28", "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31"]))
        #expect(BankHolidays.england(academicYear: 2027).map(\.day) == Self.days([
            "2027-08-30", "2027-12-27", "2027-12-28", "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29"]))
        // Christmas on a Sunday (2033): Boxing Day on the Monday, Christmas's substitute on the Tuesday.
        #expect(BankHolidays.england(academicYear: 2033).map(\.day).contains(Day(iso: "2033-12-27")!))
    }

    @Test func easterSundayIsRightForKnownYears() {
        for (y, iso) in [(2024, "2024-03-31"), (2025, "2025-04-20"), (2027, "2027-03-28"), (2028, "2028-04-16"), (2038, "2038-04-25")] {
            #expect(BankHolidays.easterSunday(y) == Day(iso: iso)!)
        }
    }

    /// This year's January and April starters are next year's second-year ECTs like the rest:
    /// one row per school and programme, none of them late.
    @Test func lateStartersCarryOnWithTheRest() throws {
        var (s, _) = try ScenarioLoader.load(HubForecastTests.reference)
        let i = try #require(s.enrolment.firstIndex { $0.programme == "ECT1" && $0.participants >= 2 })
        let school = s.enrolment[i].school
        s.enrolment[i].participants -= 1
        s.enrolment.append(Enrolment(school: school, programme: "ECT1", participants: 1, intake: .ht3))
        let n = NextYear.estimate(after: s).scenario
        let keys = n.enrolment.map { "\($0.school)|\($0.programme)" }
        #expect(Set(keys).count == keys.count)
        #expect(n.enrolment.allSatisfy { $0.intake == nil })
        #expect(n.enrolment.contains { $0.school == school && $0.programme == "ECT2" })
    }

    @Test func nextYearLoadsBackAndCarriesTheSecondYearFromTheFirst() throws {
        let (s, _) = try ScenarioLoader.load(HubForecastTests.reference)
        let next = NextYear.estimate(after: s)
        let n = next.scenario
        #expect(n.year == s.year + 1)
        // Weekdays stay where they were: 52 weeks on.
        let ht1 = try #require(s.calendar.halfTerms["WIG"]?[.ht1]), nextHT1 = try #require(n.calendar.halfTerms["WIG"]?[.ht1])
        #expect(nextHT1.first == ht1.first.advanced(by: 364))
        #expect(n.calendar.closures.allSatisfy { AcademicYear.range(n.year).contains($0.day) })
        #expect(n.unavailability.isEmpty)
        // This year's enrolment is next year's newest history.
        let ect1Now = s.enrolment.filter { $0.programme == "ECT1" }.reduce(0) { $0 + $1.participants }
        #expect(n.history.filter { $0.year == s.year && $0.programme == "ECT1" }.reduce(0) { $0 + $1.participants } == ect1Now)
        // Second-year ECTs come from this year's first-year ECTs, school by school, never more.
        let ect1 = Dictionary(s.enrolment.filter { $0.programme == "ECT1" }.map { ($0.school, $0.participants) }, uniquingKeysWith: +)
        let ect2 = n.enrolment.filter { $0.programme == "ECT2" }
        #expect(!ect2.isEmpty)
        #expect(ect2.allSatisfy { $0.participants <= (ect1[$0.school] ?? 0) })
        // What the report shows is what the scenario holds.
        for row in next.participants {
            #expect(row.nextYear == n.enrolment.filter { $0.programme == row.programme }.reduce(0) { $0 + $1.participants })
        }
        // It is a scenario the loader accepts as written.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("next-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try ScenarioWriter.write(n, to: dir)
        let (back, warnings) = try ScenarioLoader.load(dir)
        #expect(back == n)
        #expect(warnings.isEmpty, "\(warnings)")
    }
}
