import Foundation
import Testing
@testable import HubModel

@Suite struct ReferenceScenarioTests {
    @Test func loadsWithoutErrorsOrWarnings() throws {
        let (s, warnings) = try ScenarioLoader.load(ScenarioCopy.reference)
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(s.authorities.map(\.id) == ["HAL", "WAR", "WIG"])
        #expect(s.schools.count == 292)
        #expect(s.yearLabel == "2026-27")
        #expect((40...50).contains(s.facilitators.count))
        #expect((6...8).contains(s.advisers.count))
        #expect(s.focusSchools.count == 30)
        #expect((18...26).contains(s.venues.count))
        let total = { (id: String) in s.enrolment.filter { $0.programme == id }.reduce(0) { $0 + $1.participants } }
        #expect(total("ECT1") + total("ECT2") == 600)
        #expect(s.history.map(\.year).min() == 2021)
    }

    /// The reference's figures agree with each other: each school's mentors and inductions
    /// follow its ECTs, and NPQ starters and second years follow the history's last year.
    @Test func enrolmentAgreesSchoolBySchoolAndWithTheHistory() throws {
        let (s, _) = try ScenarioLoader.load(ScenarioCopy.reference)
        var bySchool: [String: [String: Int]] = [:]
        for e in s.enrolment { bySchool[e.school, default: [:]][e.programme, default: 0] += e.participants }
        for (school, n) in bySchool {
            let ects = (n["ECT1"] ?? 0) + (n["ECT2"] ?? 0)
            if (n["ECT1"] ?? 0) > 0 { #expect((n["MENT1"] ?? 0) >= 1, "\(school) has year-1 ECTs and no mentor in training") }
            #expect((n["AB"] ?? 0) <= ects, "\(school) has more inductions than ECTs")
        }
        func enrolled(_ id: String) -> Int { s.enrolment.filter { $0.programme == id }.reduce(0) { $0 + $1.participants } }
        func lastYear(_ id: String) -> Int { s.history.filter { $0.programme == id && $0.year == s.year - 1 }.reduce(0) { $0 + $1.participants } }
        let npqs = s.programmes.filter { $0.kind == .npqSpecialist || $0.kind == .npqLeadership }
        #expect(npqs.filter { $0.continues == nil }.map(\.id).sorted() == ["NPQEL", "NPQEYL", "NPQH", "NPQLBC", "NPQLL", "NPQLPM", "NPQLT", "NPQLTD", "NPQSENCO", "NPQSL"])
        for p in npqs {
            if let first = p.continues {
                #expect(enrolled(p.id) <= lastYear(first), "\(p.id): more in the second year than started")
            } else {
                #expect(abs(enrolled(p.id) - lastYear(p.id)) <= max(2, lastYear(p.id) / 10), "\(p.id): starts unlike the history's")
            }
        }
    }

    @Test func schoolSplitFollowsDomainFigures() throws {
        let (s, _) = try ScenarioLoader.load(ScenarioCopy.reference)
        let by = Dictionary(grouping: s.schools, by: \.authority).mapValues(\.count)
        #expect(by == ["HAL": 68, "WAR": 95, "WIG": 129])
    }

    @Test func teachingDaysExcludeBankHolidaysWeekendsAndTermEdges() throws {
        let (s, _) = try ScenarioLoader.load(ScenarioCopy.reference)
        let days = s.calendar.teachingDays(authority: "WIG", halfTerm: .ht5)
        #expect(!days.contains(Day(year: 2027, month: 5, day: 3)!))     // early May bank holiday
        #expect(!days.contains(Day(year: 2027, month: 4, day: 12)!))    // first day of term
        // KS2 test week is an avoid day for primary schools: still a teaching day.
        #expect(days.contains(Day(year: 2027, month: 5, day: 11)!))
        #expect(s.calendar.closures.contains { $0.day == Day(year: 2027, month: 5, day: 11)! && $0.kind == .avoid && $0.phase == .primary })
        #expect(days.allSatisfy { !$0.isWeekend })
        #expect(days.contains(Day(year: 2027, month: 4, day: 13)!))
    }

    @Test func writeThenLoadGivesTheSameScenario() throws {
        let (s, _) = try ScenarioLoader.load(ScenarioCopy.reference)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try ScenarioWriter.write(s, to: dir)
        let (back, _) = try ScenarioLoader.load(dir)
        #expect(back == s)
    }
}

/// One broken copy per error class; each gives the exact `file:row:column` message.
@Suite struct ScenarioValidationTests {
    func expectOnly(_ expected: String, sourceLocation: SourceLocation = #_sourceLocation,
                    _ change: (ScenarioCopy) throws -> Void) throws {
        try ScenarioCopy.expectOnly(expected, sourceLocation: sourceLocation, change)
    }

