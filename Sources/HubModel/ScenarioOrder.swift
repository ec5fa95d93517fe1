/// One order for every table's rows, so that the order of rows in a file never
/// changes a plan: GLPK sees the same columns in the same order however a
/// spreadsheet was sorted, and ties break the same way.
extension Scenario {
    /// This scenario with each table sorted by its key (ids first). Things named
    /// in scenario.yaml (authorities, programmes, forums) keep the file's order,
    /// which is the order reports show them in.
    public func inCanonicalOrder() -> Scenario {
        var s = self
        s.schools.sort { $0.id < $1.id }
        s.enrolment.sort { ($0.school, $0.programme) < ($1.school, $1.programme) }
        s.facilitators.sort { $0.id < $1.id }
        s.advisers.sort { $0.id < $1.id }
        s.assessors.sort { $0.id < $1.id }
        s.focusSchools.sort { $0.school < $1.school }
        s.venues.sort { $0.id < $1.id }
        for i in s.venues.indices { s.venues[i].rooms.sort { $0.id < $1.id } }
        s.calendar.closures.sort {
            ($0.day, $0.authority ?? "", $0.kind.rawValue, $0.description) < ($1.day, $1.authority ?? "", $1.kind.rawValue, $1.description)
        }
        s.unavailability.sort { ($0.who, $0.from, $0.to, $0.reason) < ($1.who, $1.from, $1.to, $1.reason) }
        s.history.sort { ($0.year, $0.authority, $0.programme) < ($1.year, $1.authority, $1.programme) }
        return s
    }
}
