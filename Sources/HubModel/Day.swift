/// A calendar date (Europe/London civil date, no time), stored as days since 1970-01-01.
///
/// Dates in HubPlan are whole days; times of day belong to sessions.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, Strideable {
    /// Days since 1970-01-01 (which was a Thursday).
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// A date from year, month (1–12) and day (1–31); nil when it does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year), (1900...2200).contains(year) else {
            return nil
        }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD` (ISO 8601) strictly; also accepts `DD/MM/YYYY`, as UK spreadsheets write it.
    public init?(iso text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let iso = t.split(separator: "-", omittingEmptySubsequences: false)
        if iso.count == 3, iso[0].count == 4, iso[1].count == 2, iso[2].count == 2,
           let y = Int(iso[0]), let m = Int(iso[1]), let d = Int(iso[2]) {
            self.init(year: y, month: m, day: d)
            return
        }
        let uk = t.split(separator: "/", omittingEmptySubsequences: false)
        if uk.count == 3, uk[2].count == 4, (1...2).contains(uk[0].count), (1...2).contains(uk[1].count),
           let d = Int(uk[0]), let m = Int(uk[1]), let y = Int(uk[2]) {
            self.init(year: y, month: m, day: d)
            return
        }
        return nil
    }

    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var weekday: Weekday { Weekday.allCases[((ordinal % 7) + 7 + 3) % 7] }

    public var isWeekend: Bool { weekday == .saturday || weekday == .sunday }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }
    public func advanced(by n: Int) -> Day { Day(ordinal: ordinal + n) }
    public func distance(to other: Day) -> Int { other.ordinal - ordinal }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let d = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Days of the week, Monday first (the UK convention).
public enum Weekday: String, Sendable, CaseIterable, Codable, Comparable {
    case monday = "Mon", tuesday = "Tue", wednesday = "Wed", thursday = "Thu", friday = "Fri", saturday = "Sat", sunday = "Sun"

    public static func < (a: Weekday, b: Weekday) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Accepts `Mon`, `monday`, `MON`, …
    public init?(loose text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard t.count >= 3 else { return nil }
        guard let match = Weekday.allCases.first(where: { t.hasPrefix($0.rawValue.lowercased()) }) else { return nil }
        self = match
    }
}

import Foundation
