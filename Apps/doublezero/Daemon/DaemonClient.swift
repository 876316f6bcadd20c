import AsyncHTTPClient
import CommandLineSupport
import DaemonService
import Foundation
import Glibc
import NIOCore
import NIOHTTP1

/// A client of doublezerod's local API: HTTP/1.1 over its Unix socket (client.md §2.5), with the
/// answers decoded into DaemonService's types.
///
/// ``init(socketPath:)`` runs upstream's `check_daemon` file checks first: a missing socket says
/// to start the service, one this user may not open says to check its permissions.
struct DaemonClient: Sendable {
    /// The longest any one request may take (a long-poll waits at most 60 s on the daemon).
    static let requestTimeout: Duration = .seconds(75)

    /// The socket's path.
    let socketPath: String

    /// The HTTP client of every request: one connection attempt per request (a daemon that is
    /// not there is reported at once, not retried until the request times out). It lives as long
    /// as the process.
    private static let http: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(5)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// A client of the daemon listening on `socketPath`, after checking the socket exists and is
    /// writable by this user (connecting to a Unix socket needs write permission).
    init(socketPath: String) throws(DaemonClientError) {
        self.socketPath = socketPath
        guard FileManager.default.fileExists(atPath: socketPath) else {
            throw .notRunning(socketPath: socketPath)
        }
        guard access(socketPath, R_OK | W_OK) == 0 else { throw .permissionDenied(socketPath: socketPath) }
    }

    /// A client of the daemon at the socket `option` resolves to (flag, environment, config file, default).
    init(_ option: CLISocketOption) throws {
        try self.init(socketPath: option.resolved(in: CLISettings.load()).value)
    }

    /// `GET /config`: the ledger the daemon follows.
    func config() async throws(DaemonClientError) -> DaemonConfigResponse {
        try decode(DaemonConfigResponse.self, path: "/config", from: try await send(.GET, "/config"))
    }

    /// `GET /v2/status`; with `after`, the long-poll: waits up to `wait` for a generation other than `after`.
    func status(after: UInt64? = nil, wait: Duration = .zero) async throws(DaemonClientError) -> DaemonStatus {
        var path = "/v2/status"
        if let after {
            let milliseconds = max(
                0, wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000)
            path += "?after=\(after)&wait=\(Double(milliseconds) / 1000)"
        }
        return try decode(DaemonStatus.self, path: "/v2/status", from: try await send(.GET, path))
    }

    /// `GET /v2/latency`.
    func latency() async throws(DaemonClientError) -> LatencyReport {
        try decode(LatencyReport.self, path: "/v2/latency", from: try await send(.GET, "/v2/latency"))
    }

    /// `GET /routes`.
    func routes() async throws(DaemonClientError) -> [RouteRecord] {
        try decode([RouteRecord].self, path: "/routes", from: try await send(.GET, "/routes"))
    }

    /// `POST /enable` (`enabled` true) or `POST /disable`: the answer's status code and body,
    /// whatever it is (the verbs report a refusal with the code, as upstream).
    func switchReconciler(enabled: Bool) async throws(DaemonClientError) -> (code: UInt, body: String) {
        let path = enabled ? "/enable" : "/disable"
        let answer = try await exchange(.POST, path)
        return (answer.code, String(decoding: answer.body, as: UTF8.self))
    }

    /// Sends `method path` and returns the body of a 200 answer.
    ///
    /// - Throws: ``DaemonClientError/status(code:body:)`` for any other answer, or
    ///   ``DaemonClientError/transport(_:)``.
    private func send(_ method: HTTPMethod, _ path: String) async throws(DaemonClientError) -> [UInt8] {
        let answer = try await exchange(method, path)
        guard answer.code == 200 else {
            throw .status(code: answer.code, body: Self.errorText(answer.body))
        }
        return answer.body
    }

    /// One request and its answer.
    private func exchange(_ method: HTTPMethod, _ path: String) async throws(DaemonClientError)
        -> (code: UInt, body: [UInt8])
    {
        guard let url = URL(httpURLWithSocketPath: socketPath, uri: path) else {
            throw .transport("the socket path \(socketPath) cannot be used in a URL")
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        if method == .POST { request.body = .bytes(ByteBuffer()) }
        do {
            let timeout = TimeAmount.seconds(Self.requestTimeout.components.seconds)
            let response = try await Self.http.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
            return (response.status.code, Array(buffer: body))
        } catch {
            throw .transport(Self.transportReason(error))
        }
    }

    /// `value` decoded from `body`.
    private func decode<Value: Decodable>(_ type: Value.Type, path: String, from body: [UInt8])
        throws(DaemonClientError)
        -> Value
    {
        do {
            return try JSONDecoder().decode(Value.self, from: Data(body))
        } catch {
            throw .malformedAnswer(path: path, reason: "\(error)")
        }
    }

    /// The `description` of an `{"status":"error",…}` body, else the body as text.
    private static func errorText(_ body: [UInt8]) -> String {
        if let action = try? JSONDecoder().decode(ActionResponse.self, from: Data(body)),
            let description = action.description
        {
            return description
        }
        return String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A transport error in few words.
    private static func transportReason(_ error: any Error) -> String {
        if let error = error as? HTTPClientError, error == .deadlineExceeded {
            return "no answer within \(requestTimeout)"
        }
        return String(describing: error)
    }
}
