import Forecast
import Foundation
import HubModel
import Hummingbird
import Planner
import Reports
import RunHistory

/// What the web app serves: one scenario folder, its current plan, and what-if jobs.
public final class WebState: @unchecked Sendable {
    public let directory: URL
    public let scenario: Scenario
    public let plan: Plan
    let forecasts: [ProgrammeForecast]
    public let jobs: JobQueue

    /// Loads the scenario, plans it and writes the plan's files to DIR/out (the downloads).
    ///
    /// It always plans afresh (about a second for a hub): a plan file left from an
    /// earlier version of the scenario could pass the checker and still be stale.
    public init(directory: URL, jobs: JobQueue = JobQueue()) throws {
        self.directory = directory
        let (s, _) = try ScenarioLoader.load(directory)
        scenario = s
        plan = try Planner(scenario: s, settings: Planner.Settings(scenario: s)).plan()
        let out = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try ReportWriter.write(plan: plan, scenario: s, forecasts: [], to: out)
        forecasts = HubForecast(scenario: s).forecast(method: .ets, until: max(s.year, 2027))
        self.jobs = jobs
    }
}

/// The routes of the local web app.
public enum WebApp {
    /// Binds to 127.0.0.1 unless told otherwise.
    public static func application(state: WebState, host: String = "127.0.0.1", port: Int = 8080) -> some ApplicationProtocol {
        Application(router: router(state: state), configuration: .init(address: .hostname(host, port: port), serverName: "hubplan"))
    }