    @Test func reportsMissingColumn() throws {
        try expectOnly("rooms.csv:1: error: missing column 'capacity'") { c in
            try c.replace("rooms.csv", "venue,room,capacity\n", "venue,room\n")
        }
    }

    @Test func reportsUnknownColumnWithSuggestion() throws {
        try expectOnly("rooms.csv:1:3: error: unknown column 'capacty' (did you mean 'capacity'?); expected: venue, room, capacity") { c in
            try c.replace("rooms.csv", "venue,room,capacity\n", "venue,room,capacty\n")
        }
    }

    @Test func reportsBadNumber() throws {
        try expectOnly("rooms.csv:3:3: error: capacity: 'lots' is not a whole number") { c in
            let line = try c.line("rooms.csv", row: 3)
            try c.setLine("rooms.csv", row: 3, line.split(separator: ",").dropLast().joined(separator: ",") + ",lots")
        }
    }

    @Test func reportsNegativeCapacity() throws {
        try expectOnly("rooms.csv:3:3: error: capacity: -20 is out of range; expected 1 to 5000") { c in
            let line = try c.line("rooms.csv", row: 3)
            try c.setLine("rooms.csv", row: 3, line.split(separator: ",").dropLast().joined(separator: ",") + ",-20")
        }
    }

    @Test func reportsBadDate() throws {
        try expectOnly("unavailability.csv:2:2: error: from: '2026-13-01' is not a date; write YYYY-MM-DD, e.g. 2026-09-03") { c in
            var fields = try c.line("unavailability.csv", row: 2).components(separatedBy: ",")
            fields[1] = "2026-13-01"
            try c.setLine("unavailability.csv", row: 2, fields.joined(separator: ","))
        }
    }

    @Test func reportsUnknownProgrammeInQualifications() throws {
        try expectOnly("facilitators.csv:2:6: error: qualifications: unknown programme 'NPQXYZ'") { c in
            var fields = try c.line("facilitators.csv", row: 2).components(separatedBy: ",")
            fields[5] += ";NPQXYZ"
            try c.setLine("facilitators.csv", row: 2, fields.joined(separator: ","))
        }
    }

    @Test func reportsSchoolInUnknownAuthority() throws {
        try expectOnly("schools.csv:2:3: error: authority: unknown authority 'LIV'") { c in
            var fields = try c.line("schools.csv", row: 2).components(separatedBy: ",")
            fields[2] = "LIV"
            try c.setLine("schools.csv", row: 2, fields.joined(separator: ","))
        }
    }

    @Test func reportsDuplicateId() throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        let first = try copy.line("advisers.csv", row: 2)
        try copy.appendLine("advisers.csv", first)
        let rows = try copy.text("advisers.csv").split(separator: "\n").count
        #expect(copy.diagnostics() == ["advisers.csv:\(rows):1: error: id: duplicate 'EA1' (first on row 2)"])
    }

    @Test func reportsOverlappingHalfTerms() throws {
        try expectOnly("calendar.csv:3:3: error: first_day: HT2 (2026-10-20 to 2026-12-18) overlaps HT1 of HAL (2026-09-02 to 2026-10-23)") { c in
            try c.setLine("calendar.csv", row: 3, "HAL,HT2,2026-10-20,2026-12-18")
        }
    }

