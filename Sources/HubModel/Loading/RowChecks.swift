/// Ids that name a person or a place across tables: `unavailability.csv` names
/// facilitators, advisers and venues by id alone, so one id in two of those
/// tables would make a row ambiguous.
struct SharedIds {
    let reporter: Reporter
    private var owners: [String: (what: String, file: String, row: Int)] = [:]

    init(reporter: Reporter) { self.reporter = reporter }

    /// Records the ids of `table`, reporting (at the later row) each one an earlier table already uses.
    mutating func claim(_ table: CSVTable, as what: String, column: String = "id") {
        var mine: [String: (what: String, file: String, row: Int)] = [:]
        for row in table.rows {
            let id = row.raw(column)
            guard !id.isEmpty, mine[id] == nil else { continue }   // a repeat within one table is reported as a duplicate
            if let owner = owners[id] {
                row.fail(column, "'\(id)' is already the id of \(owner.what == "adviser" ? "an" : "a") \(owner.what) (\(owner.file) row \(owner.row)); "
                    + "facilitators, advisers, assessors and venues need distinct ids, because unavailability.csv names them by id alone", reporter)
            }
            mine[id] = (what, table.file, row.number)
        }
        owners.merge(mine) { first, _ in first }
    }
}

/// The dates of one unavailability row against the plan year: a row wholly
/// outside it changes nothing, and a date years away is most likely a typo
/// (2062 for 2026) that would take someone out for the rest of the year.
struct UnavailabilityDates {
    let from: Day
    let to: Day
    let plan: DayRange
    let year: Int

    /// Days either side of the plan year that are still plausible (a leave booked a year ahead).
    static let slack = 366

    func warn(_ row: CSVRecord, _ r: Reporter) {
        let label = "the academic year \(AcademicYear.label(year)) (\(plan.first) to \(plan.last))"
        if let (column, day) = [("from", from), ("to", to)].first(where: { !plausible($0.1) }) {
            row.warn(column, "\(day) is more than a year outside \(label); check the year", r)
        } else if to < plan.first || from > plan.last {
            row.warn(from > plan.last ? "from" : "to", "\(from) to \(to) is outside \(label), so this row changes nothing; check the dates", r)
        }
    }

    private func plausible(_ d: Day) -> Bool { plan.first.advanced(by: -Self.slack) <= d && d <= plan.last.advanced(by: Self.slack) }
}
