import Forecast
import Foundation
import HubModel
import HTTPTypes
import Hummingbird
import Planner
import Reports
import RunHistory
import WebForms

/// What the web app serves: one scenario folder, its plan, and what-if jobs.
public final class WebState: @unchecked Sendable {
    public let directory: URL
    public let scenario: Scenario
    /// The plan served and where its files are (DIR/out, or the app's own folder).
    public let served: ServedPlan
    public var plan: Plan { served.plan }
    let forecasts: [ProgrammeForecast]
    public let jobs: JobQueue
    /// The token the app's forms carry; every POST must send it back.
    public let token: SessionToken
    let overlays: OverlayFolder

    /// Loads the scenario and chooses the plan to serve (``ServedPlan/choose(directory:scenario:forecasts:)``).
    public init(directory: URL, jobs: JobQueue = JobQueue(), token: SessionToken = SessionToken()) throws {
        self.directory = directory
        let (s, _) = try ScenarioLoader.load(directory)
        scenario = s
        forecasts = ReportWriter.planForecasts(s)
        // A scenario workbook's outputs and overlays live in the folder that holds it.
        let home = URL(fileURLWithPath: ScenarioLoader.home(directory.path))
        served = try ServedPlan.choose(directory: home, scenario: s, forecasts: forecasts)
        self.jobs = jobs
        self.token = token
        overlays = OverlayFolder(scenario: home)
    }
}

/// The routes of the local web app.
public enum WebApp {
    /// Binds to 127.0.0.1 unless told otherwise; answers only to loopback names and `host`.
    public static func application(state: WebState, host: String = "127.0.0.1", port: Int = 8080) -> some ApplicationProtocol {
        Application(router: router(state: state, guard: RequestGuard(host: host, port: port)),
                    configuration: .init(address: .hostname(host, port: port), serverName: "hubplan"))
    }