    @Test func reportsAnUnknownPhaseOfAnAvoidDay() throws {
        try expectOnly("closures.csv:2:5: error: phase: 'infants' is not one of: primary, secondary, special, all-through, nursery, alternative-provision, other") { c in
            var fields = try c.line("closures.csv", row: 2).components(separatedBy: ",")
            fields[4] = "infants"
            try c.setLine("closures.csv", row: 2, fields.joined(separator: ","))
        }
    }

    @Test func reportsDateOutsideTheYear() throws {
        try expectOnly("closures.csv:2:1: error: date: 2030-01-01 is outside the academic year 2026-27") { c in
            var fields = try c.line("closures.csv", row: 2).components(separatedBy: ",")
            fields[0] = "2030-01-01"
            try c.setLine("closures.csv", row: 2, fields.joined(separator: ","))
        }
    }

    @Test func reportsRowWithTooManyFields() throws {
        try expectOnly("rooms.csv:2:4: error: row has 4 fields but the header names 3 columns") { c in
            try c.setLine("rooms.csv", row: 2, try c.line("rooms.csv", row: 2) + ",extra")
        }
    }

    @Test func reportsMissingFile() throws {
        try expectOnly("venues.csv: error: missing file: every scenario needs venues.csv") { c in
            try FileManager.default.removeItem(at: c.url.appendingPathComponent("venues.csv"))
            // Rooms then refer to venues that are not there: keep the test on one problem.
            try c.write("rooms.csv", "venue,room,capacity\n")
        }
    }

    @Test func reportsBadAcademicYearInYAML() throws {
        try expectOnly("scenario.yaml:3:7: error: year: '2026-28' is not an academic year; write it like 2026-27") { c in
            try c.replace("scenario.yaml", "year: 2026-27", "year: 2026-28")
        }
    }

