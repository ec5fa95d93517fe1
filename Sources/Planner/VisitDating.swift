import HubModel

/// Dates the Focus Schools' support days, once each school has its adviser.
struct VisitDating {
    let ctx: PlanningContext
    var baseline: Baseline? = nil

    /// Dates each support day: audit days first in HT1, visits spread through each half-term.
    func run(_ primary: [String: String], diary: Diary) -> (visits: [AdviserAssignment], unmet: [UnmetItem]) {
        var out: [AdviserAssignment] = []
        var unmet: [UnmetItem] = []
        // Re-planning: visits already made stay; later ones aim for their previous dates.
        var held: [String: Int] = [:]   // "school|HTn" → days already given
        var previousDates: [String: [Day]] = [:]
        for a in baseline?.plan.adviserAssignments ?? [] {
            guard let d = a.date else { continue }
            if baseline!.isFrozen(d) {
                diary.book(a.adviser, d, a.parts, days: a.days)
                out.append(a)
                held["\(a.school)|\(a.halfTerm.rawValue)", default: 0] += 1
            } else {
                previousDates["\(a.school)|\(a.halfTerm.rawValue)", default: []].append(d)
            }
        }
        let visit = DayParts(start: AdviserAssignment.start, hours: AdviserAssignment.hours)
        for n in ctx.scenario.focusSchools.sorted(by: { $0.school < $1.school }) {
            guard let adviser = primary[n.school], let school = ctx.schoolById[n.school] else { continue }
            for ht in HalfTerm.allCases {
                let all = Array(repeating: SupportKind.audit, count: ht == .ht1 ? n.auditDays : 0) + Array(repeating: SupportKind.visit, count: n.daysPerHalfTerm)
                let kinds = Array(all.dropFirst(held["\(n.school)|\(ht.rawValue)"] ?? 0))
                guard !kinds.isEmpty else { continue }
                let freeze = baseline?.freezeBefore
                let days = ctx.teachingDays([school.authority], ht).filter { d in freeze.map { d >= $0 } ?? true }
                let wished = previousDates["\(n.school)|\(ht.rawValue)"] ?? []
                for (k, kind) in kinds.enumerated() {
                    let target = k < wished.count ? wished[k] : (days.isEmpty ? nil : days[min(days.count - 1, days.count * (k + 1) / (kinds.count + 1))])
                    if let target, let d = Diary.nearest(days, to: target).first(where: { diary.isFree(adviser, $0, visit, days: 1) }) {
                        diary.book(adviser, d, visit, days: 1)
                        out.append(AdviserAssignment(school: n.school, adviser: adviser, halfTerm: ht, days: 1, date: d, kind: kind))
                    } else {
                        unmet.append(UnmetItem(.supportDay(school: n.school, kind: kind, halfTerm: ht), amount: 1,
                                               reason: .adviserHasNoFreeDay(authority: school.authority, halfTerm: ht, adviser: adviser)))
                    }
                }
            }
        }
        return (out, unmet)
    }
}
