import Foundation
import Hummingbird
import Logging
import Models
import Routing
import ServiceLifecycle

/// The HTTP API device agents fetch their configs from.
///
/// | route | answer |
/// |---|---|
/// | `GET /v1/devices/{code-or-pubkey}/config[?flavour=eos\|frr][&bgp-peers=ip,ip…]` | 200 the EOS (default) or FRR text with `ETag: "<sha256 hex>"`; 304 when `If-None-Match` matches; 404 unknown device; 409 the device gets no config (the reasons); 400 a malformed name or peer list, or an unknown flavour (naming the allowed ones); 503 before the ledger was first loaded; 500 render refused |
/// | `GET /v1/devices/{code-or-pubkey}/model` | the device model as JSON (`application/json`), same ETag and status rules |
/// | `…/config` or `…/model` with `If-None-Match` and `&wait=S` (0 ≤ S ≤ 60) | a long-poll: while the answer would be 304, waits up to S seconds for a new snapshot that changes it, then answers (200 with the new text, or 304); 400 for a bad `wait` |
/// | `GET /healthz` | 200 `ok` once a snapshot is in service, else 503 |
///
/// `bgp-peers` lists the BGP neighbours the device has; those it should no longer have (inside the
/// user or device tunnel block and nobody known) get removal blocks in the EOS text, as upstream's
/// agents report them (the FRR text needs none: `frr-reload.py` removes what is gone). Every output
/// is rendered once per snapshot and device. Errors are one line of plain text.
///
/// `GET /metrics` is the executable's (it owns the metrics backend); HTTP request metrics are
/// recorded through Hummingbird's `MetricsMiddleware`.
public struct ConfigHTTPServer: Sendable {
    /// The longest device name accepted (a base58 public key is at most 44 characters).
    static let maxDeviceNameLength = 64
    /// The most reported BGP peers accepted per request.
    static let maxReportedPeers = 4096
    /// The longest long-poll accepted (`wait`, seconds).
    static let maxWaitSeconds = 60.0

    /// The snapshot served.
    public let current: CurrentSnapshot
    /// Where requests are counted.
    public let metrics: ControllerMetrics

    /// A server of `current`, counting into `metrics`.
    public init(current: CurrentSnapshot, metrics: ControllerMetrics) {
        self.current = current
        self.metrics = metrics
    }