    @Test func reportsUnknownYAMLKey() throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        try copy.replace("scenario.yaml", "solver:\n", "solver:\n  timeLimt: 30\n")
        let d = copy.diagnostics()
        #expect(d.count == 1)
        #expect(d.first?.hasPrefix("scenario.yaml:") == true && d.first?.contains("unknown key 'solver.timeLimt'") == true)
    }

    @Test func reportsAProgrammeThatContinuesAnUnknownOne() throws {
        try expectOnly("scenario.yaml:25:5: error: programmes[1].continues: unknown programme 'ECT9'") { c in
            try c.replace("scenario.yaml", "    continues: ECT1\n", "    continues: ECT9\n")
        }
    }

    @Test func reportsAProgrammeThatContinuesItself() throws {
        try expectOnly("scenario.yaml:25:5: error: programmes[1].continues: a programme cannot continue itself") { c in
            try c.replace("scenario.yaml", "    continues: ECT1\n", "    continues: ECT2\n")
        }
    }

    @Test func continuesAndContinueFromAreWrittenAndReadBack() throws {
        var (s, _) = try ScenarioLoader.load(ScenarioCopy.reference)
        let i = try #require(s.programmes.firstIndex { $0.id == "ECT2" })
        #expect(s.programmes[i].continues == "ECT1")
        s.continueFrom = "../2025-26/out/plan.json"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cont-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try ScenarioWriter.write(s, to: dir)
        let (back, _) = try ScenarioLoader.load(dir)
        #expect(back == s)
        #expect(back.programmes[i].continues == "ECT1")
        #expect(back.continueFrom == "../2025-26/out/plan.json")
    }

    @Test func anEventIsReadWrittenAndReadBack() throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        // The reference gathers its welcome conferences; a copy gathers them by 40s.
        try copy.replace("scenario.yaml", "title: \"Welcome conference\", gathers: authority, perFacilitator: 30}",
                         "title: \"Welcome conference\", gathers: authority, perFacilitator: 40}")
        let (s, _) = try ScenarioLoader.load(copy.url)
        let first = try #require(s.programmes.first { $0.id == "ECT1" }?.sessions.first)
        #expect(first.gathers == .authority && first.perFacilitator == 40)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("event-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try ScenarioWriter.write(s, to: dir)
        #expect(try ScenarioLoader.load(dir).0 == s)
    }

    /// An event size on a session that gathers nothing, and an unknown gathering: one located error each.
    @Test(arguments: [(", perFacilitator: 40}", "perFacilitator: is for events only"), (", gathers: region}", "'region'")])
    func reportsABadEvent(added: String, message: String) throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        try copy.replace("scenario.yaml", "title: \"Seminar: subject and curriculum\"}", "title: \"Seminar: subject and curriculum\"" + added)
        let d = copy.diagnostics()
        #expect(d.count == 1)
        #expect(d.first?.hasPrefix("scenario.yaml:19:") == true && d.first?.contains(message) == true, "\(d)")
    }

    @Test func anIntakeIsReadWrittenAndReadBack() throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        let text = try copy.text("enrolment.csv")
        try copy.write("enrolment.csv", text.replacingOccurrences(of: "school,programme,participants\n", with: "school,programme,participants,intake\n")
            + "HAL002,ECT1,2,HT3\n")
        let (s, diagnostics) = try ScenarioLoader.load(copy.url)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(s.enrolment.contains(Enrolment(school: "HAL002", programme: "ECT1", participants: 2, intake: .ht3)))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try ScenarioWriter.write(s, to: dir)
        #expect(try ScenarioLoader.load(dir).0 == s)
    }

    @Test(arguments: [("HAL002,ECT1,2,HT7", "'HT7' is not one of"), ("HAL003,ECT1,1,HT1", "duplicate 'HAL003/ECT1'"), ("HAL002,ECT2,2,HT3", "ECT2 carries on last year's cohorts"),
                      ("HAL002,MENT2,2,HT6", "MENT2 carries on last year's cohorts"), ("HAL002,MENT1,2,HT6", "HT6 is after MENT1's last session (HT5)")])
    func reportsABadIntake(row: String, message: String) throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        let text = try copy.text("enrolment.csv")
        try copy.write("enrolment.csv", text.replacingOccurrences(of: "school,programme,participants\n", with: "school,programme,participants,intake\n") + row + "\n")
        let d = copy.diagnostics()
        #expect(d.count == 1 && d.first?.hasPrefix("enrolment.csv:") == true && d.first?.contains(message) == true, "\(d)")
    }

    @Test func reportsInvalidYAMLAtItsLine() throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        try copy.replace("scenario.yaml", "authorities:\n", "authorities: [\n")
        let d = copy.diagnostics()
        #expect(d.count == 1)
        #expect(d.first?.contains("error: not valid YAML") == true)
        #expect(d.first?.hasPrefix("scenario.yaml:") == true)
    }

    @Test func reportsSessionsOutOfOrder() throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        // ECT2's last session (ECT1's would also put its January and April intakes after it).
        try copy.replace("scenario.yaml", "      - {halfTerm: HT6, mode: online, hours: 1.5, start: \"15:45\", title: \"Twilight: next steps\"}",
                         "      - {halfTerm: HT2, mode: online, hours: 1.5, start: \"15:45\", title: \"Twilight: next steps\"}")
        let d = copy.diagnostics()
        #expect(d.count == 1)
        #expect(d.first?.contains("HT2 comes before the previous session's HT5") == true)
    }

    @Test func reportsEveryProblemAtOnce() throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        try copy.setLine("rooms.csv", row: 2, "nowhere,Hall,abc")
        try copy.setLine("calendar.csv", row: 2, "HAL,HT7,2026-09-02,2026-10-23")
        let d = copy.diagnostics()
        #expect(d.contains("rooms.csv:2:1: error: venue: unknown venue 'nowhere'"))
        #expect(d.contains("rooms.csv:2:3: error: capacity: 'abc' is not a whole number"))
        #expect(d.contains { $0.hasPrefix("calendar.csv:2:2: error: half_term: 'HT7' is not one of") })
        #expect(d.contains("calendar.csv: error: authority 'HAL' has no dates for HT1"))
    }

    @Test func acceptsExcelByteOrderMarkAndCRLF() throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        let text = try copy.text("rooms.csv")
        try copy.write("rooms.csv", "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(copy.diagnostics().isEmpty)
    }

    @Test func rejectsNonUTF8File() throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        try Data([0x69, 0x64, 0x2C, 0xE9, 0xFF, 0x0A]).write(to: copy.url.appendingPathComponent("advisers.csv"))
        #expect(copy.diagnostics() == ["advisers.csv:1:2: error: not UTF-8 text: byte 0xE9 is not UTF-8; save it from the spreadsheet as 'CSV UTF-8'"])
    }
}

