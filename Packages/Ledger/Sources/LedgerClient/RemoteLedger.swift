import AsyncHTTPClient
import Foundation
import Ledger
import LedgerWireFormat
import Logging
import Models
import NIOCore
import NIOHTTP1
import Synchronization

/// A ledger served by `doublezero-ledger serve`, reached over HTTP.
///
/// Errors come back as the server sent them: a refusal is ``Ledger/LedgerError/rejected(_:)``
/// with the server's ``Models/ProgramError``; a 500 is ``Ledger/LedgerError/storage(_:)``;
/// anything else (no connection, timeout, an unexpected answer) is
/// ``Ledger/LedgerError/transport(_:)``.
///
/// ``follow(from:)`` survives disconnects: it reconnects with ``ReconnectBackoff`` and resumes
/// after the last entry it delivered, so the consumer sees every entry once, in order.
///
/// One `HTTPClient` serves every call of an instance. Call ``shutdown()`` when done; if you
/// don't, the client is shut down once the ledger and its follow streams are released.
public final class RemoteLedger: LedgerAPI {
    /// The server's root URL, without a trailing slash (e.g. `http://127.0.0.1:8899`).
    public let baseURL: String
    /// Timeouts, limits and reconnection.
    public let configuration: RemoteLedgerConfiguration

    private let http: OwnedHTTPClient
    private let logger: Logger
    /// The server's genesis, fetched once: it never changes for a ledger.
    private let cachedGenesis = Mutex<LedgerGenesis?>(nil)