    /// - Parameter requestGuard: the Host allow-list and cross-site check run before every route.
    public static func router(state: WebState, guard requestGuard: RequestGuard<BasicRequestContext>) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: requestGuard)
        router.get("/") { _, _ in html(Pages.index(state)) }
        router.get("/plan") { _, _ in html(HTMLReport.render(plan: state.plan, scenario: state.scenario, forecasts: state.forecasts)) }
        router.get("/forecast") { _, _ in html(HTMLReport.renderForecast(scenario: state.scenario, forecasts: state.forecasts, capacity: [])) }
        router.get("/runs") { _, _ in html(Pages.runs(state)) }
        router.get("/whatif") { _, _ in html(Pages.whatIfForm(state, WhatIfForm(), problems: [:])) }
        router.post("/whatif") { request, _ -> Response in
            let form: WhatIfForm
            switch try await read(WhatIfForm.self, from: request, state: state) {
            case .refused(let response): return response
            case .accepted(let fields): form = fields
            }
            let problems = form.problems(for: state.scenario)
            if !problems.isEmpty { return html(Pages.whatIfForm(state, form, problems: problems), status: .badRequest) }
            return queued { try submit(form, state: state) }
        }
        router.get("/replan") { _, _ in html(Pages.replanForm(state, ReplanForm(), problems: [:])) }
        router.post("/replan") { request, _ -> Response in
            let form: ReplanForm
            switch try await read(ReplanForm.self, from: request, state: state) {
            case .refused(let response): return response
            case .accepted(let fields): form = fields
            }
            let problems = form.problems(for: state.scenario)
            guard problems.isEmpty, let day = form.day(in: state.scenario) else {
                return html(Pages.replanForm(state, form, problems: problems), status: .badRequest)
            }
            return queued { try replan(who: form.who, from: day, until: ReplanForm.yearSpan(state.scenario).upperBound, state: state) }
        }
        router.get("/jobs/:id") { _, context -> Response in
            guard let id = context.parameters.get("id", as: Int.self), let job = state.jobs.job(id) else { return html(Pages.notFound, status: .notFound) }
            return html(Pages.job(job))
        }
        router.get("/jobs/:id/events") { _, context -> Response in
            guard let id = context.parameters.get("id", as: Int.self), let job = state.jobs.job(id) else { return html(Pages.notFound, status: .notFound) }
            return events(job)
        }
        router.get("/download/**") { _, context -> Response in
            let rest = context.parameters.getCatchAll().joined(separator: "/")
            guard let (data, type) = Downloads.file(rest, in: state.served.outputs) else { return html(Pages.notFound, status: .notFound) }
            return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        return router
    }

    /// Every HTML page: no other site may frame it (a framed form would pass the Origin check with a click stolen from the planner).
    static func html(_ text: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: "frame-ancestors 'none'",
                                   HTTPField.Name("X-Frame-Options")!: "DENY"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Server-sent events: the job's progress every half second until it ends.
    static func events(_ job: WhatIfJob) -> Response {
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

    /// A form's fields, or the answer that refuses it.
    enum Posted<Fields> {
        case accepted(Fields)
        case refused(Response)
    }

    /// Reads a POSTed form: 415 for another content type, 400 naming the field for
    /// a body that cannot be decoded, 403 without this server's token.
    static func read<F: Decodable & Sendable>(_ type: F.Type, from request: Request, state: WebState) async throws -> Posted<F> {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let posted: PostedForm<F>
        do throws(FormError) {
            posted = try FormBody.decode(PostedForm<F>.self, from: body.readableBytesView, contentType: request.headers[.contentType])
        } catch {
            if case .unsupportedContentType = error { return .refused(html(Pages.badForm(error), status: .unsupportedMediaType)) }
            return .refused(html(Pages.badForm(error), status: .badRequest))
        }
        guard state.token.matches(posted.token) else { return .refused(html(Pages.staleForm, status: .forbidden)) }
        return .accepted(posted.fields)
    }

    /// Queues a job and sends the browser to its page, or answers 503 when the queue is full.
    static func queued(_ submit: () throws -> WhatIfJob) -> Response {
        do {
            let job = try submit()
            return Response(status: .seeOther, headers: [.location: "/jobs/\(job.id)"])
        } catch {
            return html(Pages.busy("\(error)"), status: .serviceUnavailable, headers: [.retryAfter: "30"])
        }
    }

    /// Saves the overlay in the app's own folder under a fresh name (so the command
    /// line can replay it), plans it in the background and records the run.
    static func submit(_ form: WhatIfForm, state: WebState) throws -> WhatIfJob {
        try state.jobs.submit(name: form.name) { job in
            let file = try state.overlays.saveFresh(form.yaml, name: form.name)
            let overlay = try Overlay.load(file, base: state.scenario)
            let variant = try overlay.applyWithForecast(to: state.scenario)
            var settings = Planner.Settings(scenario: variant)
            settings.lastYear = state.served.lastYear
            settings.progress = { model, p in
                let inc = p.incumbent.map { String(format: "£%.0f", $0) } ?? "–"
                let bound = p.bound.map { String(format: "£%.0f", $0) } ?? "–"
                let gap = p.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "–"
                job.update(progress: "\(model): incumbent \(inc), bound \(bound), gap \(gap)")
            }
            let plan = try Planner(scenario: variant, settings: settings).plan()
            let violations = PlanChecker(scenario: variant, lastYear: state.served.lastYear).check(plan)
            WebRunLog.record(command: "whatif", state: state, extraInputs: [file.path], settings: ["variants": [file.path], "from": "web app"],
                             kpis: ["base": state.plan.objective, form.name: plan.objective, "unmet": plan.unmet.count, "violations": violations.count],
                             outputs: [file.path])
            let kpis = [PlanKPIs(variant: "base", plan: state.plan, scenario: state.scenario), PlanKPIs(variant: form.name, plan: plan, scenario: variant)]
            return WhatIfReport.render(title: "What-if: \(form.name)", kpis: kpis, unmet: ["base": state.plan.unmet, form.name: plan.unmet])
        }
    }
}

extension WebApp {
    /// Re-plans with someone (or a venue) unavailable from a date, keeping everything before it, and records the run.
    static func replan(who: String, from: Day, until: Day, state: WebState) throws -> WhatIfJob {
        try state.jobs.submit(name: "\(who) unavailable from \(from)") { job in
            var changed = state.scenario
            changed.unavailability.append(Unavailability(who: who, from: from, to: until, reason: "marked in the web app"))
            var settings = Planner.Settings(scenario: changed)
            settings.baseline = Baseline(plan: state.plan, freezeBefore: from)
            settings.lastYear = state.served.lastYear
            settings.progress = { model, _ in job.update(progress: "re-planning: \(model)") }
            let plan = try Planner(scenario: changed, settings: settings).plan()
            let changes = PlanChange.between(state.plan, plan)
            let violations = PlanChecker(scenario: changed, lastYear: state.served.lastYear).check(plan)
            WebRunLog.record(command: "replan", state: state, extraInputs: [state.served.outputs.appendingPathComponent("plan.json").path],
                             settings: ["who": who, "unavailableFrom": "\(from)", "freezeBefore": "\(from)", "from": "web app"],
                             kpis: ["objective": plan.objective, "gap": plan.gap, "changes": changes.count, "unmet": plan.unmet.count,
                                    "violations": violations.count],
                             outputs: [])
            return Pages.replanResult(job.name, before: state.plan, after: plan, changes: changes, violations: violations.count)
        }
    }
}

/// Web runs go into the scenario's run history like the command line's; a history
/// that cannot be written is a warning on the terminal, never a failed run.
enum WebRunLog {
    static func record(command: String, state: WebState, extraInputs: [String], settings: [String: Any], kpis: [String: Any], outputs: [String]) {
        do {
            try RunStore.record(command: command, scenario: state.directory.path, extraInputs: extraInputs, settings: settings, kpis: kpis, outputs: outputs)
        } catch {
            FileHandle.standardError.write(Data("hubplan serve: warning: run history \(RunStore.path(forScenario: state.directory.path)) not updated: \(error)\n".utf8))
        }
    }
}