@Suite struct ScenarioWarningTests {
    @Test func warnsWhenNobodyCanDeliverAProgramme() throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        try copy.replace("facilitators.csv", "NPQEL;NPQEL2;NPQH;NPQH2", "NPQEL2;NPQH;NPQH2")
        let d = copy.diagnostics()
        #expect(d == ["facilitators.csv: warning: no facilitator is qualified for programme 'NPQEL' (4 participants enrolled): nobody can deliver it"])
    }

    @Test func warnsAboutVenueTooSmallForAnyCohort() throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        let venueLine = try copy.line("venues.csv", row: 2)
        let id = String(venueLine.split(separator: ",")[0])
        let rooms = try copy.text("rooms.csv").split(separator: "\n").map(String.init)
        let kept = rooms.filter { !$0.hasPrefix(id + ",") } + ["\(id),Tiny,2"]
        try copy.write("rooms.csv", kept.joined(separator: "\n") + "\n")
        #expect(copy.diagnostics() == ["venues.csv: warning: venue '\(id)': largest room seats 2, fewer than the smallest cohort (3); it can host no cohort"])
    }
}

/// Problems validation used to pass in silence (issue 19, item 12), each located at its row and column.
@Suite struct SilentProblemTests {
    func expectOnly(_ expected: String, sourceLocation: SourceLocation = #_sourceLocation,
                    _ change: (ScenarioCopy) throws -> Void) throws {
        try ScenarioCopy.expectOnly(expected, sourceLocation: sourceLocation, change)
    }

    @Test func reportsAHalfTermWhoseEveryWeekdayIsClosed() throws {
        try expectOnly("calendar.csv:2:3: error: first_day: HT1 of HAL (2026-09-04 to 2026-09-10) has no teaching days "
                       + "(weekdays other than its first and last day, not closed in closures.csv): no session or forum can be held in it") { c in
            try c.setLine("calendar.csv", row: 2, "HAL,HT1,2026-09-04,2026-09-10")
            for day in 7...9 { try c.appendLine("closures.csv", "2026-09-0\(day),HAL,inset,INSET day") }
        }
    }

    @Test func reportsAnAdviserWithAFacilitatorsId() throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        var fields = try copy.line("advisers.csv", row: 2).components(separatedBy: ",")
        fields[0] = "F01"
        try copy.appendLine("advisers.csv", fields.joined(separator: ","))
        let row = try copy.text("advisers.csv").split(separator: "\n").count
        #expect(copy.diagnostics() == ["advisers.csv:\(row):1: error: id: 'F01' is already the id of a facilitator (facilitators.csv row 2); "
                                       + "facilitators, advisers, assessors and venues need distinct ids, because unavailability.csv names them by id alone"])
    }

    @Test func reportsAVenueWithAnAdvisersId() throws {
        try expectOnly("venues.csv:2:1: error: id: 'EA1' is already the id of an adviser (advisers.csv row 2); "
                       + "facilitators, advisers, assessors and venues need distinct ids, because unavailability.csv names them by id alone") { c in
            let venue = String(try c.line("venues.csv", row: 2).split(separator: ",")[0])
            try c.replace("venues.csv", "\n\(venue),", "\nEA1,")
            try c.replace("rooms.csv", "\n\(venue),", "\nEA1,")
        }
    }

    /// One line changed, one diagnostic at its row and column.
    @Test(arguments: [
        // Friday to Monday: the first and last day of term are avoided and the rest is a weekend.
        ("calendar.csv", 2, "HAL,HT1,2026-09-04,2026-09-07",
         "calendar.csv:2:3: error: first_day: HT1 of HAL (2026-09-04 to 2026-09-07) has no teaching days "
            + "(weekdays other than its first and last day, not closed in closures.csv): no session or forum can be held in it"),
        // 2072 for 2027: a typo that would take F04 out for the rest of the year.
        ("unavailability.csv", 2, "F04,2027-03-30,2072-04-07,Leave",
         "unavailability.csv:2:3: warning: to: 2072-04-07 is more than a year outside the academic year 2026-27 "
            + "(2026-08-01 to 2027-07-31); check the year"),
        ("unavailability.csv", 2, "F04,2027-08-02,2027-08-06,Leave",
         "unavailability.csv:2:2: warning: from: 2027-08-02 to 2027-08-06 is outside the academic year 2026-27 "
            + "(2026-08-01 to 2027-07-31), so this row changes nothing; check the dates"),
    ])
    func reportsALineThatUsedToPassAtItsRowAndColumn(file: String, row: Int, line: String, expected: String) throws {
        try expectOnly(expected) { c in try c.setLine(file, row: row, line) }
    }

    @Test func reportsTheRowAndColumnOfTheFirstByteThatIsNotUTF8() throws {
        let copy = try ScenarioCopy()
        defer { copy.remove() }
        var bytes = Data(try copy.text("advisers.csv").utf8)
        let thirdRow = bytes.indices.filter { bytes[$0] == 0x0A }[1] + 1
        let secondField = bytes[thirdRow...].firstIndex(of: 0x2C)! + 1
        bytes[secondField + 3] = 0xE9   // Latin-1 é, as a spreadsheet saving "CSV" rather than "CSV UTF-8" writes it
        try bytes.write(to: copy.url.appendingPathComponent("advisers.csv"))
        #expect(copy.diagnostics() == ["advisers.csv:3:2: error: not UTF-8 text: byte 0xE9 is not UTF-8; save it from the spreadsheet as 'CSV UTF-8'"])
    }
}

