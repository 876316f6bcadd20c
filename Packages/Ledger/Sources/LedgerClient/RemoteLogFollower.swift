import AsyncHTTPClient
import Foundation
import Ledger
import LedgerWireFormat
import Logging
import Models
import NIOCore

/// Reads `GET /v1/log` for one ``RemoteLedger/follow(from:)`` stream, one entry per ``next()``,
/// reconnecting whenever the connection ends.
///
/// Pull-based: bytes are read only when the consumer asks for the next entry, so a slow
/// consumer slows the server down (TCP flow control) instead of filling memory.
///
/// - Entries below the next expected sequence (a resent entry after reconnecting) are dropped;
///   an entry above it is a gap and ends the stream with an error.
/// - Heartbeat lines are skipped; any line counts as proof the connection works and resets the
///   backoff.
/// - A ``LedgerWireFormat/LogStreamCut`` line (the server cut this follower off for falling
///   behind) is logged, and the follower reconnects at once from the next sequence.
/// - A dropped connection, a clean end of the response (the server shutting down), a 5xx or a
///   connection failure wait ``ReconnectBackoff`` and reconnect from the next sequence.
/// - A 4xx, a line that is not a valid entry, or a shut-down client end the stream with an error.
actor RemoteLogFollower {
    private let http: OwnedHTTPClient
    private let baseURL: String
    private let configuration: RemoteLedgerConfiguration
    private let logger: Logger

    /// The sequence the consumer gets next.
    private var nextSequence: UInt64
    private var backoff: ReconnectBackoff
    private var splitter: NDJSONLineSplitter
    private var body: HTTPClientResponse.Body.AsyncIterator?

    init(
        http: OwnedHTTPClient, baseURL: String, from sequence: UInt64, configuration: RemoteLedgerConfiguration,
        logger: Logger
    ) {
        self.http = http
        self.baseURL = baseURL
        self.configuration = configuration
        self.logger = logger
        nextSequence = sequence
        backoff = configuration.reconnectBackoff
        splitter = NDJSONLineSplitter(maxLineBytes: configuration.maxLogLineBytes)
    }

    /// The next entry; nil once the consuming task is cancelled.
    ///
    /// - Throws: ``Ledger/LedgerError`` for what reconnecting cannot fix.
    func next() async throws -> LogEntry? {
        while !Task.isCancelled {
            switch try takeBufferedEntry() {
            case .entry(let entry):
                return entry
            case .cut:
                body = nil
                splitter.reset()
                continue
            case .none:
                break
            }
            guard var iterator = body else {
                try await connect()
                continue
            }
            do {
                let chunk = try await iterator.next(isolation: self)
                body = iterator
                guard let chunk else {
                    logger.debug("log stream ended by the server", metadata: ["ledger.sequence": "\(nextSequence)"])
                    try await reconnectLater()
                    continue
                }
                splitter.append(chunk.readableBytesView)
            } catch {
                if Task.isCancelled { break }
                logger.info(
                    "log stream lost", metadata: ["ledger.sequence": "\(nextSequence)", "error.message": "\(error)"])
                try await reconnectLater()
            }
        }
        body = nil
        return nil
    }

    /// What the lines already received hold next.
    private enum BufferedLine {
        /// The next entry.
        case entry(LogEntry)
        /// The server cut the stream off: reconnect.
        case cut
    }

    /// The next entry among the complete lines already received, skipping heartbeats and resent
    /// entries, or the server's cut; nil until more bytes arrive.
    private func takeBufferedEntry() throws(LedgerError) -> BufferedLine? {
        while true {
            let line: ArraySlice<UInt8>
            do {
                guard let next = try splitter.nextLine() else { return nil }
                line = next
            } catch {
                throw .transport("log stream from \(baseURL): \(error)")
            }
            backoff.reset()
            if LogStreamHeartbeat.isHeartbeat(line) { continue }
            if LogStreamCut.isCut(line) {
                let cut = try? LedgerJSON.makeDecoder().decode(LogStreamCut.self, from: Data(line))
                logger.info(
                    "log stream cut off by the server; following again",
                    metadata: [
                        "ledger.sequence": "\(nextSequence)",
                        "error.message": "\(cut?.cut.message ?? String(decoding: line, as: UTF8.self))",
                    ])
                return .cut
            }
            let entry: LogEntry
            do {
                entry = try LedgerJSON.makeDecoder().decode(LogEntry.self, from: Data(line))
            } catch {
                throw .transport("log stream from \(baseURL) sent an invalid entry after \(nextSequence - 1): \(error)")
            }
            if entry.sequence < nextSequence { continue }
            guard entry.sequence == nextSequence else {
                throw .transport(
                    "log stream from \(baseURL) skipped from \(nextSequence) to \(entry.sequence)")
            }
            nextSequence += 1
            return .entry(entry)
        }
    }

    /// Opens the stream at ``nextSequence``; on a retryable failure waits and leaves ``body`` nil.
    private func connect() async throws {
        guard !http.wasShutDown else { throw LedgerError.transport("the ledger client was shut down") }
        let url = "\(baseURL)\(LedgerHTTPPath.log)?\(LogStreamQuery.from)=\(nextSequence)"
        let response: HTTPClientResponse
        do {
            response = try await http.client.execute(
                HTTPClientRequest(url: url), timeout: configuration.requestTimeout.timeAmount, logger: logger)
        } catch {
            if Task.isCancelled { return }
            if let error = error as? HTTPClientError, error == .alreadyShutdown {
                throw LedgerError.transport("the ledger client was shut down")
            }
            logger.debug("log stream connect failed", metadata: ["error.message": "\(error)", "url": "\(url)"])
            try await reconnectLater()
            return
        }
        switch response.status.code {
        case 200:
            splitter.reset()
            body = response.body.makeAsyncIterator()
            logger.debug("log stream connected", metadata: ["ledger.sequence": "\(nextSequence)"])
        case 500...:
            logger.info("log stream refused by the server", metadata: ["http.status": "\(response.status.code)"])
            try await reconnectLater()
        default:
            let body = (try? await response.body.collect(upTo: 1024 * 1024)) ?? ByteBuffer()
            throw HTTPFailure(status: Int(response.status.code), body: body).ledgerError(request: "GET \(url)")
        }
    }

    /// Drops the connection and waits out the backoff (returns early, without error, when
    /// cancelled: ``next()`` then ends).
    private func reconnectLater() async throws {
        body = nil
        splitter.reset()
        let delay = backoff.nextDelay()
        do {
            try await Task.sleep(for: delay)
        } catch {
            return
        }
    }
}
