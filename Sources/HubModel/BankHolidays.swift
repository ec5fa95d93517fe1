/// England's bank holidays in an academic year (1 August to 31 July, ``AcademicYear/range(_:)``), by the
/// standing rules: Christmas Day, Boxing Day and New Year's Day (moved to the next
/// free weekday when they fall at a weekend), Good Friday and Easter Monday, the
/// first and last Mondays of May and the last Monday of August. One-off changes
/// (a coronation, a jubilee) are not known here: add them in closures.csv.
public enum BankHolidays {
    public static func england(academicYear y: Int) -> [(day: Day, name: String)] {
        func day(_ year: Int, _ m: Int, _ d: Int) -> Day { Day(year: year, month: m, day: d)! }
        var out: [(Day, String)] = []
        var taken: Set<Day> = []
        // A fixed holiday at a weekend is kept on the next weekday not already a holiday.
        func fixed(_ d: Day, _ name: String) {
            var x = d
            while x.isWeekend || taken.contains(x) { x = x.advanced(by: 1) }
            taken.insert(x)
            out.append((x, x == d ? name : "\(name) (substitute)"))
        }
        func monday(onOrAfter d: Day) -> Day { var x = d; while x.weekday != .monday { x = x.advanced(by: 1) }; return x }
        func lastMonday(_ year: Int, _ m: Int) -> Day { var x = day(year, m, Day.daysIn(month: m, year: year)); while x.weekday != .monday { x = x.advanced(by: -1) }; return x }
        fixed(day(y, 12, 25), "Christmas Day")
        fixed(day(y, 12, 26), "Boxing Day")
        fixed(day(y + 1, 1, 1), "New Year's Day")
        let easter = easterSunday(y + 1)
        out.append((easter.advanced(by: -2), "Good Friday"))
        out.append((easter.advanced(by: 1), "Easter Monday"))
        out.append((monday(onOrAfter: day(y + 1, 5, 1)), "Early May bank holiday"))
        out.append((lastMonday(y + 1, 5), "Spring bank holiday"))
        out.insert((lastMonday(y, 8), "Summer bank holiday"), at: 0)
        return out.sorted { $0.0 < $1.0 }.map { (day: $0.0, name: $0.1) }
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous algorithm, as in Meeus).
    public static func easterSunday(_ year: Int) -> Day {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, dayOfMonth = (h + l - 7 * m + 114) % 31 + 1
        return Day(year: year, month: month, day: dayOfMonth)!
    }
}
