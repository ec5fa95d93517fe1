import Foundation

/// What one cell of a worksheet holds, as a reader sees it once formulas are
/// replaced by their cached values.
public enum CellValue: Sendable, Equatable {
    /// Text (a shared string, an inline string, or a formula's text result).
    case text(String)
    /// A number without a date or time format.
    case number(Double)
    /// TRUE or FALSE.
    case bool(Bool)
    /// A number formatted as a date or time: the serial (days since the workbook's epoch, fraction = time of day).
    case date(ExcelDate)
    /// An error value such as `#DIV/0!`, `#N/A`, `#REF!`: the caller should report it at the cell.
    case error(String)
}

/// A calendar date with an optional time of day, as a worksheet stores it.
public struct ExcelDate: Sendable, Equatable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// Minutes after midnight, nil for a plain date.
    public var minutes: Int?

    public init(year: Int, month: Int, day: Int, minutes: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.minutes = minutes
    }

    /// A time of day alone (Excel stores it as a fraction of a day after the epoch).
    public var isTimeOnly: Bool { year == 0 }

    /// `2026-09-03`, `2026-09-03 09:30`, or `09:30` for a time alone.
    public var iso: String {
        let time = minutes.map { String(format: "%02d:%02d", $0 / 60, $0 % 60) }
        if isTimeOnly { return time ?? "00:00" }
        let date = String(format: "%04d-%02d-%02d", year, month, day)
        return time.map { "\(date) \($0)" } ?? date
    }
}

/// Excel's day numbers: the 1900 system (day 1 is 1900-01-01, with Lotus 1-2-3's
/// phantom 1900-02-29 as day 60) and the 1904 system (day 0 is 1904-01-01).
public enum ExcelSerial {
    /// The date of a serial; nil for a negative, non-finite or far-future serial
    /// (beyond 9999-12-31, which Excel shows as ####).
    public static func date(_ serial: Double, date1904: Bool = false) -> ExcelDate? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var whole = Int(serial.rounded(.down))
        // Minutes, rounded to the nearest: Excel stores 09:30 as 0.395833…
        var minutes = Int(((serial - Double(whole)) * 1440).rounded())
        if minutes == 1440 { whole += 1; minutes = 0 }
        let hasTime = serial != serial.rounded(.down)
        // Serial 0 (0.xxx) is a time typed alone: Excel shows no date for it.
        if whole == 0 {
            return ExcelDate(year: 0, month: 0, day: 0, minutes: minutes)
        }
        let days: Int   // days since 1970-01-01
        if date1904 {
            days = whole + daysFromCivil(1904, 1, 1)
        } else if whole == 60 {
            // The phantom 1900-02-29: no such day; Excel shows it, we give the day after.
            days = daysFromCivil(1900, 3, 1)
        } else {
            days = whole + daysFromCivil(1899, 12, whole < 60 ? 31 : 30)
        }
        let (y, m, d) = civilFromDays(days)
        return ExcelDate(year: y, month: m, day: d, minutes: hasTime ? minutes : nil)
    }

    /// The serial of a date (and time) in the 1900 system, as a writer stores it.
    public static func serial(year: Int, month: Int, day: Int, minutes: Int = 0) -> Double {
        let days = daysFromCivil(year, month, day) - daysFromCivil(1899, 12, 30)
        // Before 1900-03-01 Excel counts the phantom leap day differently; no plan goes back there.
        return Double(days) + Double(minutes) / 1440
    }

    /// A time of day as the fraction of a day Excel stores.
    public static func serial(minutes: Int) -> Double { Double(minutes) / 1440 }

    /// The Gregorian calendar in UTC: a serial counts whole days, with no time zone.
    private static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    /// Days since 1970-01-01.
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let date = calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
        return Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(days) * 86_400))
        return (c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }
}

/// Column letters: 1 → A, 27 → AA, 16384 → XFD.
public enum ColumnName {
    public static func letters(_ column: Int) -> String {
        var n = column, s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// The 1-based column and row of a reference such as `C14`; nil when it is not one.
    public static func parse(_ reference: String) -> (column: Int, row: Int)? {
        var column = 0, row = 0, sawDigit = false, sawLetter = false
        for ch in reference.utf8 {
            switch ch {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where !sawDigit:
                column = column * 26 + Int(ch - 64); sawLetter = true
            case UInt8(ascii: "a")...UInt8(ascii: "z") where !sawDigit:
                column = column * 26 + Int(ch - 96); sawLetter = true
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9") where sawLetter:
                row = row * 10 + Int(ch - 48); sawDigit = true
            default: return nil
            }
            if column > 16_384 || row > 10_000_000 { return nil }
        }
        return sawLetter && sawDigit && row > 0 ? (column, row) : nil
    }
}
