/// Checks that need the whole scenario: warnings for legal but suspicious data.
struct ScenarioChecks {
    let scenario: Scenario
    let r: Reporter

    func run() {
        let s = scenario
        let enrolled = Dictionary(grouping: s.enrolment, by: \.programme).mapValues { $0.reduce(0) { $0 + $1.participants } }
        for p in s.programmes where (enrolled[p.id] ?? 0) > 0 && !p.sessions.isEmpty {
            if !s.facilitators.contains(where: { $0.qualifications.contains(p.id) }) {
                r.warning(ScenarioFiles.facilitators.0, "no facilitator is qualified for programme '\(p.id)' (\(enrolled[p.id]!) participants enrolled): nobody can deliver it")
            }
        }
        let inPersonMins = s.programmes.filter { $0.needsVenue && (enrolled[$0.id] ?? 0) > 0 }.map(\.cohortMin)
        if let smallest = inPersonMins.min() {
            for v in s.venues where v.largestRoom < smallest {
                r.warning(ScenarioFiles.venues.0, "venue '\(v.id)': largest room seats \(v.largestRoom), fewer than the smallest cohort (\(smallest)); it can host no cohort")
            }
        }
        for f in s.facilitators where f.qualifications.isEmpty {
            r.warning(ScenarioFiles.facilitators.0, "facilitator '\(f.id)' is qualified for no programme")
        }
        let schoolAuthority = Dictionary(s.schools.map { ($0.id, $0.authority) }, uniquingKeysWith: { a, _ in a })
        for need in s.focusSchools {
            guard let la = schoolAuthority[need.school] else { continue }
            if !s.advisers.contains(where: { $0.authorities.contains(la) }) {
                r.warning(ScenarioFiles.focusSchools.0, "Focus School '\(need.school)' is in \(la), which no expert adviser covers")
            }
        }
        let inductions = s.enrolment.filter { e in s.programmes.contains { $0.id == e.programme && $0.kind == .appropriateBody } }
        if inductions.contains(where: { $0.participants > 0 }) && s.assessors.isEmpty {
            r.warning(ScenarioFiles.assessors.0, "there are Appropriate Body inductions but no assessors: their reviews are not planned")
        }
        if !s.focusSchools.isEmpty && s.advisers.isEmpty {
            r.warning(ScenarioFiles.advisers.0, "there are Focus Schools but no expert advisers")
        }
        for a in s.authorities where !s.schools.contains(where: { $0.authority == a.id }) {
            r.warning(ScenarioFiles.schools.0, "authority '\(a.id)' has no schools")
        }
        for p in s.programmes where p.kind != .appropriateBody && p.sessions.isEmpty {
            r.warning(ScenarioFiles.yaml, "programme '\(p.id)' has no sessions")
        }
    }
}