    public static func router(state: WebState) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { _, _ in html(Pages.index(state)) }
        router.get("/plan") { _, _ in html(HTMLReport.render(plan: state.plan, scenario: state.scenario, forecasts: state.forecasts)) }
        router.get("/forecast") { _, _ in html(HTMLReport.renderForecast(scenario: state.scenario, forecasts: state.forecasts, capacity: [])) }
        router.get("/runs") { _, _ in html(Pages.runs(state)) }
        router.get("/whatif") { _, _ in html(Pages.whatIfForm(state, WhatIfForm(), problems: [:])) }
        router.post("/whatif") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 64 * 1024)
            let form = WhatIfForm(urlEncoded: String(buffer: body))
            let problems = form.problems(for: state.scenario)
            if !problems.isEmpty { return html(Pages.whatIfForm(state, form, problems: problems), status: .badRequest) }
            let job = submit(form, state: state)
            return Response(status: .seeOther, headers: [.location: "/jobs/\(job.id)"])
        }
        router.get("/replan") { _, _ in html(Pages.replanForm(state, who: "", from: "", problems: [:])) }
        router.post("/replan") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 64 * 1024)
            var c = URLComponents()
            c.percentEncodedQuery = String(buffer: body).replacingOccurrences(of: "+", with: "%20")
            let fields = Dictionary((c.queryItems ?? []).map { ($0.name, ($0.value ?? "").trimmingCharacters(in: .whitespaces)) }, uniquingKeysWith: { a, _ in a })
            let who = fields["who"] ?? "", from = fields["from"] ?? ""
            var problems: [String: String] = [:]
            let known = Set(state.scenario.facilitators.map(\.id) + state.scenario.venues.map(\.id) + state.scenario.advisers.map(\.id))
            if !known.contains(who) { problems["who"] = "Choose a facilitator, adviser or venue from the list." }
            let yearEnd = Day(year: state.scenario.year + 1, month: 7, day: 31)!
            let day = Day(iso: from)
            if day == nil || day! > yearEnd { problems["from"] = "Enter a date in the plan year, e.g. \(state.scenario.year + 1)-01-04." }
            if !problems.isEmpty { return html(Pages.replanForm(state, who: who, from: from, problems: problems), status: .badRequest) }
            let job = replan(who: who, from: day!, until: yearEnd, state: state)
            return Response(status: .seeOther, headers: [.location: "/jobs/\(job.id)"])
        }
        router.get("/jobs/:id") { _, context -> Response in
            guard let id = context.parameters.get("id", as: Int.self), let job = state.jobs.job(id) else { return html(Pages.notFound, status: .notFound) }
            return html(Pages.job(job))
        }
        router.get("/jobs/:id/events") { _, context -> Response in
            guard let id = context.parameters.get("id", as: Int.self), let job = state.jobs.job(id) else { return html(Pages.notFound, status: .notFound) }
            // Server-sent events: the job's progress every half second until it ends.
            let body = ResponseBody { writer in
                var last = ""
                for _ in 0..<7200 {
                    let line = "\(job.state.rawValue): \(job.progress)"
                    if line != last {
                        try await writer.write(ByteBuffer(string: "data: \(line)\n\n"))
                        last = line
                    }
                    if job.state == .done || job.state == .failed {
                        try await writer.write(ByteBuffer(string: "event: done\ndata: \(job.state.rawValue)\n\n"))
                        break
                    }
                    try await Task.sleep(nanoseconds: 500_000_000)
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
        }
        router.get("/download/**") { _, context -> Response in
            let rest = context.parameters.getCatchAll().joined(separator: "/")
            guard let (data, type) = Downloads.file(rest, in: state.directory) else { return html(Pages.notFound, status: .notFound) }
            return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        return router
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Saves the overlay beside the scenario (so the command line can replay it) and plans it in the background.
    static func submit(_ form: WhatIfForm, state: WebState) -> WhatIfJob {
        state.jobs.submit(name: form.name) { job in
            let folder = state.directory.appendingPathComponent("whatif")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("\(form.name).yaml")
            try AtomicFile.write(form.yaml, to: file)
            let overlay = try Overlay.load(file, base: state.scenario)
            let variant = try overlay.applyWithForecast(to: state.scenario)
            var settings = Planner.Settings(scenario: variant)
            settings.progress = { model, p in
                let inc = p.incumbent.map { String(format: "£%.0f", $0) } ?? "–"
                let bound = p.bound.map { String(format: "£%.0f", $0) } ?? "–"
                let gap = p.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "–"
                job.update(progress: "\(model): incumbent \(inc), bound \(bound), gap \(gap)")
            }
            let plan = try Planner(scenario: variant, settings: settings).plan()
            let kpis = [PlanKPIs(variant: "base", plan: state.plan, scenario: state.scenario), PlanKPIs(variant: form.name, plan: plan, scenario: variant)]
            return WhatIfReport.render(title: "What-if: \(form.name)", kpis: kpis, unmet: ["base": state.plan.unmet, form.name: plan.unmet])
        }
    }
}

extension WebApp {
    /// Re-plans with someone (or a venue) unavailable from a date, keeping everything before it.
    static func replan(who: String, from: Day, until: Day, state: WebState) -> WhatIfJob {
        state.jobs.submit(name: "\(who) unavailable from \(from)") { job in
            var changed = state.scenario
            changed.unavailability.append(Unavailability(who: who, from: from, to: until, reason: "marked in the web app"))
            var settings = Planner.Settings(scenario: changed)
            settings.baseline = Baseline(plan: state.plan, freezeBefore: from)
            settings.progress = { model, _ in job.update(progress: "re-planning: \(model)") }
            let plan = try Planner(scenario: changed, settings: settings).plan()
            let changes = PlanChange.between(state.plan, plan)
            let violations = PlanChecker(scenario: changed).check(plan)
            return Pages.replanResult(job.name, before: state.plan, after: plan, changes: changes, violations: violations.count)
        }
    }
}

/// Files a planner may download: only the plan's outputs, never anything else.
enum Downloads {
    static func file(_ path: String, in directory: URL) -> (Data, String)? {
        let parts = path.split(separator: "/").map(String.init)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." && !$0.contains("\\") && !$0.hasPrefix(".") }) else { return nil }
        let allowed: Bool
        switch parts.count {
        case 1: allowed = parts[0] == "plan.json" || parts[0] == "report.html"
        case 2: allowed = (parts[0] == "csv" && parts[1].hasSuffix(".csv")) || (parts[0] == "calendars" && parts[1].hasSuffix(".ics"))
        default: allowed = false
        }
        guard allowed else { return nil }
        let out = directory.appendingPathComponent("out").standardizedFileURL
        let url = out.appendingPathComponent(parts.joined(separator: "/")).standardizedFileURL
        guard url.path.hasPrefix(out.path + "/"), let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let type = url.pathExtension == "json" ? "application/json" : url.pathExtension == "csv" ? "text/csv; charset=utf-8"
            : url.pathExtension == "ics" ? "text/calendar; charset=utf-8" : "text/html; charset=utf-8"
        return (data, type)
    }
}
