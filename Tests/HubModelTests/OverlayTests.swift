import Foundation
import Testing
@testable import HubModel

@Suite struct OverlayTests {
    func overlay(_ text: String) throws -> (Overlay, Scenario) {
        let (base, _) = try ScenarioLoader.load(ScenarioCopy.reference)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ov-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return (try Overlay.load(url, base: base), base)
    }

    func errors(_ text: String) throws -> [String] {
        do { _ = try overlay(text); return [] } catch let e as ScenarioError { return e.diagnostics.map { String($0.description.drop { $0 != ":" }.dropFirst()) } }
    }

    @Test func scalesEnrolmentKeepingWholeParticipants() throws {
        let (o, base) = try overlay("enrolment:\n  - {programme: NPQH, scale: 0.5}\n")
        let s = o.apply(to: base)
        #expect(s.enrolment.filter { $0.programme == "NPQH" }.reduce(0) { $0 + $1.participants } == 15)
        #expect(s.enrolment.filter { $0.programme == "ECT1" } == base.enrolment.filter { $0.programme == "ECT1" })
    }

    @Test func setsEnrolmentOfOneAuthority() throws {
        let (o, base) = try overlay("enrolment:\n  - {programme: ECT1, authority: WIG, set: 100}\n")
        let s = o.apply(to: base)
        let wig = Set(base.schools.filter { $0.authority == "WIG" }.map(\.id))
        #expect(s.enrolment.filter { $0.programme == "ECT1" && wig.contains($0.school) }.reduce(0) { $0 + $1.participants } == 100)
    }

    @Test func removesAltersAndAddsPeopleAndVenues() throws {
        let (o, base) = try overlay("""
        facilitators:
          remove: [F01]
          alter:
            - {id: F02, daysPerYear: 5}
          add:
            - {id: F99, homeTown: Wigan, latitude: 53.5, longitude: -2.6, qualifications: [ECT1], daysPerHalfTerm: 3, daysPerYear: 12, dayRate: 300}
        venues:
          remove: [WIG-TC]
        unavailable:
          - {who: F99, from: 2026-09-01, to: 2026-09-30}
        weights: {unmet: 50000}
        """)
        let s = o.apply(to: base)
        #expect(!s.facilitators.contains { $0.id == "F01" })
        #expect(s.facilitators.first { $0.id == "F02" }?.daysPerYear == 5)
        #expect(s.facilitators.contains { $0.id == "F99" })
        #expect(!s.venues.contains { $0.id == "WIG-TC" })
        #expect(s.unavailability.contains { $0.who == "F99" })
        #expect(s.weights.unmet == 50000)
    }

    @Test func errorsNameTheOverlayLineAndColumn() throws {
        let e = try errors("enrolment:\n  - {programme: NPQXX, scale: 0.5}\nvenues:\n  remove: [NOPE]\n")
        #expect(e == ["2:5: error: enrolment[0].programme: unknown programme 'NPQXX'", "4:12: error: venues.remove: unknown venue 'NOPE'"])
    }

    @Test func unknownKeyIsAnError() throws {
        let e = try errors("venus:\n  remove: [WIG-TC]\n")
        #expect(e.count == 1 && e[0].contains("unknown key 'venus'"))
    }

    @Test func scaleAndSetTogetherIsAnError() throws {
        let e = try errors("enrolment:\n  - {programme: NPQH, scale: 0.5, set: 3}\n")
        #expect(e.count == 1 && e[0].contains("give exactly one of scale or set"))
    }

    @Test func shippedOverlaysLoad() throws {
        let (base, _) = try ScenarioLoader.load(ScenarioCopy.reference)
        let dir = ScenarioCopy.reference.appendingPathComponent("whatif")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 4)
        for f in files { #expect(throws: Never.self) { try Overlay.load(dir.appendingPathComponent(f), base: base) } }
    }
}
