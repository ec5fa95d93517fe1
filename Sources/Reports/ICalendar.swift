import Foundation
import HubModel
import Planner

/// iCalendar (RFC 5545) files for a plan: one per facilitator, adviser and
/// venue, and one for the whole hub. Lines end in CRLF and are folded at 75
/// octets; UIDs are built from the plan's ids, so a re-run gives the same
/// bytes; DTSTAMP is fixed at the start of the plan year for the same reason.
public enum ICalendar {
    struct Event {
        var uid: String
        var day: Day
        var start: String      // HH:MM, Europe/London
        var hours: Double
        var summary: String
        var location: String
        var description: String
        /// Ids of the people and venue involved, to pick the files it goes in.
        var involved: [String]
    }

    /// File name → content, sorted by name.
    public static func files(plan: Plan, scenario: Scenario) -> [(String, String)] {
        let events = events(plan: plan, scenario: scenario)
        let stamp = "\(scenario.year)0801T000000Z"
        var out: [(String, String)] = [("hub.ics", calendar(name: "\(scenario.name) \(scenario.yearLabel)", events: events, stamp: stamp))]
        let owners: [(String, String)] = scenario.facilitators.map { ($0.id, "facilitator-\($0.id).ics") }
            + scenario.advisers.map { ($0.id, "adviser-\($0.id).ics") } + scenario.venues.map { ($0.id, "venue-\($0.id).ics") }
        let names = Dictionary(scenario.facilitators.map { ($0.id, $0.name) } + scenario.advisers.map { ($0.id, $0.name) }
                               + scenario.venues.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        for (id, file) in owners {
            let mine = events.filter { $0.involved.contains(id) }
            if mine.isEmpty { continue }
            out.append((file, calendar(name: "\(names[id] ?? id) — \(scenario.yearLabel)", events: mine, stamp: stamp)))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    static func events(plan: Plan, scenario: Scenario) -> [Event] {
        let venues = Dictionary(scenario.venues.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let schools = Dictionary(scenario.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let programmes = Dictionary(scenario.programmes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func place(_ id: String?) -> String {
            guard let id, let v = venues[id] else { return "Online" }
            return v.address.isEmpty ? v.name : "\(v.name), \(v.address)"
        }
        var out: [Event] = []
        // An event is one calendar entry for its facilitators and venue, naming every cohort it gathers.
        let gathered = Dictionary(grouping: plan.sessions.filter { $0.event != nil }, by: { $0.event ?? "" })
        for (id, sessions) in gathered.sorted(by: { $0.key < $1.key }) {
            let s = sessions[0]
            let title = programmes[s.programme]?.sessions.first { $0.number == s.session }?.title ?? "Session \(s.session)"
            let cohorts = sessions.map(\.cohort).sorted()
            out.append(Event(uid: "event-\(id)@hubplan", day: s.date, start: s.start, hours: s.hours,
                             summary: "\(s.programme) event: \(title)", location: place(s.venue),
                             description: "Session \(s.session) for cohorts \(cohorts.joined(separator: ", ")) together (\(sessions.reduce(0) { $0 + $1.participants }) participants). "
                                + "Facilitators: \(s.facilitators.joined(separator: ", "))." + (s.room.map { " Room: \($0)." } ?? ""),
                             involved: s.facilitators + [s.venue].compactMap { $0 }))
        }
        for s in plan.sessions where s.event == nil {
            let day = s.date
            let title = programmes[s.programme]?.sessions.first { $0.number == s.session }?.title ?? "Session \(s.session)"
            out.append(Event(uid: "session-\(s.cohort)-\(s.session)@hubplan", day: day, start: s.start, hours: s.hours,
                             summary: "\(s.programme) \(s.cohort): \(title)", location: place(s.venue),
                             description: "Session \(s.session) of cohort \(s.cohort) (\(s.participants) participants). Facilitators: \(s.facilitators.joined(separator: ", "))."
                                + (s.room.map { " Room: \($0)." } ?? ""),
                             involved: s.facilitators + [s.venue].compactMap { $0 }))
        }
        for f in plan.forums {
            let day = f.date
            out.append(Event(uid: "forum-\(f.forum)-\(f.scope)-\(f.halfTerm)@hubplan", day: day, start: f.start, hours: f.hours,
                             summary: "CPD Leaders Forum (\(f.scope), \(f.halfTerm))", location: place(f.venue),
                             description: "Chair: \(f.chair). \(f.attendees) attendees. Room: \(f.room).", involved: [f.chair, f.venue]))
        }
        var seen: [String: Int] = [:]
        for a in plan.adviserAssignments {
            guard let day = a.date else { continue }
            let key = "\(a.school)-\(a.halfTerm)"
            seen[key, default: 0] += 1
            let school = schools[a.school]
            out.append(Event(uid: "support-\(a.school)-\(a.halfTerm)-\(seen[key]!)@hubplan", day: day, start: AdviserAssignment.start, hours: AdviserAssignment.hours,
                             summary: "CPD \(a.kind) at \(school?.name ?? a.school)", location: school.map { "\($0.name), \($0.town)" } ?? a.school,
                             description: "Expert adviser \(a.adviser), Focus School \(a.school).", involved: [a.adviser]))
        }
        return out.sorted { ($0.day, $0.start, $0.uid) < ($1.day, $1.start, $1.uid) }
    }

    static func calendar(name: String, events: [Event], stamp: String) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//HubPlan//Teaching School Hub planner//EN", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:\(escape(name))", "X-WR-TIMEZONE:Europe/London"]
        lines += timezone
        for e in events {
            let (y, m, d) = e.day.components
            let date = String(format: "%04d%02d%02d", y, m, d)
            let parts = e.start.split(separator: ":").compactMap { Int($0) }
            let startMinutes = (parts.first ?? 9) * 60 + (parts.count > 1 ? parts[1] : 0)
            let endMinutes = min(23 * 60 + 59, startMinutes + Int((e.hours * 60).rounded()))
            lines += ["BEGIN:VEVENT", "UID:\(e.uid)", "DTSTAMP:\(stamp)",
                      "DTSTART;TZID=Europe/London:\(date)T\(String(format: "%02d%02d00", startMinutes / 60, startMinutes % 60))",
                      "DTEND;TZID=Europe/London:\(date)T\(String(format: "%02d%02d00", endMinutes / 60, endMinutes % 60))",
                      "SUMMARY:\(escape(e.summary))", "LOCATION:\(escape(e.location))", "DESCRIPTION:\(escape(e.description))",
                      "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Europe/London: GMT in winter, BST (UTC+1) from the last Sunday of March to the last Sunday of October.
    static let timezone = [
        "BEGIN:VTIMEZONE", "TZID:Europe/London",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST", "DTSTART:19810329T010000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT", "DTSTART:19961027T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// Escapes TEXT values (RFC 5545 §3.3.11).
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Folds a content line into lines of at most 75 octets, never inside a UTF-8 character.
    static func fold(_ line: String) -> String {
        var out = "", current = 0, first = true
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = first ? 75 : 74  // continuation lines start with a space
            if current + size > limit {
                out += "\r\n "
                current = 0
                first = false
            }
            out.unicodeScalars.append(scalar)
            current += size
        }
        return out
    }
}
