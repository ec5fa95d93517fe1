import Foundation

/// Writes a scenario as a folder the loader reads back: `scenario.yaml` and
/// the CSV tables, in a fixed order, so the same scenario gives the same bytes.
public enum ScenarioWriter {
    public static func write(_ s: Scenario, to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files(s) { try AtomicFile.write(text, to: directory.appendingPathComponent(name)) }
    }

    /// The scenario's files by name: `scenario.yaml`, then every CSV table.
    public static func files(_ s: Scenario) -> [(name: String, text: String)] {
        [(ScenarioFiles.yaml, yaml(s))] + tables(s).map { ($0.0.0, csv($0.0.1, $0.1)) }
    }

    /// Every table of the scenario, in the loader's order, as the text of its cells.
    static func tables(_ s: Scenario) -> [((String, [ColumnSpec]), [[String]])] {
        var out: [((String, [ColumnSpec]), [[String]])] = []
        func put(_ spec: (String, [ColumnSpec]), _ rows: [[String]]) { out.append((spec, rows)) }
        put(ScenarioFiles.schools, s.schools.map {
            [$0.id, $0.name, $0.authority, $0.town, $0.phase.rawValue, coord($0.location.latitude), coord($0.location.longitude)]
        })
        if s.enrolment.contains(where: { $0.intake != nil }) {
            put(ScenarioFiles.enrolment, s.enrolment.map { [$0.school, $0.programme, String($0.participants), $0.intake?.rawValue ?? ""] })
        } else {
            put(ScenarioFiles.enrolmentAtStart, s.enrolment.map { [$0.school, $0.programme, String($0.participants)] })
        }
        put(ScenarioFiles.facilitators, s.facilitators.map {
            [$0.id, $0.name, $0.homeTown, coord($0.home.latitude), coord($0.home.longitude),
             $0.qualifications.sorted().joined(separator: ";"), num($0.daysPerHalfTerm), num($0.daysPerYear),
             num($0.dayRate), $0.employerSchool ?? ""]
        })
        put(ScenarioFiles.advisers, s.advisers.map {
            [$0.id, $0.name, $0.homeTown, coord($0.home.latitude), coord($0.home.longitude),
             $0.authorities.sorted().joined(separator: ";"), num($0.capacityDays), num($0.dayRate)]
        })
        put(ScenarioFiles.assessors, s.assessors.map {
            [$0.id, $0.name, $0.homeTown, coord($0.home.latitude), coord($0.home.longitude), num($0.hoursPerHalfTerm), num($0.hourlyRate)]
        })
        put(ScenarioFiles.focusSchools, s.focusSchools.map {
            [$0.school, String($0.auditDays), String($0.daysPerHalfTerm)]
        })
        put(ScenarioFiles.venues, s.venues.map {
            [$0.id, $0.name, $0.authority, $0.town, $0.address, coord($0.location.latitude), coord($0.location.longitude),
             num($0.dayCost), $0.weekdays.sorted().map(\.rawValue).joined(separator: ";"), $0.stepFree ? "yes" : "no"]
        })
        put(ScenarioFiles.rooms, s.venues.flatMap { v in
            v.rooms.map { [v.id, $0.id, String($0.capacity)] }
        })
        let calendarRows: [[String]] = s.authorities.flatMap { a in
            HalfTerm.allCases.compactMap { ht in
                s.calendar.halfTerms[a.id]?[ht].map { [a.id, ht.rawValue, $0.first.description, $0.last.description] }
            }
        }
        put(ScenarioFiles.calendar, calendarRows)
        put(ScenarioFiles.closures, s.calendar.closures.map {
            [$0.day.description, $0.authority ?? "", $0.kind.rawValue, $0.description, $0.phase?.rawValue ?? "", $0.school ?? ""]
        })
        put(ScenarioFiles.unavailability, s.unavailability.map {
            [$0.who, $0.from.description, $0.to.description, $0.reason]
        })
        put(ScenarioFiles.history, s.history.map {
            [AcademicYear.label($0.year), $0.authority, $0.programme, String($0.participants)]
        })
        return out
    }

    // MARK: CSV

    static func csv(_ columns: [ColumnSpec], _ rows: [[String]]) -> String {
        var out = columns.map(\.name).joined(separator: ",") + "\n"
        for row in rows { out += row.map(field).joined(separator: ",") + "\n" }
        return out
    }

    static func field(_ s: String) -> String { CSVText.field(s) }

    /// Five decimals (about a metre) when that is exact, as spreadsheets show them;
    /// otherwise every digit, so a loaded scenario writes back to the same numbers.
    static func coord(_ x: Double) -> String {
        let short = String(format: "%.5f", x)
        return Double(short) == x ? short : String(x)
    }
    static func num(_ x: Double) -> String { formatNumber(x) }

    // MARK: YAML

    static func yaml(_ s: Scenario) -> String {
        var y = "# HubPlan scenario. Columns of the CSV files: see scenarios/README.md.\n"
        y += "name: \(quote(s.name))\n"
        y += "year: \(AcademicYear.label(s.year))\n"
        if let path = s.continueFrom { y += "continueFrom: \(quote(path))\n" }
        y += "authorities:\n"
        for a in s.authorities { y += "  - {id: \(a.id), name: \(quote(a.name))}\n" }
        y += "programmes:\n"
        for p in s.programmes {
            y += "  - id: \(p.id)\n    name: \(quote(p.name))\n    kind: \(p.kind.rawValue)\n"
            y += "    cohort: {min: \(p.cohortMin), max: \(p.cohortMax)}\n"
            y += "    participantsPerFacilitator: \(p.participantsPerFacilitator)\n"
            y += "    crossAuthority: \(p.crossAuthority)\n"
            if let q = p.continues { y += "    continues: \(q)\n" }
            if p.sessions.isEmpty {
                y += "    sessions: []\n"
            } else {
                y += "    sessions:\n"
                for x in p.sessions {
                    let event = (x.gathers.map { ", gathers: \($0.rawValue)" } ?? "") + (x.perFacilitator.map { ", perFacilitator: \($0)" } ?? "")
                    y += "      - {halfTerm: \(x.halfTerm.rawValue), mode: \(x.mode.rawValue), hours: \(num(x.hours)), start: \"\(x.start)\", title: \(quote(x.title))\(event)}\n"
                }
            }
        }
        if s.forums.isEmpty {
            y += "forums: []\n"
        } else {
            y += "forums:\n"
            for f in s.forums {
                y += "  - id: \(f.id)\n    name: \(quote(f.name))\n    scope: \(f.scope.rawValue)\n"
                y += "    halfTerms: [\(f.halfTerms.map(\.rawValue).joined(separator: ", "))]\n"
                y += "    hours: \(num(f.hours))\n    start: \"\(f.start)\"\n    extraAttendees: \(f.extraAttendees)\n"
            }
        }
        if s.appropriateBody != AppropriateBodyWork() {
            let a = s.appropriateBody
            y += "appropriateBody: {reviewHours: \(num(a.reviewHours)), assessmentHours: \(num(a.assessmentHours)), windowDays: \(a.windowDays), hoursPerDay: \(num(a.hoursPerDay))}\n"
        }
        let w = s.weights
        y += "weights:\n"
        for f in ObjectiveWeights.fields { y += "  \(f.key): \(num(w[keyPath: f.path]))\n" }
        y += "solver:\n  timeLimit: \(num(s.solver.timeLimit))\n  gap: \(num(s.solver.gap))\n"
        y += "  maxTravelMinutes: \(num(s.solver.maxTravelMinutes))\n"
        return y
    }

    /// Double-quotes a YAML string, escaping what YAML needs.
    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