    /// Creates a client for the server at `url` (`http://` or `https://`, with a host).
    ///
    /// - Throws: ``Ledger/LedgerError/transport(_:)`` for another scheme or no host.
    public init(
        url: URL, configuration: RemoteLedgerConfiguration = RemoteLedgerConfiguration(),
        logger: Logger = Logger(label: "doublezero.ledger.client")
    ) throws(LedgerError) {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw .transport("'\(url.absoluteString)' is not an http:// or https:// URL")
        }
        guard let host = url.host, !host.isEmpty else {
            throw .transport("'\(url.absoluteString)' has no host")
        }
        var base = url.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base
        self.configuration = configuration
        self.logger = logger
        http = OwnedHTTPClient(
            configuration: HTTPClient.Configuration(
                timeout: HTTPClient.Configuration.Timeout(
                    connect: configuration.connectTimeout.timeAmount,
                    read: configuration.readIdleTimeout.timeAmount)))
    }

    /// Creates a client for the server at `url`.
    ///
    /// - Throws: ``Ledger/LedgerError/transport(_:)`` for text that is not an http(s) URL with a host.
    public convenience init(
        url text: String, configuration: RemoteLedgerConfiguration = RemoteLedgerConfiguration(),
        logger: Logger = Logger(label: "doublezero.ledger.client")
    ) throws(LedgerError) {
        guard let url = URL(string: text) else { throw .transport("'\(text)' is not a URL") }
        try self.init(url: url, configuration: configuration, logger: logger)
    }

    /// Shuts the HTTP client down; calls after it fail with ``Ledger/LedgerError/transport(_:)``.
    /// Calling it again does nothing.
    public func shutdown() async throws(LedgerError) {
        try await http.shutdown()
    }

    // MARK: LedgerAPI

    /// `POST /v1/transactions`.
    public func submit(_ transaction: SignedTransaction) async throws(LedgerError) -> SubmitReceipt {
        var request = HTTPClientRequest(url: baseURL + LedgerHTTPPath.transactions)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: LedgerMediaType.json)
        request.body = .bytes(ByteBuffer(bytes: transaction.wire))
        let response = try await perform(request)
        return try decode(SubmitReceipt.self, from: response)
    }

    /// `GET /v1/genesis`, once; later calls answer from memory.
    public func genesis() async throws(LedgerError) -> LedgerGenesis {
        if let known = cachedGenesis.withLock({ $0 }) { return known }
        let genesis = try decode(
            LedgerGenesis.self, from: try await perform(HTTPClientRequest(url: baseURL + LedgerHTTPPath.genesis)))
        cachedGenesis.withLock { $0 = genesis }
        return genesis
    }

    /// `GET /v1/entities/{kind}/{pubkey}`; nil on 404 `AccountNotFound`.
    public func entity(_ ref: EntityRef) async throws(LedgerError) -> Entity? {
        let response = try await perform(
            HTTPClientRequest(url: baseURL + LedgerHTTPPath.entity(ref)), absentOn404: true)
        guard let response else { return nil }
        return try decode(Entity.self, from: response)
    }

    /// `GET /v1/entities/{kind}?field=value…`.
    public func entities(of kind: EntityKind, matching filter: EntityFilter) async throws(LedgerError) -> [Entity] {
        let query = filter.conditions.sorted { $0.key < $1.key }
            .map { "\(Self.percentEncoded($0.key))=\(Self.percentEncoded($0.value))" }
            .joined(separator: "&")
        let url = baseURL + LedgerHTTPPath.entities(of: kind) + (query.isEmpty ? "" : "?" + query)
        let response = try await perform(HTTPClientRequest(url: url))
        return try decode(EntityListBody.self, from: response).entities
    }

    /// `GET /v1/head`.
    public func head() async throws(LedgerError) -> LedgerHead {
        try decode(LedgerHead.self, from: try await perform(HTTPClientRequest(url: baseURL + LedgerHTTPPath.head)))
    }

    /// `GET /v1/log?from=N`, reconnecting after disconnects (see ``RemoteLogFollower``).
    ///
    /// The stream finishes with an error only for what reconnecting cannot fix: the server
    /// refusing the request (4xx), an entry that fails its signature or hash check, a gap in
    /// the sequence, or a shut-down client. It ends without error when the consuming task is
    /// cancelled.
    public func follow(from sequence: UInt64) -> AsyncThrowingStream<LogEntry, any Error> {
        let follower = RemoteLogFollower(
            http: http, baseURL: baseURL, from: max(sequence, 1), configuration: configuration, logger: logger)
        return AsyncThrowingStream(unfolding: { try await follower.next() })
    }

    /// `GET /healthz`: succeeds when the server answers `200 ok`.
    public func checkHealth() async throws(LedgerError) {
        _ = try await perform(HTTPClientRequest(url: baseURL + LedgerHTTPPath.health))
    }

    // MARK: Requests

    /// A successful response's status and body.
    private struct CompletedResponse {
        let status: HTTPResponseStatus
        let body: ByteBuffer
    }

    private func perform(_ request: HTTPClientRequest) async throws(LedgerError) -> CompletedResponse {
        // `absentOn404: false` never yields nil.
        try await perform(request, absentOn404: false)!
    }

    /// Sends `request` and reads the whole body; a non-2xx status becomes a ``LedgerError``
    /// (or nil, for a 404 `AccountNotFound` when `absentOn404`).
    private func perform(_ request: HTTPClientRequest, absentOn404: Bool) async throws(LedgerError)
        -> CompletedResponse?
    {
        guard !http.wasShutDown else { throw .transport("the ledger client was shut down") }
        let status: HTTPResponseStatus
        let body: ByteBuffer
        do {
            let response = try await http.client.execute(
                request, timeout: configuration.requestTimeout.timeAmount, logger: logger)
            status = response.status
            body = try await response.body.collect(upTo: configuration.maxResponseBytes)
        } catch {
            throw .transport("\(request.method) \(request.url): \(error)")
        }
        if (200..<300).contains(status.code) {
            return CompletedResponse(status: status, body: body)
        }
        let failure = HTTPFailure(status: Int(status.code), body: body)
        if absentOn404, status == .notFound, failure.programError?.code == .accountNotFound {
            return nil
        }
        throw failure.ledgerError(request: "\(request.method) \(request.url)")
    }

    private func decode<Value: Decodable>(_ type: Value.Type, from response: CompletedResponse) throws(LedgerError)
        -> Value
    {
        do {
            return try LedgerJSON.makeDecoder().decode(Value.self, from: Data(response.body.readableBytesView))
        } catch {
            throw .transport("the server's answer is not a \(Value.self): \(error)")
        }
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