/// The weights of dates: read from scenario.yaml and overlays through the one list of weights.
@Suite struct DateWeightTests {
    @Test func theReferenceNamesEveryWeight() throws {
        let text = try String(contentsOf: ScenarioCopy.reference.appendingPathComponent("scenario.yaml"), encoding: .utf8)
        for f in ObjectiveWeights.fields { #expect(text.contains("  \(f.key): "), "\(f.key) is not in the reference scenario.yaml") }
    }

    @Test func aSpacingWindowThatIsBackToFrontIsAnError() throws {
        try ScenarioCopy.expectOnly("scenario.yaml:257:3: error: weights.minSpacingDays: 30 is more than maxSpacingDays 10") { copy in
            try copy.replace("scenario.yaml", "  minSpacingDays: 14\n  maxSpacingDays: 84\n", "  minSpacingDays: 30\n  maxSpacingDays: 10\n")
        }
    }

    @Test func aSchoolsOwnDayMustNameAKnownSchool() throws {
        try ScenarioCopy.expectOnly("closures.csv:56:6: error: school: unknown school 'NOPE'") { copy in
            try copy.appendLine("closures.csv", "2027-03-01,,inset,Own INSET,,NOPE")
        }
    }

    @Test func aSchoolsOwnInsetDayIsStillATeachingDay() throws {
        let (s, _) = try ScenarioLoader.load(ScenarioCopy.reference)
        let own = try #require(s.calendar.closures.first { $0.school != nil })
        let school = try #require(s.schools.first { $0.id == own.school })
        #expect(!own.closesTeaching && own.concerns(school))
        let teaching = HalfTerm.allCases.flatMap { s.calendar.teachingDays(authority: school.authority, halfTerm: $0) }
        #expect(teaching.contains(own.day))
        #expect(!s.schools.filter { $0.id != school.id }.contains { own.concerns($0) })
    }

    @Test func anOverlaySetsADateWeight() throws {
        let (base, _) = try ScenarioLoader.load(ScenarioCopy.reference)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("weights-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try "name: exams\nweights: {avoidDay: 400, releasePerDay: 180}\n".write(to: url, atomically: true, encoding: .utf8)
        let s = try Overlay.load(url, base: base).apply(to: base)
        #expect(s.weights.avoidDay == 400 && s.weights.releasePerDay == 180)
        #expect(s.weights.schoolDayClash == base.weights.schoolDayClash)
    }
}
