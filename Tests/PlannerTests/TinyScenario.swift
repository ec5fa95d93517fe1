import Foundation
import HubModel
@testable import Planner

/// A tiny scenario each rule's tests start from: one authority, two towns,
/// three schools, one programme (an in-person day in HT1, an online twilight
/// in HT2), two facilitators, one venue, one adviser, one Focus School and a
/// forum each half-term. Tests change one thing to break one rule.
enum Tiny {
    static func d(_ m: Int, _ day: Int) -> Day { Day(year: m >= 8 ? 2026 : 2027, month: m, day: day)! }

    static let wigan = GeoPoint(latitude: 53.545, longitude: -2.632)
    static let leigh = GeoPoint(latitude: 53.497, longitude: -2.519)

    static func scenario(participants: [Int] = [8, 6, 6]) -> Scenario {
        let schools = [
            School(id: "S1", name: "Wigan Park Primary", authority: "WIG", town: "Wigan", phase: .primary, location: wigan),
            School(id: "S2", name: "Leigh Brook Primary", authority: "WIG", town: "Leigh", phase: .primary, location: leigh),
            School(id: "S3", name: "Wigan High", authority: "WIG", town: "Wigan", phase: .secondary,
                   location: GeoPoint(latitude: 53.55, longitude: -2.64)),
        ]
        let programme = Programme(id: "P", name: "Programme", kind: .ect, cohortMin: 5, cohortMax: 20, participantsPerFacilitator: 20,
                                  crossAuthority: false, sessions: [
                                      SessionPattern(number: 1, halfTerm: .ht1, mode: .inPerson, hours: 6, start: "09:00", title: "Day"),
                                      SessionPattern(number: 2, halfTerm: .ht1, mode: .online, hours: 1.5, start: "15:45", title: "Twilight"),
                                      SessionPattern(number: 3, halfTerm: .ht2, mode: .online, hours: 1.5, start: "15:45", title: "Twilight"),
                                  ])
        let enrolment = zip(schools, participants).map { Enrolment(school: $0.id, programme: "P", participants: $1) }
        let facilitators = [
            Facilitator(id: "F1", name: "Ann", homeTown: "Wigan", home: wigan, qualifications: ["P"], daysPerHalfTerm: 4,
                        daysPerYear: 10, dayRate: 300, employerSchool: nil),
            Facilitator(id: "F2", name: "Bob", homeTown: "Leigh", home: leigh, qualifications: ["P"], daysPerHalfTerm: 4,
                        daysPerYear: 10, dayRate: 400, employerSchool: nil),
        ]
        let venue = Venue(id: "V1", name: "Wigan Centre", authority: "WIG", town: "Wigan", address: "Wigan", location: wigan,
                          dayCost: 100, weekdays: [.monday, .tuesday, .wednesday, .thursday, .friday], stepFree: true,
                          rooms: [Room(id: "Hall", capacity: 30), Room(id: "Room 2", capacity: 12)])
        let adviser = ExpertAdviser(id: "EA1", name: "Cath", homeTown: "Wigan", home: wigan, authorities: ["WIG"],
                                    capacityDays: 20, dayRate: 500)
        let calendar = AcademicCalendar(halfTerms: ["WIG": [
            .ht1: DayRange(first: d(9, 2), last: d(10, 23)), .ht2: DayRange(first: d(11, 2), last: d(12, 18)),
            .ht3: DayRange(first: d(1, 4), last: d(2, 12)), .ht4: DayRange(first: d(2, 22), last: d(3, 25)),
            .ht5: DayRange(first: d(4, 12), last: d(5, 28)), .ht6: DayRange(first: d(6, 7), last: d(7, 20)),
        ]], closures: [Closure(day: d(12, 25), authority: nil, kind: .bankHoliday, description: "Christmas")])
        return Scenario(name: "Tiny", year: 2026, authorities: [LocalAuthority(id: "WIG", name: "Wigan")], schools: schools,
                        programmes: [programme], enrolment: enrolment, facilitators: facilitators, advisers: [adviser],
                        focusSchools: [FocusSchoolNeed(school: "S2", auditDays: 1, daysPerHalfTerm: 1)], venues: [venue],
                        forums: [ForumSeries(id: "LF", name: "Forum", scope: .authority, halfTerms: [.ht1, .ht4], hours: 2,
                                             start: "15:45", extraAttendees: 3)],
                        calendar: calendar, unavailability: [], history: [], weights: ObjectiveWeights(), solver: SolverSettings())
    }

    static func plan(_ s: Scenario) throws -> Plan {
        try Planner(scenario: s, settings: Planner.Settings(timeLimit: 30, gap: 0.01)).plan()
    }
}
