import Foundation
import HubModel
import Planner
import Reports
import RunHistory
import WebForms

/// The app's own pages (navigation, forms, job status); plans and forecasts are Reports' pages.
enum Pages {
    static func layout(_ title: String, _ body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) — HubPlan</title>
        <style>body{font-family:system-ui,Arial,sans-serif;margin:2rem auto;max-width:1000px;padding:0 1rem}
        nav a{margin-right:1rem}label{display:block;margin-top:.8rem;font-weight:600}input,select{font-size:1rem;padding:.2rem}
        .error{color:#9b2c2c;font-weight:400;margin-left:.5rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccd;padding:.25rem .45rem;text-align:left}
        button{display:block;margin-top:1rem;font-size:1rem;padding:.4rem 1rem}</style></head><body>
        <nav aria-label="Main"><a href="/">Home</a><a href="/plan">Plan</a><a href="/forecast">Forecast</a><a href="/whatif">What-if</a><a href="/replan">Re-plan</a><a href="/runs">Runs</a></nav>
        <main><h1>\(HTML.escape(title))</h1>\(body)</main></body></html>

        """
    }

    static func index(_ s: WebState) -> String {
        let p = s.plan
        var b = "<p>\(HTML.escape(s.scenario.name)), \(HTML.escape(s.scenario.yearLabel)): <strong>\(HTML.escape(p.proven.words))</strong>, cost £\(String(format: "%.0f", p.objective)); \(p.sessions.count) sessions, \(p.forums.count) forums, \(p.unmet.count) unmet items.</p>"
        b += "<p id=\"served\">\(HTML.escape(s.served.note.prefix(1).uppercased() + s.served.note.dropFirst())).</p>"
        b += "<h2>Downloads</h2><ul>"
        var files = ["plan.json", "report.html"]
        let out = s.served.outputs
        for sub in ["csv", "calendars"] {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(sub).path)) ?? []).sorted()
            files += names.filter { !$0.hasPrefix(".") }.map { "\(sub)/\($0)" }
        }
        for f in files { b += "<li><a href=\"/download/\(HTML.escape(f))\">\(HTML.escape(f))</a></li>" }
        return layout("HubPlan", b + "</ul>")
    }

    static func runs(_ s: WebState) -> String {
        let path = RunStore.path(forScenario: s.directory.path)
        guard FileManager.default.fileExists(atPath: path), let store = try? RunStore(path: path), let runs = try? store.all() else {
            return layout("Runs", "<p>No runs recorded yet.</p>")
        }
        return layout("Runs", HTML.table(caption: "Every recorded run", header: ["id", "time", "command", "inputs", "key figures"],
                                         rows: runs.map { [String($0.id ?? 0), $0.time, $0.command, $0.inputs, $0.kpis] }))
    }

    static func whatIfForm(_ s: WebState, _ f: WhatIfForm, problems: [String: String]) -> String {
        func err(_ k: String) -> String { problems[k].map { "<span class=\"error\" id=\"\(k)-error\">\(HTML.escape($0))</span>" } ?? "" }
        func options(_ items: [(String, String)], selected: String) -> String {
            "<option value=\"\">(none)</option>" + items.map {
                "<option value=\"\(HTML.escape($0.0))\"\($0.0 == selected ? " selected" : "")>\(HTML.escape($0.1))</option>"
            }.joined()
        }
        var b = "<form method=\"post\" action=\"/whatif\">" + tokenField(s)
        b += "<label for=\"name\">Variant name \(err("name"))</label><input id=\"name\" name=\"name\" value=\"\(HTML.escape(f.name))\" required>"
        b += "<label for=\"programme\">Scale a programme's enrolment \(err("programme"))</label><select id=\"programme\" name=\"programme\">"
            + options(s.scenario.programmes.map { ($0.id, "\($0.id) — \($0.name)") }, selected: f.programme) + "</select>"
        b += "<label for=\"scale\">to this percentage of today \(err("scale"))</label><input id=\"scale\" name=\"scale\" value=\"\(HTML.escape(f.scalePercent))\">"
        b += "<label for=\"facilitator\">Remove a facilitator \(err("facilitator"))</label><select id=\"facilitator\" name=\"facilitator\">"
            + options(s.scenario.facilitators.map { ($0.id, "\($0.id) — \($0.name)") }, selected: f.removeFacilitator) + "</select>"
        b += "<label for=\"venue\">Close a venue \(err("venue"))</label><select id=\"venue\" name=\"venue\">"
            + options(s.scenario.venues.map { ($0.id, "\($0.id) — \($0.name)") }, selected: f.closeVenue) + "</select>"
        b += "<label for=\"unmet\">Penalty per unmet participant, £ \(err("unmet"))</label><input id=\"unmet\" name=\"unmet\" value=\"\(HTML.escape(f.unmetWeight))\">"
        b += "<label for=\"forecast\">Take demand from the forecast for (e.g. 2027-28) \(err("forecast"))</label><input id=\"forecast\" name=\"forecast\" value=\"\(HTML.escape(f.forecastYear))\">"
        b += "<button type=\"submit\">Run what-if</button></form>"
        return layout("What-if", b)
    }

    static func job(_ job: WhatIfJob) -> String {
        switch job.state {
        case .done: return job.page
        case .failed: return layout("What-if \(job.name)", "<p class=\"error\">This what-if failed: \(HTML.escape(job.error))</p>")
        case .queued, .running:
            return layout("What-if \(job.name)", """
            <p id="progress" role="status" aria-live="polite">\(HTML.escape(job.state.rawValue)): \(HTML.escape(job.progress))</p>
            <script>
            const source = new EventSource("/jobs/\(job.id)/events");
            source.onmessage = (e) => { document.getElementById("progress").textContent = e.data; };
            source.addEventListener("done", () => { source.close(); location.reload(); });
            </script>
            """)
        }
    }

    static func replanForm(_ s: WebState, _ f: ReplanForm, problems: [String: String]) -> String {
        let who = f.who, from = f.from
        func err(_ k: String) -> String { problems[k].map { "<span class=\"error\" id=\"\(k)-error\">\(HTML.escape($0))</span>" } ?? "" }
        let people = s.scenario.facilitators.map { ($0.id, "facilitator \($0.id) — \($0.name)") }
            + s.scenario.advisers.map { ($0.id, "adviser \($0.id) — \($0.name)") } + s.scenario.venues.map { ($0.id, "venue \($0.id) — \($0.name)") }
        var b = "<p>Mark a person or a venue unavailable from a date: everything before it stays as planned, the rest moves as little as it can.</p>"
        b += "<form method=\"post\" action=\"/replan\">" + tokenField(s) + "<label for=\"who\">Who or what \(err("who"))</label><select id=\"who\" name=\"who\"><option value=\"\">(choose)</option>"
        b += people.map { "<option value=\"\(HTML.escape($0.0))\"\($0.0 == who ? " selected" : "")>\(HTML.escape($0.1))</option>" }.joined() + "</select>"
        b += "<label for=\"from\">Unavailable from (YYYY-MM-DD) \(err("from"))</label><input id=\"from\" name=\"from\" value=\"\(HTML.escape(from))\">"
        b += "<button type=\"submit\">Re-plan</button></form>"
        return layout("Re-plan", b)
    }

    static func replanResult(_ title: String, before: Plan, after: Plan, changes: [PlanChange], violations: Int) -> String {
        var b = "<p>Cost £\(String(format: "%.0f", before.objective)) → £\(String(format: "%.0f", after.objective)); unmet items \(before.unmet.count) → \(after.unmet.count); plan check \(violations == 0 ? "passed" : "\(violations) violation(s)").</p>"
        b += changes.isEmpty ? "<p>Nothing had to change.</p>"
            : HTML.table(caption: "\(changes.count) change(s)", header: ["kind", "what", "before", "after"],
                         rows: changes.map { [$0.kind.rawValue, $0.what, $0.before, $0.after] }, id: "changes")
        return layout("Re-plan: \(title)", b)
    }

    /// The hidden field that proves a form came from this server's own page.
    static func tokenField(_ s: WebState) -> String {
        "<input type=\"hidden\" name=\"\(PostedForm<WhatIfForm>.tokenField)\" value=\"\(HTML.escape(s.token.value))\">"
    }

    /// 400 or 415: the body could not be read; names the field when one is to blame.
    static func badForm(_ error: FormError) -> String {
        let id = error.field.map { " id=\"\(HTML.escape($0.filter { $0.isLetter || $0.isNumber }))-error\"" } ?? ""
        return layout("The form could not be read", "<p class=\"error\"\(id)>\(HTML.escape(error.description.prefix(1).uppercased() + error.description.dropFirst())).</p>"
                      + "<p><a href=\"/\">Back to the plan</a>.</p>")
    }

    /// 403: no token, or not this server's (the server was restarted, or another site sent the form).
    static let staleForm = layout("Form refused", "<p class=\"error\">This form did not come from this HubPlan page (or the server was restarted since it was opened): "
                                  + "reload the page and send it again.</p>")

    /// 503: the what-if queue is full.
    static func busy(_ reason: String) -> String {
        layout("Busy", "<p class=\"error\">Busy, try later: \(HTML.escape(reason)).</p><p><a href=\"/\">Back to the plan</a>.</p>")
    }

    static let notFound = layout("Not found", "<p>There is nothing here. <a href=\"/\">Back to the plan</a>.</p>")
}
