import AsyncAlgorithms
import Hummingbird
import Ledger
import LedgerWireFormat
import Logging
import Models
import ServiceLifecycle

/// `GET /v1/log?from=N[&follow=false]`: the log as NDJSON, one ``Ledger/LogEntry`` per line.
///
/// The stored entries from `from` come first, then new entries as the ledger accepts them; the
/// response never ends on its own. With `follow=false` it ends once it has sent the entry that
/// was the head when the request arrived. Every heartbeat interval a
/// ``LedgerWireFormat/LogStreamHeartbeat`` line is written so followers can tell a quiet ledger
/// from a dead connection.
///
/// The stream stops when the client disconnects, when the server shuts down gracefully (the
/// response then ends cleanly and followers reconnect elsewhere or later), or when the ledger's
/// own stream fails or cuts the follower off for falling behind (the last line is then a
/// ``LedgerWireFormat/LogStreamCut`` naming the sequence to follow again from).
///
/// Memory per stream is bounded: each line is written only once the previous one was taken by
/// the connection (the writer waits while the socket is not writable), the heartbeat and entry
/// sources are merged on demand, and what waits inside the ledger is bounded by its
/// ``Ledger/FollowerBacklogLimit``. A client that stops reading therefore holds at most one
/// line here, the channel's write buffer, and the ledger's backlog until it is cut off.
struct LogStreamResponder: Sendable {
    /// The ledger followed.
    let ledger: any LedgerAPI
    /// Time between heartbeat lines.
    let heartbeatInterval: Duration
    /// Where open streams are counted.
    let metrics: LedgerServerMetrics

    /// One line of the stream, before encoding.
    private enum Event: Sendable {
        case entry(LogEntry)
        case heartbeat
        case ledgerStreamEnded
    }

    /// Parses the query and starts the stream.
    func respond(to request: Request, context: some RequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let from: UInt64
        let follow: Bool
        do throws(ProgramError) {
            from = try Self.from(query[Substring(LogStreamQuery.from)])
            follow = try Self.follow(query[Substring(LogStreamQuery.follow)])
        } catch {
            return .rejection(error)
        }
        let end: UInt64?
        do throws(LedgerError) {
            end = follow ? nil : try await ledger.headSequence()
        } catch {
            return error.response(logger: context.logger)
        }
        let ledger = self.ledger
        let heartbeatInterval = self.heartbeatInterval
        let metrics = self.metrics
        var logger = context.logger
        logger[metadataKey: "ledger.from"] = "\(from)"
        let streamLogger = logger
        // The connection closes when the stream ends (the server watches it for the client going
        // away), so tell the client not to reuse it.
        let headers: HTTPFields = [
            .contentType: LedgerMediaType.ndjson, .cacheControl: "no-store", .connection: "close",
        ]
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                if let end, end < from {
                    try await writer.finish(nil)
                    return
                }
                metrics.logStreamOpened()
                defer { metrics.logStreamClosed() }
                try await request.body.consumeWithCancellationOnInboundClose { _ in
                    try await Self.stream(
                        ledger: ledger, from: from, end: end, heartbeatInterval: heartbeatInterval,
                        logger: streamLogger, into: &writer)
                }
                try await writer.finish(nil)
            })
    }

    /// Writes lines until `end` is sent, the client goes, the server shuts down, or the ledger's
    /// stream ends or fails (logged; the response then ends and the follower reconnects).
    ///
    /// A ledger stream that ends with ``Ledger/LedgerFollowError/fellBehind(resumeFrom:limit:)``
    /// (the client read more slowly than the ledger accepted entries) ends the response with a
    /// ``LedgerWireFormat/LogStreamCut`` line: the client follows again from its sequence.
    private static func stream(
        ledger: any LedgerAPI, from: UInt64, end: UInt64?, heartbeatInterval: Duration, logger: Logger,
        into writer: inout any ResponseBodyWriter
    ) async throws {
        let encoder = LedgerJSON.makeEncoder()
        var lastSent = from - 1
        logger.debug("log stream started")
        let entries = chain(ledger.follow(from: from).map { Event.entry($0) }, [Event.ledgerStreamEnded].async)
        let heartbeats = AsyncTimerSequence(interval: heartbeatInterval, clock: .continuous).map { _ in
            Event.heartbeat
        }
        do {
            for try await event in merge(entries, heartbeats).cancelOnGracefulShutdown() {
                switch event {
                case .entry(let entry):
                    try await writer.write(line(encoder.encode(entry)))
                    lastSent = entry.sequence
                    if let end, entry.sequence >= end { return }
                case .heartbeat:
                    let head = (try? await ledger.headSequence()) ?? lastSent
                    try await writer.write(line(encoder.encode(LogStreamHeartbeat(headSequence: head))))
                case .ledgerStreamEnded:
                    logger.info("the ledger ended the log stream", metadata: ["ledger.sequence": "\(lastSent)"])
                    return
                }
            }
            logger.debug("log stream ended", metadata: ["ledger.sequence": "\(lastSent)"])
        } catch let error as LedgerFollowError {
            guard case .fellBehind(_, let limit) = error else {
                return logEnd(with: error, after: lastSent, logger: logger)
            }
            // Everything up to lastSent was written; the client follows again from the next one.
            let resumable = LedgerFollowError.fellBehind(resumeFrom: lastSent + 1, limit: limit)
            logger.info(
                "log stream cut off: the client fell behind",
                metadata: ["ledger.sequence": "\(lastSent)", "error.message": "\(resumable)"])
            let cut = LogStreamCut(resumeFrom: lastSent + 1, message: "\(resumable)")
            try await writer.write(line(encoder.encode(cut)))
        } catch {
            if error is CancellationError || Task.isCancelled { throw error }
            logEnd(with: error, after: lastSent, logger: logger)
        }
    }

    /// The ledger's stream failed, or the client went away mid-write: the response ends and a
    /// follower reconnects from its last sequence.
    private static func logEnd(with error: any Error, after lastSent: UInt64, logger: Logger) {
        logger.info(
            "log stream ended with an error", metadata: ["ledger.sequence": "\(lastSent)", "error.message": "\(error)"])
    }

    private static func line(_ json: some Sequence<UInt8>) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeBytes(json)
        buffer.writeInteger(UInt8(ascii: "\n"))
        return buffer
    }

    /// `from`: a sequence number, default 1 (0 also means the start).
    static func from(_ text: Substring?) throws(ProgramError) -> UInt64 {
        guard let text else { return 1 }
        guard let value = UInt64(text) else {
            throw ProgramError(.invalidArgument, "from must be a sequence number, not '\(text)'", field: "from")
        }
        return max(value, 1)
    }

    /// `follow`: `true` (default) or `false`.
    static func follow(_ text: Substring?) throws(ProgramError) -> Bool {
        switch text {
        case nil, "true", "1": return true
        case "false", "0": return false
        case .some(let other):
            throw ProgramError(.invalidArgument, "follow must be true or false, not '\(other)'", field: "follow")
        }
    }
}
