/// The parts of a school day an event takes: people and rooms are booked per
/// part, so a facilitator can run a morning session and a twilight on one day,
/// and a room can hold both.
///
/// Morning is before 12:30, afternoon 12:30 to 15:30, twilight from 15:30; an
/// event takes every part its time overlaps (09:00 for 6 hours: morning and
/// afternoon, a full school day).
public struct DayParts: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let morning = DayParts(rawValue: 1)
    public static let afternoon = DayParts(rawValue: 2)
    public static let twilight = DayParts(rawValue: 4)
    /// A full school day.
    public static let schoolDay: DayParts = [.morning, .afternoon]

    /// Minutes after midnight where each part starts and ends.
    static let bounds: [(DayParts, Double, Double)] = [(.morning, 0, 750), (.afternoon, 750, 930), (.twilight, 930, 1440)]

    /// The parts an event from `start` ("HH:MM") lasting `hours` takes; a start that
    /// is not a time is taken as 09:00.
    public init(start: String, hours: Double) {
        let from = DayParts.minutes(start) ?? 540
        let to = from + max(0, hours) * 60
        var parts: DayParts = []
        for (part, lo, hi) in DayParts.bounds where from < hi && to > lo { parts.insert(part) }
        self = parts.isEmpty ? .morning : parts
    }

    /// Whether an in-person event starting then takes teachers out of school in the
    /// school day: it starts before 15:00 (a later one is a twilight).
    public static func releasesTeachers(start: String) -> Bool { (DayParts.minutes(start) ?? 540) < 900 }

    static func minutes(_ text: String) -> Double? {
        let bits = text.split(separator: ":")
        guard bits.count == 2, let h = Int(bits[0]), let m = Int(bits[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return Double(h * 60 + m)
    }

    /// The three parts, in order.
    public static let allParts: [DayParts] = [.morning, .afternoon, .twilight]

    /// Each single part in this set.
    public var each: [DayParts] { DayParts.allParts.filter { contains($0) } }

    /// In words: "morning", "twilight", "full day", "afternoon and twilight", …
    public var words: String {
        if self == .schoolDay { return "full day" }
        if self == [.morning, .afternoon, .twilight] { return "full day and twilight" }
        let names = [(DayParts.morning, "morning"), (.afternoon, "afternoon"), (.twilight, "twilight")]
        return names.filter { contains($0.0) }.map(\.1).joined(separator: " and ")
    }
}
