import Foundation
import HTTPTypes
import HubModel
import Hummingbird
import HummingbirdTesting
import Testing
@testable import WebApp
@testable import WebForms

/// A copy of the reference scenario for the app to serve (it writes .hubplan/), never the shipped folder.
final class ServedScenario: @unchecked Sendable {
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/generate-2026-27")
    /// The token the test server's forms carry.
    static let token = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

    let url: URL
    let state: WebState

    /// - Parameters:
    ///   - jobs: the what-if queue (a small one for the busy tests).
    ///   - prepare: runs on the copy before the app starts (an out/ folder left by `hubplan plan`, …).
    init(jobs: JobQueue = JobQueue(), prepare: (URL) throws -> Void = { _ in }) throws {
        url = Self.copy()
        try prepare(url)
        state = try WebState(directory: url, jobs: jobs, token: SessionToken(value: Self.token))
    }

    /// A fresh copy of the reference scenario, without the history or outputs of other runs.
    static func copy() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("web-\(UUID().uuidString)")
        try! FileManager.default.copyItem(at: reference, to: url)
        for hidden in [".hubplan", "out"] { try? FileManager.default.removeItem(at: url.appendingPathComponent(hidden)) }
        return url
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The app as a browser on this machine reaches it (the in-process client's Host is `localhost`).
    func app() -> some ApplicationProtocol {
        Application(router: WebApp.router(state: state, guard: RequestGuard(host: "127.0.0.1", port: nil)))
    }
}

/// The headers the app's own form sends from its own page.
let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .origin: "http://localhost", HTTPField.Name("Sec-Fetch-Site")!: "same-origin"]

/// A form body with the test server's token.
func signed(_ body: String) -> ByteBuffer { ByteBuffer(string: "token=\(ServedScenario.token)&" + body) }

func text(_ r: TestResponse) -> String { String(buffer: r.body) }

@Suite(.serialized) struct WebAppRouteTests {
    let served: ServedScenario

    init() throws { served = try ServedScenario() }

    @Test func homeListsThePlanAndItsDownloads() async throws {
        try await served.app().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("Teaching School Hub for Halton, Warrington and Wigan"))
                #expect(text(r).contains("/download/plan.json"))
                #expect(text(r).contains("/download/calendars/hub.ics"))
            }
        }
    }

    @Test func planPageIsTheReport() async throws {
        try await served.app().test(.router) { client in
            try await client.execute(uri: "/plan", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("id=\"by-cohort\""))
                #expect(!text(r).contains("https://"))
            }
        }
    }

    @Test func forecastPageHasFanCharts() async throws {
        try await served.app().test(.router) { client in
            try await client.execute(uri: "/forecast", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("<svg"))
            }
        }
    }

    @Test func runsPageAnswersWithoutHistory() async throws {
        try await served.app().test(.router) { client in
            try await client.execute(uri: "/runs", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("No runs recorded yet"))
            }
        }
    }

    @Test func whatIfFormShowsEveryField() async throws {
        try await served.app().test(.router) { client in
            try await client.execute(uri: "/whatif", method: .get) { r in
                #expect(r.status == .ok)
                for field in ["name", "programme", "scale", "facilitator", "venue", "unmet", "forecast"] {
                    #expect(text(r).contains("name=\"\(field)\""))
                }
            }
        }
    }

    @Test func badFormValueGetsAMessageBesideItsField() async throws {
        try await served.app().test(.router) { client in
            try await client.execute(uri: "/whatif", method: .post, headers: formHeaders,
                                     body: signed("name=test&programme=NPQH&scale=abc")) { r in
                #expect(r.status == .badRequest)
                #expect(text(r).contains("id=\"scale-error\""))
                #expect(text(r).contains("Enter a number"))
            }
        }
    }

    @Test func whatIfRunsInTheBackgroundSavesItsOverlayAndShowsTheComparison() async throws {
        try await served.app().test(.router) { client in
            try await client.execute(uri: "/whatif", method: .post, headers: formHeaders,
                                     body: signed("name=npq-half&programme=NPQH&scale=50")) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/jobs/1")
            }
            served.state.jobs.waitForAll()
            try await client.execute(uri: "/jobs/1/events", method: .get) { r in
                #expect(r.headers[.contentType] == "text/event-stream")
                #expect(text(r).contains("event: done"))
            }
            try await client.execute(uri: "/jobs/1", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("Variants side by side"))
                #expect(text(r).contains("npq-half"))
            }
        }
        let saved = served.url.appendingPathComponent(".hubplan/overlays/npq-half.yaml")
        #expect(try String(contentsOf: saved, encoding: .utf8).contains("{programme: NPQH, scale: 0.5}"))
    }

    @Test func failingWhatIfShowsItsErrorAndTheServerGoesOn() async throws {
        let job = try served.state.jobs.submit(name: "boom") { _ in throw CocoaError(.fileNoSuchFile) }
        served.state.jobs.waitForAll()
        try await served.app().test(.router) { client in
            try await client.execute(uri: "/jobs/\(job.id)", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("This what-if failed"))
            }
            try await client.execute(uri: "/", method: .get) { r in #expect(r.status == .ok) }
        }
    }

    @Test func replanFromTheBrowserListsTheSmallestChange() async throws {
        try await served.app().test(.router) { client in
            try await client.execute(uri: "/replan", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("name=\"who\"") && text(r).contains("name=\"from\""))
            }
            try await client.execute(uri: "/replan", method: .post, headers: formHeaders,
                                     body: signed("who=F15&from=next+week")) { r in
                #expect(r.status == .badRequest)
                #expect(text(r).contains("id=\"from-error\""))
            }
            var location = ""
            try await client.execute(uri: "/replan", method: .post, headers: formHeaders,
                                     body: signed("who=F15&from=2027-01-04")) { r in
                #expect(r.status == .seeOther)
                location = r.headers[.location] ?? ""
            }
            served.state.jobs.waitForAll()
            try await client.execute(uri: location, method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("plan check passed"))
                #expect(text(r).contains("id=\"changes\""))
            }
        }
    }

    @Test func downloadsServeThePlanFiles() async throws {
        try await served.app().test(.router) { client in
            try await client.execute(uri: "/download/plan.json", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "application/json")
            }
            try await client.execute(uri: "/download/calendars/hub.ics", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).hasPrefix("BEGIN:VCALENDAR"))
            }
        }
    }

    @Test(arguments: ["/download/../scenario.yaml", "/download/%2e%2e/scenario.yaml", "/download/csv/../../scenario.yaml",
                      "/download/scenario.yaml", "/download/.hubplan/runs.sqlite", "/download//etc/passwd", "/nowhere"])
    func nothingOutsideThePlanOutputsIsServed(uri: String) async throws {
        try await served.app().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { r in
                #expect(r.status == .notFound || r.status == .badRequest)
                #expect(!text(r).contains("authorities:"))
            }
        }
    }
}

@Suite struct WhatIfFormTests {
    @Test func makesTheOverlayOfOnlyWhatChanged() {
        var f = WhatIfForm()
        f.name = "v1"
        f.closeVenue = "WIG-TC"
        #expect(f.yaml == "# Made in the HubPlan web app.\nname: v1\nvenues:\n  remove: [WIG-TC]\n")
    }

    @Test func readsURLEncodedBodies() throws {
        let f = try FormBody.decode(WhatIfForm.self, from: Array("name=a+b&scale=70&programme=NPQH".utf8), contentType: FormBody.contentType)
        #expect(f.name == "a b" && f.scalePercent == "70" && f.programme == "NPQH")
    }
}
