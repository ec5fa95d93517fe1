import Foundation
import Testing
@testable import HubModel

/// Random byte mutations of every file: loading must report, never trap.
@Suite struct LoaderRobustnessTests {
    static let files = ["scenario.yaml", "schools.csv", "enrolment.csv", "facilitators.csv", "advisers.csv", "focus_schools.csv",
                        "venues.csv", "rooms.csv", "calendar.csv", "closures.csv", "unavailability.csv", "history.csv"]

    @Test(arguments: files)
    func randomMutationsNeverTrap(file: String) throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        let url = copy.url.appendingPathComponent(file)
        let original = try Data(contentsOf: url)
        var rng = SeededRandom(seed: UInt64(file.utf8.reduce(0) { $0 &* 31 &+ Int($1) }.magnitude))
        let interesting: [UInt8] = [0x00, 0x22, 0x2C, 0x0A, 0x0D, 0xFF, 0xC3, 0x3A, 0x2D, 0x5B, 0x7B, 0x26, 0x2A, 0x21]
        for round in 0..<25 {
            var bytes = [UInt8](original)
            for _ in 0..<rng.int(1...8) {
                guard !bytes.isEmpty else { break }
                let i = rng.int(0...bytes.count - 1)
                switch rng.int(0...3) {
                case 0: bytes[i] = interesting[rng.int(0...interesting.count - 1)]
                case 1: bytes[i] = UInt8(truncatingIfNeeded: rng.next())
                case 2: bytes.remove(at: i)
                default: bytes = Array(bytes.prefix(i))  // truncate
                }
            }
            try Data(bytes).write(to: url)
            let (_, diagnostics) = ScenarioLoader.check(copy.url)
            // Either the mutation was harmless, or every error is located in a file.
            for d in diagnostics.errors { #expect(!d.file.isEmpty, "round \(round)") }
        }
    }
}

@Suite struct GeneratorTests {
    @Test(arguments: [LadderSize.s, .m, .l])
    func outputValidates(size: LadderSize) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try ScenarioGenerator(size: size, seed: 5).write(to: dir)
        let (s, warnings) = try ScenarioLoader.load(dir)
        #expect(warnings.isEmpty, "\(warnings)")
        let expected: ClosedRange<Int> = size == .s ? 70...90 : size == .m ? 292...292 : 850...950
        #expect(expected.contains(s.schools.count))
    }

    @Test func extraLargeWritesEightySevenHubsThatValidate() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try ScenarioGenerator(size: .xl, seed: 5).write(to: dir)
        let folders = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(folders.count == 87)
        #expect(folders.first == "hub-01" && folders.last == "hub-87")
        for f in ["hub-01", "hub-44", "hub-87"] {
            #expect(throws: Never.self) { try ScenarioLoader.load(dir.appendingPathComponent(f)) }
        }
    }

    @Test func sameSeedWritesIdenticalBytes() throws {
        let a = FileManager.default.temporaryDirectory.appendingPathComponent("gen-\(UUID().uuidString)")
        let b = FileManager.default.temporaryDirectory.appendingPathComponent("gen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        try ScenarioGenerator(size: .m, seed: 42).write(to: a)
        try ScenarioGenerator(size: .m, seed: 42).write(to: b)
        for f in LoaderRobustnessTests.files {
            #expect(try Data(contentsOf: a.appendingPathComponent(f)) == Data(contentsOf: b.appendingPathComponent(f)), "\(f)")
        }
    }

    @Test func differentSeedsWriteDifferentScenarios() throws {
        let a = ScenarioGenerator(size: .s, seed: 1).scenarios()[0].scenario
        let b = ScenarioGenerator(size: .s, seed: 2).scenarios()[0].scenario
        #expect(a.enrolment != b.enrolment)
    }

    @Test func referenceScenarioIsTheGeneratorsDefaultOutput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try ScenarioGenerator(size: .m, seed: 2026).write(to: dir)
        for f in LoaderRobustnessTests.files {
            #expect(try Data(contentsOf: dir.appendingPathComponent(f)) == Data(contentsOf: ScenarioCopy.reference.appendingPathComponent(f)), "\(f)")
        }
    }
}

@Suite struct DayTests {
    @Test func parsesAndPrintsISODates() {
        #expect(Day(iso: "2027-03-29")?.description == "2027-03-29")
        #expect(Day(iso: "29/03/2027")?.description == "2027-03-29")
        #expect(Day(iso: "2027-02-29") == nil)
        #expect(Day(iso: "2028-02-29") != nil)
        #expect(Day(iso: "27-03-29") == nil)
    }

    @Test func knowsWeekdays() {
        #expect(Day(year: 2026, month: 9, day: 1)!.weekday == .tuesday)
        #expect(Day(year: 1970, month: 1, day: 1)!.weekday == .thursday)
        #expect(Day(year: 2027, month: 3, day: 28)!.weekday == .sunday)  // Easter Sunday 2027
    }
}
