import HTTPTypes
import Hummingbird

/// Refuses requests not meant for this server, before any route runs.
///
/// - Host allow-list (DNS rebinding): the Host must be a loopback name
///   (`localhost`, `127.0.0.1`, `[::1]`) or the `--host` given, with the server's
///   port when a port is written; otherwise 421 on every route, downloads included.
/// - Cross-site state changes: a POST whose `Origin` is not this server's own, or
///   whose `Sec-Fetch-Site` is neither `same-origin` nor `none`, gets 403 (the
///   token, checked by the form routes, is the second lock).
public struct RequestGuard<Context: RequestContext>: RouterMiddleware {
    /// Host names allowed, lower-cased, IPv6 in brackets.
    let names: Set<String>
    /// The port the server listens on; nil when unknown (tests in-process).
    let port: Int?

    /// - Parameters:
    ///   - host: the address the server binds (`--host`); allowed too unless it is a wildcard.
    ///   - port: the port the server listens on.
    public init(host: String, port: Int?) {
        var names: Set<String> = ["localhost", "127.0.0.1", "[::1]"]
        let bound = host.lowercased()
        if !["", "0.0.0.0", "::", "[::]"].contains(bound) { names.insert(bound.contains(":") && !bound.hasPrefix("[") ? "[\(bound)]" : bound) }
        self.names = names
        self.port = port
    }

    /// The Host header (HTTPTypes marks `.host` unavailable in favour of the authority, which HTTP/1 fills from it).
    static var hostField: HTTPField.Name { HTTPField.Name("Host")! }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // HTTP/1 gives the Host header as the authority and (depending on the
        // version of the conversion) also keeps it in the fields: every one must pass.
        let hosts = [request.head.authority].compactMap { $0 } + request.headers[values: Self.hostField]
        guard !hosts.isEmpty, hosts.allSatisfy(allows) else {
            return refusal(.misdirectedRequest, "This server answers only to localhost (Host \(hosts.first ?? "missing") refused).")
        }
        if request.method == .post, let reason = crossSiteReason(request, host: hosts[0]) {
            return refusal(.forbidden, reason)
        }
        return try await next(request, context)
    }

    /// Whether a Host value (`name` or `name:port`) is this server.
    func allows(_ host: String) -> Bool {
        let value = host.lowercased()
        var name = value, written: Substring?
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else { return false }
            name = String(value[...close])
            let rest = value[value.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return false }
                written = rest.dropFirst()
            }
        } else if let colon = value.lastIndex(of: ":") {
            name = String(value[..<colon])
            written = value[value.index(after: colon)...]
        }
        guard names.contains(name) else { return false }
        guard let written else { return port == nil || port == 80 }
        guard let number = Int(written) else { return false }
        return port == nil || number == port
    }

    /// Why a POST looks cross-site, or nil when it comes from this server's own pages.
    func crossSiteReason(_ request: Request, host: String) -> String? {
        for origin in request.headers[values: .origin] where origin.lowercased() != "http://\(host.lowercased())" {
            return "Cross-site request refused: Origin \(origin) is not this server."
        }
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], !["same-origin", "none"].contains(site.lowercased()) {
            return "Cross-site request refused: Sec-Fetch-Site is \(site)."
        }
        return nil
    }

    func refusal(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
