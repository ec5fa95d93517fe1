import HubModel

/// Next year's scenario, made from this year's: the estimate `hubplan plan --years 2`
/// plans and `hubplan next-year` writes for a planner to correct.
///
/// - **Demand.** This year's enrolment becomes history. A programme that continues
///   another (ECT2 continues ECT1) takes this year's participants of that programme,
///   school by school, at the rate its forecast implies (never more: joiners are
///   not guessed). Every other programme takes its forecast for next year (the
///   median, per authority) spread over this year's schools in proportion.
/// - **Calendar.** Half-terms and closures move on 52 weeks, so weekdays stay
///   where they were; bank holidays are England's for the new year; a day that
///   leaves the academic year is dropped. The boroughs' published dates should
///   replace these when they are known.
/// - **People, venues, Focus Schools** stay; this year's dated unavailability is dropped.
public enum NextYear {
    /// What was estimated, in words, for the report and the terminal.
    public struct Estimate: Sendable {
        public var scenario: Scenario
        /// Participants per programme: this year's, and next year's estimate.
        public var participants: [(programme: String, thisYear: Int, nextYear: Int)]
    }

    public static func estimate(after s: Scenario, method: ForecastMethod = .auto) -> Estimate {
        var next = s
        next.year = s.year + 1
        next.continueFrom = nil
        next.unavailability = []
        next.history = history(s)
        next.calendar = calendar(s.calendar, year: next.year)
        let forecasts = HubForecast(scenario: next).forecast(method: method, until: next.year)
        var target: [String: Int] = [:]  // "programme|authority" → participants next year
        for f in forecasts {
            guard let i = f.years.firstIndex(of: next.year) else { continue }
            target["\(f.programme)|\(f.authority)"] = max(0, Int(f.result.forecast[i].rounded()))
        }
        next.enrolment = enrolment(s, target: target)
        let before = Dictionary(grouping: s.enrolment, by: \.programme).mapValues { $0.reduce(0) { $0 + $1.participants } }
        let after = Dictionary(grouping: next.enrolment, by: \.programme).mapValues { $0.reduce(0) { $0 + $1.participants } }
        return Estimate(scenario: next.inCanonicalOrder(),
                        participants: s.programmes.map { ($0.id, before[$0.id] ?? 0, after[$0.id] ?? 0) })
    }

    /// History with this year's enrolment as its newest year (replacing any figure for it).
    static func history(_ s: Scenario) -> [HistoryRecord] {
        let authorityOf = Dictionary(s.schools.map { ($0.id, $0.authority) }, uniquingKeysWith: { a, _ in a })
        var actual: [String: Int] = [:]
        for e in s.enrolment { if let a = authorityOf[e.school] { actual["\(e.programme)|\(a)", default: 0] += e.participants } }
        var out = s.history.filter { $0.year != s.year }
        for (key, n) in actual.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|").map(String.init)
            out.append(HistoryRecord(year: s.year, authority: parts[1], programme: parts[0], participants: n))
        }
        return out
    }

    /// Next year's enrolment, school by school.
    static func enrolment(_ s: Scenario, target: [String: Int]) -> [Enrolment] {
        let authorityOf = Dictionary(s.schools.map { ($0.id, $0.authority) }, uniquingKeysWith: { a, _ in a })
        var out: [Enrolment] = []
        for p in s.programmes {
            // Where next year's participants come from: the first year's this year, or this programme's own schools.
            // One row per school: this year's late intakes count with the rest (next year's forecast has none).
            var source: [Enrolment] = [], row: [String: Int] = [:]
            for e in s.enrolment where e.programme == (p.continues ?? p.id) && e.participants > 0 {
                if let i = row[e.school] { source[i].participants += e.participants; continue }
                row[e.school] = source.count
                source.append(Enrolment(school: e.school, programme: p.id, participants: e.participants))
            }
            for a in s.authorities {
                let rows = source.filter { authorityOf[$0.school] == a.id }
                let now = rows.reduce(0) { $0 + $1.participants }
                guard now > 0, var total = target["\(p.id)|\(a.id)"] else { continue }
                if p.continues != nil { total = min(total, now) }
                let parts = SeededRandom.apportion(total, weights: rows.map { Double($0.participants) })
                for (row, n) in zip(rows, parts) where n > 0 { out.append(Enrolment(school: row.school, programme: p.id, participants: n)) }
            }
        }
        return out
    }

    /// The calendar 52 weeks on, with England's bank holidays for the new year.
    static func calendar(_ c: AcademicCalendar, year: Int) -> AcademicCalendar {
        let within = AcademicYear.range(year), first = within.first, last = within.last
        func on(_ d: Day) -> Day { d.advanced(by: 364) }
        let halfTerms = c.halfTerms.mapValues { terms in
            terms.mapValues { DayRange(first: max(first, on($0.first)), last: min(last, on($0.last))) }
        }
        var closures = c.closures.filter { $0.kind != .bankHoliday }.compactMap { x -> Closure? in
            var moved = x
            moved.day = on(x.day)
            return within.contains(moved.day) ? moved : nil
        }
        closures += BankHolidays.england(academicYear: year).map { Closure(day: $0.day, authority: nil, kind: .bankHoliday, description: $0.name) }
        return AcademicCalendar(halfTerms: halfTerms, closures: closures)
    }
}
