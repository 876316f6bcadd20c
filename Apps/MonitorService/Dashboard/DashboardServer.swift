import Foundation
import HTTPTypes
import Hummingbird
import LongPoll
import ServiceLifecycle
import Synchronization

/// The monitor's read-only web dashboard.
///
/// | route | answer |
/// |---|---|
/// | `GET /`, `/exchanges`, `/devices`, `/links`, `/users`, `/pools`, `/alerts` | the page as HTML; with header `X-Dashboard-Fragment: 1` only its `<main>` content (what live updates fetch) |
/// | `GET /overview.json`, `/exchanges.json`, … | the page's JSON twin (schemas in `Apps/MonitorService/Schemas`) |
/// | `GET /events` | server-sent events: `change` with the ledger sequence after each evaluation, a comment every 15 s; at most ``maxEventStreams`` at once (503 beyond) |
/// | `GET /healthz` | 200 `ok` once the first evaluation ran, else 503 |
///
/// `/users` takes `device`, `status`, `type`, `offset` and `limit` (400 names a bad one). Before
/// the first evaluation every page answers 503. `GET /metrics` is the executable's.
public struct DashboardServer: Sendable {
    /// The most event streams open at once.
    public static let maxEventStreams = 64
    /// How often an idle event stream gets a keep-alive comment.
    public static let keepAlive: Duration = .seconds(15)

    /// The view served.
    public let current: CurrentMonitorView
    private let renderer: DashboardRenderer
    private let streams = EventStreamCount()

    /// A dashboard of `current`.
    public init(current: CurrentMonitorView) throws {
        self.current = current
        self.renderer = try DashboardRenderer()
    }

    /// A router with every dashboard route.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: MetricsMiddleware())
        addRoutes(to: router)
        return router
    }

    /// Adds every dashboard route to `router`.
    public func addRoutes(to router: Router<BasicRequestContext>) {
        add(OverviewPage.self, to: router, paths: ["/", "/overview"])
        add(ExchangesPage.self, to: router)
        add(DevicesPage.self, to: router)
        add(LinksPage.self, to: router)
        add(UsersPage.self, to: router)
        add(PoolsPage.self, to: router)
        add(AlertsPage.self, to: router)
        router.get("/events") { _, _ -> Response in self.events() }
        router.get("/healthz") { _, _ -> Response in
            current.view == nil
                ? Self.text("the monitor has not loaded the ledger yet", status: .serviceUnavailable)
                : Self.text("ok", status: .ok)
        }
    }

    /// `/NAME` (or `paths`) as HTML and `/NAME.json` as JSON.
    private func add<Page: DashboardPage>(
        _ type: Page.Type, to router: Router<BasicRequestContext>, paths: [String]? = nil
    ) {
        for path in paths ?? ["/\(Page.name)"] {
            router.get(RouterPath(path)) { request, _ -> Response in
                self.respond(Page.self, request: request, json: false)
            }
        }
        router.get(RouterPath("/\(Page.name).json")) { request, _ -> Response in
            self.respond(Page.self, request: request, json: true)
        }
    }

    /// Builds the page from the current view and renders it.
    func respond<Page: DashboardPage>(_ type: Page.Type, request: Request, json: Bool) -> Response {
        guard let view = current.view else {
            return Self.text("the monitor has not loaded the ledger yet; retry shortly", status: .serviceUnavailable)
        }
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters where query[String(name)] == nil {
            query[String(name)] = String(value)
        }
        let page: Page
        do {
            page = try Page(view: view, query: query)
        } catch {
            return Self.text(error.message, status: .badRequest)
        }
        if json {
            do {
                return Self.body(try renderer.json(page), contentType: "application/json")
            } catch {
                return Self.text("cannot encode the page: \(error)", status: .internalServerError)
            }
        }
        let fragmentOnly = request.headers[HTTPField.Name("X-Dashboard-Fragment")!] == "1"
        let html = fragmentOnly ? renderer.fragment(page) : renderer.document(page)
        return Self.body(Data(html.utf8), contentType: "text/html; charset=utf-8")
    }

    /// `GET /events`: a `change` event after each evaluation until the client leaves or the
    /// monitor shuts down.
    func events() -> Response {
        guard streams.open(limit: Self.maxEventStreams) else {
            return Self.text(
                "too many open event streams (at most \(Self.maxEventStreams)); retry later",
                status: .serviceUnavailable)
        }
        let changes = current.changes
        let current = self.current
        let streams = self.streams
        let body = ResponseBody { writer in
            defer { streams.close() }
            var generation = changes.value
            try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
            while !Task.isCancelled, !Task.isShuttingDownGracefully {
                let seen = generation
                let next = await cancelWhenGracefulShutdown {
                    await changes.waitForChange(after: seen, timeout: Self.keepAlive)
                }
                if Task.isCancelled || Task.isShuttingDownGracefully { break }
                if next != seen {
                    generation = next
                    let sequence = current.view?.sequence ?? 0
                    try await writer.write(ByteBuffer(string: "event: change\ndata: {\"sequence\":\(sequence)}\n\n"))
                } else {
                    try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                }
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/event-stream", .cacheControl: "no-store",
                HTTPField.Name("X-Accel-Buffering")!: "no",
            ],
            body: body)
    }

    /// The headers every page and JSON answer carries: no caching, no sniffing, and a policy that
    /// lets the page load nothing from anywhere else.
    static func body(_ data: Data, contentType: String) -> Response {
        var buffer = ByteBuffer()
        buffer.writeBytes(data)
        return Response(
            status: .ok,
            headers: [
                .contentType: contentType, .cacheControl: "no-store",
                HTTPField.Name("X-Content-Type-Options")!: "nosniff",
                .contentSecurityPolicy:
                    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:",
            ],
            body: ResponseBody(byteBuffer: buffer))
    }

    /// A one-line plain-text response.
    static func text(_ message: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}

/// How many event streams are open, bounded.
final class EventStreamCount: Sendable {
    private let count = Mutex(0)

    /// Takes a place if fewer than `limit` are open.
    func open(limit: Int) -> Bool {
        count.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    /// Gives a place back.
    func close() { count.withLock { $0 -= 1 } }
}
