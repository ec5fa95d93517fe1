import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RunHistory
import Testing
@testable import WebApp

/// The web app treats every request as possibly sent by another web page (issue 19):
/// each test is one finding, replayed.
@Suite(.serialized) struct WebAppSecurityTests {
    let served: ServedScenario

    init() throws { served = try ServedScenario() }

    /// The bodies that once ended the process (URLComponents trapped), sent with the token.
    static let crashBodies: [[UInt8]] = [
        Array("name=a b&scale=70".utf8), Array("name=a\"b".utf8), Array("name={x}&scale={".utf8),
        Array("name=".utf8) + [0xFF, 0xFE, 0x22], Array("name=ok&scale=%zz".utf8), Array("name=%".utf8),
        Array("who=F 15&from=2027-01-04\"".utf8), Array("who=%E0%A4&from={}".utf8),
    ]

    @Test(arguments: ["/whatif", "/replan"], crashBodies)
    func crashPayloadsGetA400AndTheServerGoesOn(uri: String, body: [UInt8]) async throws {
        try await served.app().test(.router) { client in
            try await client.execute(uri: uri, method: .post, headers: formHeaders,
                                     body: ByteBuffer(bytes: Array("token=\(ServedScenario.token)&".utf8) + body)) { r in
                #expect(r.status == .badRequest)
                #expect(text(r).contains("class=\"error\""))
            }
            try await client.execute(uri: "/", method: .get) { r in #expect(r.status == .ok) }
        }
        #expect(!FileManager.default.fileExists(atPath: served.url.appendingPathComponent(".hubplan/overlays").path))
    }

    @Test func aBadPercentEscapeIsAnsweredWithItsFieldNamed() async throws {
        try await served.app().test(.router) { client in
            try await client.execute(uri: "/whatif", method: .post, headers: formHeaders, body: signed("name=v&unmet=50%")) { r in
                #expect(r.status == .badRequest)
                #expect(text(r).contains("id=\"unmet-error\""))
            }
        }
    }

    @Test(arguments: ["/whatif", "/replan"])
    func aMultipartFormIsRefusedAs415(uri: String) async throws {
        var multipart = formHeaders
        multipart[.contentType] = "multipart/form-data; boundary=----x"
        let headers = multipart
        try await served.app().test(.router) { client in
            let body = "------x\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n\(ServedScenario.token)\r\n------x--\r\n"
            try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) { r in
                #expect(r.status == .unsupportedMediaType)
                #expect(text(r).contains("application/x-www-form-urlencoded"))
            }
            try await client.execute(uri: "/", method: .get) { r in #expect(r.status == .ok) }
        }
    }

    @Test(arguments: [
        ("Origin", "http://evil.example"), ("Origin", "null"), ("Origin", "http://localhost.evil.example"),
        ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Site", "same-site"),
    ])
    func crossOriginPostIsRefused(header: String, value: String) async throws {
        var forged = formHeaders
        forged[HTTPField.Name(header)!] = value
        let headers = forged
        try await served.app().test(.router) { client in
            for (uri, body) in [("/whatif", "name=npq-uptake-down-30&venue=WIG-TC"), ("/replan", "who=F15&from=2027-01-04")] {
                try await client.execute(uri: uri, method: .post, headers: headers, body: signed(body)) { r in
                    #expect(r.status == .forbidden)
                    #expect(text(r).contains("Cross-site request refused"))
                }
            }
        }
        served.state.jobs.waitForAll()
        #expect(served.state.jobs.job(1) == nil)
        #expect(!FileManager.default.fileExists(atPath: served.url.appendingPathComponent(".hubplan/overlays").path))
    }

    @Test(arguments: ["", "token=&", "token=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdee&", "token=0123&"])
    func postWithoutTheTokenIsRefused(prefix: String) async throws {
        try await served.app().test(.router) { client in
            try await client.execute(uri: "/whatif", method: .post, headers: formHeaders, body: ByteBuffer(string: prefix + "name=v1&venue=WIG-TC")) { r in
                #expect(r.status == .forbidden)
                #expect(text(r).contains("reload the page"))
            }
            try await client.execute(uri: "/replan", method: .post, headers: formHeaders, body: ByteBuffer(string: prefix + "who=F15&from=2027-01-04")) { r in
                #expect(r.status == .forbidden)
            }
        }
        #expect(served.state.jobs.job(1) == nil)
    }

    @Test func theFormsCarryTheToken() async throws {
        try await served.app().test(.router) { client in
            for uri in ["/whatif", "/replan"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(text(r).contains("<input type=\"hidden\" name=\"token\" value=\"\(ServedScenario.token)\">"))
                    #expect(r.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                }
            }
        }
    }

    @Test(arguments: ["evil.example", "evil.example:8080", "localhost.evil.example:8080", "127.0.0.2:8080", "localhost:8080@evil", ""])
    func aForeignHostIsRefusedOnEveryRoute(host: String) async throws {
        try await served.app().test(.router) { client in
            for uri in ["/download/plan.json", "/", "/plan", "/nowhere"] {
                try await client.execute(uri: uri, method: .get, headers: [HTTPField.Name("Host")!: host]) { r in
                    #expect(r.status == .misdirectedRequest)
                    #expect(!text(r).contains("\"sessions\""))
                }
            }
            try await client.execute(uri: "/download/plan.json", method: .get, headers: [HTTPField.Name("Host")!: "127.0.0.1:8080"]) { r in
                #expect(r.status == .ok)
            }
        }
    }

    @Test func loopbackNamesAndTheBoundHostAreServed() {
        let guardOf8080 = RequestGuard<BasicRequestContext>(host: "192.168.1.20", port: 8080)
        for host in ["localhost:8080", "127.0.0.1:8080", "[::1]:8080", "LOCALHOST:8080", "192.168.1.20:8080"] { #expect(guardOf8080.allows(host), "\(host)") }
        for host in ["localhost", "evil.example:8080", "[::1]", "0.0.0.0:8080", "127.0.0.1:80"] { #expect(!guardOf8080.allows(host), "\(host)") }
        // A wildcard bind address is not a name a browser should use.
        #expect(!RequestGuard<BasicRequestContext>(host: "0.0.0.0", port: 8080).allows("0.0.0.0:8080"))
    }

    @Test func aSymlinkOutOfTheOutputsIsNotServed() async throws {
        let outputs = served.state.served.outputs
        let secret = served.url.appendingPathComponent("secret.txt")
        try "authorities: secret".write(to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: outputs.appendingPathComponent("calendars/x.ics").path, withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: outputs.appendingPathComponent("csv/x.csv").path, withDestinationPath: secret.path)
        try FileManager.default.createSymbolicLink(atPath: outputs.appendingPathComponent("csv/up.csv").path, withDestinationPath: "../../../secret.txt")
        try FileManager.default.createDirectory(at: outputs.appendingPathComponent("csv/folder.csv"), withIntermediateDirectories: true)
        try await served.app().test(.router) { client in
            for uri in ["/download/calendars/x.ics", "/download/csv/x.csv", "/download/csv/up.csv", "/download/csv/folder.csv"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .notFound, "\(uri)")
                    #expect(!text(r).contains("root:") && !text(r).contains("secret"))
                }
            }
        }
    }

    @Test func aSymlinkInsideTheOutputsIsServed() async throws {
        let calendars = served.state.served.outputs.appendingPathComponent("calendars")
        try FileManager.default.createSymbolicLink(atPath: calendars.appendingPathComponent("alias.ics").path, withDestinationPath: "hub.ics")
        try await served.app().test(.router) { client in
            try await client.execute(uri: "/download/calendars/alias.ics", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).hasPrefix("BEGIN:VCALENDAR"))
            }
        }
    }

    @Test func aFullQueueAnswers503BusyTryLater() async throws {
        let small = try ServedScenario(jobs: JobQueue(limit: 1, capacity: 1))
        let release = DispatchSemaphore(value: 0)
        _ = try small.state.jobs.submit(name: "holds the only place") { _ in release.wait(); return "" }
        try await small.app().test(.router) { client in
            try await client.execute(uri: "/whatif", method: .post, headers: formHeaders, body: signed("name=v1&venue=WIG-TC")) { r in
                #expect(r.status == .serviceUnavailable)
                #expect(r.headers[.retryAfter] == "30")
                #expect(text(r).contains("Busy, try later"))
            }
            try await client.execute(uri: "/replan", method: .post, headers: formHeaders, body: signed("who=F15&from=2027-01-04")) { r in
                #expect(r.status == .serviceUnavailable)
            }
        }
        release.signal()
        small.state.jobs.waitForAll()
        #expect(small.state.jobs.job(2) == nil)
        #expect(throws: Never.self) { try small.state.jobs.submit(name: "room again") { _ in "" } }
        small.state.jobs.waitForAll()
    }

    @Test func browserOverlaysGoToTheirOwnFolderAndNeverOverwrite() async throws {
        let overlays = served.url.appendingPathComponent(".hubplan/overlays")
        try FileManager.default.createDirectory(at: overlays, withIntermediateDirectories: true)
        try "# the planner's own\n".write(to: overlays.appendingPathComponent("npq-uptake-down-30.yaml"), atomically: true, encoding: .utf8)
        let shipped = try FileManager.default.contentsOfDirectory(atPath: served.url.appendingPathComponent("whatif").path).sorted()
        let shippedBytes = try Data(contentsOf: served.url.appendingPathComponent("whatif/npq-uptake-down-30.yaml"))
        try await served.app().test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/whatif", method: .post, headers: formHeaders, body: signed("name=npq-uptake-down-30&venue=WIG-TC")) { r in
                    #expect(r.status == .seeOther)
                }
            }
        }
        served.state.jobs.waitForAll()
        #expect(try String(contentsOf: overlays.appendingPathComponent("npq-uptake-down-30.yaml"), encoding: .utf8) == "# the planner's own\n")
        for name in ["npq-uptake-down-30-2.yaml", "npq-uptake-down-30-3.yaml"] {
            #expect(try String(contentsOf: overlays.appendingPathComponent(name), encoding: .utf8).contains("remove: [WIG-TC]"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: served.url.appendingPathComponent("whatif").path).sorted() == shipped)
        #expect(try Data(contentsOf: served.url.appendingPathComponent("whatif/npq-uptake-down-30.yaml")) == shippedBytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: overlays.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func everyWebRunIsInTheRunHistory() async throws {
        try await served.app().test(.router) { client in
            try await client.execute(uri: "/whatif", method: .post, headers: formHeaders, body: signed("name=v1&venue=WIG-TC")) { r in
                #expect(r.status == .seeOther)
            }
            served.state.jobs.waitForAll()
            try await client.execute(uri: "/replan", method: .post, headers: formHeaders, body: signed("who=F15&from=2027-01-04")) { r in
                #expect(r.status == .seeOther)
            }
            served.state.jobs.waitForAll()
            try await client.execute(uri: "/runs", method: .get) { r in
                #expect(text(r).contains("whatif") && text(r).contains("replan"))
            }
        }
        let runs = try RunStore(path: RunStore.path(forScenario: served.url.path)).all()
        #expect(runs.map(\.command) == ["whatif", "replan"])
        #expect(runs[0].outputs.contains("v1.yaml"))
        #expect(runs[1].settings.contains("\"who\":\"F15\""))
    }
}