    /// The routes.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: MetricsMiddleware())
        router.get("/v1/devices/:device/config") { request, context -> Response in
            await self.longPolled(request) {
                self.config(request: request, device: context.parameters.get("device") ?? "", logger: context.logger)
            }
        }
        router.get("/v1/devices/:device/model") { request, context -> Response in
            await self.longPolled(request) {
                self.model(request: request, device: context.parameters.get("device") ?? "", logger: context.logger)
            }
        }
        router.get("/healthz") { _, _ -> Response in
            current.snapshot == nil
                ? Self.text("the controller has not loaded the ledger yet", status: .serviceUnavailable)
                : Self.text("ok", status: .ok)
        }
        return router
    }

    /// The answer of `respond`, long-polled when the request has `wait=S`: while it is 304 (the
    /// client holds the current text), waits for the next snapshot, at most S seconds in all, and
    /// asks again. A device agent so learns of a change as soon as the controller has it. On
    /// graceful shutdown the wait ends at once with the current answer.
    func longPolled(_ request: Request, _ respond: () -> Response) async -> Response {
        guard let text = request.uri.queryParameters.get("wait") else { return respond() }
        guard let seconds = Double(text), seconds.isFinite, (0...Self.maxWaitSeconds).contains(seconds) else {
            return Self.text(
                "wait must be a number of seconds from 0 to \(Int(Self.maxWaitSeconds))", status: .badRequest)
        }
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while true {
            let generation = current.changes.value
            let response = respond()
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard response.status == .notModified, remaining > .zero, !Task.isCancelled, !Task.isShuttingDownGracefully
            else { return response }
            // A controller shutting down answers at once rather than holding its stop for the wait.
            let changes = current.changes
            _ = await cancelWhenGracefulShutdown {
                await changes.waitForChange(after: generation, timeout: remaining)
            }
        }
    }

    /// `GET /v1/devices/{device}/config[?flavour=eos|frr][&bgp-peers=…]`.
    func config(request: Request, device name: String, logger: Logger) -> Response {
        var flavour = DeviceConfigFlavour.eos
        if let text = request.uri.queryParameters.get("flavour") {
            guard let chosen = DeviceConfigFlavour(rawValue: text) else {
                return Self.text(
                    "unknown config flavour '\(text.prefix(64))': use one of \(DeviceConfigFlavour.allowedValues)",
                    status: .badRequest)
            }
            flavour = chosen
        }
        var reportedPeers: [String] = []
        if let list = request.uri.queryParameters.get("bgp-peers"), !list.isEmpty {
            reportedPeers = list.split(separator: ",").map(String.init)
            guard reportedPeers.count <= Self.maxReportedPeers, reportedPeers.allSatisfy({ IPv4Address($0) != nil })
            else {
                return Self.text(
                    "bgp-peers must be a comma-separated list of at most \(Self.maxReportedPeers) IPv4 addresses",
                    status: .badRequest)
            }
        }
        return serve(request: request, device: name, contentType: "text/plain; charset=utf-8", logger: logger) {
            snapshot, entry throws(DeviceConfigError) in
            switch flavour {
            case .eos: try snapshot.rendered.config(of: entry, reportedPeers: reportedPeers)
            case .frr: try snapshot.rendered.output(.config(.frr), of: entry)
            }
        }
    }

    /// `GET /v1/devices/{device}/model`: the device model as JSON.
    func model(request: Request, device name: String, logger: Logger) -> Response {
        serve(request: request, device: name, contentType: "application/json", logger: logger) {
            snapshot, entry throws(DeviceConfigError) in
            try snapshot.rendered.output(.model, of: entry)
        }
    }

    /// The shared part of every device route: checks the name, finds the device in the snapshot,
    /// renders with `render` and answers 200 with an ETag, 304, 400, 404, 409, 500 or 503.
    private func serve(
        request: Request, device name: String, contentType: String, logger: Logger,
        render: (ControllerSnapshot, NetworkDeviceConfigs.Entry) throws(DeviceConfigError) ->
            RenderedConfigCache.Rendered
    ) -> Response {
        guard !name.isEmpty, name.count <= Self.maxDeviceNameLength,
            name.unicodeScalars.allSatisfy({
                $0.isASCII && !$0.properties.isWhitespace && $0.value >= 0x20 && $0.value != 0x7F
            })
        else {
            return Self.text(
                "the device must be given by its code or base58 public key (printable ASCII, at most "
                    + "\(Self.maxDeviceNameLength) characters)", status: .badRequest)
        }
        guard let snapshot = current.snapshot else {
            return Self.text("the controller has not loaded the ledger yet; retry shortly", status: .serviceUnavailable)
        }
        let entry: NetworkDeviceConfigs.Entry
        do {
            entry = try snapshot.configs.entry(named: name)
        } catch {
            metrics.countUnknownDevice()
            logger.debug("config requested for an unknown device", metadata: ["device": "\(name)"])
            return Self.text(error.description, status: .notFound)
        }
        let pubkey = entry.pubkey.base58
        let rendered: RenderedConfigCache.Rendered
        do {
            rendered = try render(snapshot, entry)
        } catch {
            let status: HTTPResponse.Status =
                if case .preconditionsFailed = error { .conflict } else { .internalServerError }
            metrics.countRenderError(deviceCode: entry.code, pubkey: pubkey)
            metrics.countRequest(deviceCode: entry.code, pubkey: pubkey, status: Int(status.code))
            logger.warning(
                "device gets no config", metadata: ["device.code": "\(entry.code)", "error": "\(error)"])
            return Self.text(error.description, status: status)
        }
        let etag = rendered.etag
        if let match = request.headers[.ifNoneMatch], Self.matches(match, etag: etag) {
            metrics.countRequest(deviceCode: entry.code, pubkey: pubkey, status: 304)
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        metrics.countRequest(deviceCode: entry.code, pubkey: pubkey, status: 200)
        var buffer = ByteBuffer()
        buffer.writeString(rendered.text)
        return Response(
            status: .ok, headers: [.contentType: contentType, .eTag: etag, .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: buffer))
    }

    /// Whether an `If-None-Match` value (`*`, or a list of entity tags, weak ones included) names `etag`.
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }

    /// A one-line plain-text response.
    static func text(_ message: String, status: HTTPResponse.Status) -> Response {
        var buffer = ByteBuffer()
        buffer.writeString(message + "\n")
        return Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: buffer)
        )
    }
}
