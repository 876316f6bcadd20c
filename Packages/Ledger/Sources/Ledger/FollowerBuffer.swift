import Synchronization

/// The entries waiting for one follower of a ``LedgerService``: the service puts entries in, the
/// follower's stream takes them out, one at a time.
///
/// Live entries are offered without waiting (``offer(_:limit:)``): one that would take the
/// backlog past its ``FollowerBacklogLimit`` cuts the follower off instead — the waiting entries
/// are dropped at once (their memory with them) and the stream ends with
/// ``LedgerFollowError/fellBehind(resumeFrom:limit:)`` naming the first entry it did not
/// deliver. History is delivered at the follower's pace (``deliver(_:within:)`` waits for room).
final class FollowerBuffer: Sendable {
    /// What became of an offered live entry.
    enum Offer: Sendable, Equatable {
        /// It waits for the follower (or was handed to it).
        case enqueued
        /// It did not fit: the follower is cut off and must be forgotten.
        case cutOff
        /// The follower's stream had already ended.
        case ended
    }

    private enum End {
        case finished
        case failed(any Error)
    }

    private struct State {
        /// Waiting entries; the oldest is at `first`.
        var entries: [LogEntry] = []
        var first = 0
        /// The waiting entries' ``LogEntry/byteCount``s, summed.
        var bytes = 0
        /// Set once nothing more may be added; the consumer still gets the waiting entries first.
        var end: End?
        /// Set once the consumer went away (cancelled, or released its stream).
        var consumerGone = false
        /// The consumer waiting for an entry (only while none waits).
        var consumer: CheckedContinuation<LogEntry?, any Error>?
        /// The history reader waiting for room.
        var producer: CheckedContinuation<Void, Never>?

        var count: Int { entries.count - first }
        var isOpen: Bool { end == nil && !consumerGone }

        mutating func append(_ entry: LogEntry) {
            entries.append(entry)
            bytes += entry.byteCount
        }

        mutating func popFirst() -> LogEntry? {
            guard first < entries.count else { return nil }
            let entry = entries[first]
            first += 1
            bytes -= entry.byteCount
            if first == entries.count {
                entries.removeAll(keepingCapacity: false)
                first = 0
            } else if first >= 64, first * 2 >= entries.count {
                entries.removeFirst(first)
                first = 0
            }
            return entry
        }

        mutating func dropAll() {
            entries = []
            first = 0
            bytes = 0
        }

        /// Hands `entry` to the waiting consumer, or queues it if `limit` admits it.
        mutating func place(_ entry: LogEntry, within limit: FollowerBacklogLimit) -> Placement {
            if let consumer {
                self.consumer = nil
                return .handOver(consumer)
            }
            guard limit.admits(entry.byteCount, besides: count, of: bytes) else { return .noRoom }
            append(entry)
            return .queued
        }
    }

    private enum Placement {
        case handOver(CheckedContinuation<LogEntry?, any Error>)
        case queued
        case noRoom
    }

    private let state = Mutex(State())

    /// The number of entries waiting, and their bytes (for tests and metrics).
    var backlog: (entries: Int, bytes: Int) { state.withLock { ($0.count, $0.bytes) } }

    // MARK: Producer

    /// Adds a live entry without waiting; cuts the follower off when `limit` has no room for it.
    func offer(_ entry: LogEntry, limit: FollowerBacklogLimit) -> Offer {
        let (offer, consumer) = state.withLock { state -> (Offer, CheckedContinuation<LogEntry?, any Error>?) in
            guard state.isOpen else { return (.ended, nil) }
            switch state.place(entry, within: limit) {
            case .handOver(let consumer):
                return (.enqueued, consumer)
            case .queued:
                return (.enqueued, nil)
            case .noRoom:
                let resumeFrom = state.count > 0 ? state.entries[state.first].sequence : entry.sequence
                state.dropAll()
                state.end = .failed(LedgerFollowError.fellBehind(resumeFrom: resumeFrom, limit: limit))
                return (.cutOff, nil)
            }
        }
        consumer?.resume(returning: entry)
        return offer
    }

    /// Adds a history entry, waiting while `limit` has no room for it; false once the stream
    /// has ended (the entry is then dropped).
    func deliver(_ entry: LogEntry, within limit: FollowerBacklogLimit) async -> Bool {
        while true {
            let placement = state.withLock { state -> Placement? in
                guard state.isOpen else { return nil }
                return state.place(entry, within: limit)
            }
            switch placement {
            case nil:
                return false
            case .handOver(let consumer):
                consumer.resume(returning: entry)
                return true
            case .queued:
                return true
            case .noRoom:
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let retryNow = state.withLock { state -> Bool in
                        guard state.isOpen, state.consumer == nil,
                            !limit.admits(entry.byteCount, besides: state.count, of: state.bytes)
                        else { return true }
                        state.producer = continuation
                        return false
                    }
                    if retryNow { continuation.resume() }
                }
            }
        }
    }

    /// Ends the stream after the waiting entries (the service closed): the consumer then gets nil.
    func finish() {
        end(.finished)
    }

    /// Ends the stream after the waiting entries with `error`.
    func finish(throwing error: any Error) {
        end(.failed(error))
    }

    private func end(_ end: End) {
        typealias Waiters = (CheckedContinuation<LogEntry?, any Error>?, CheckedContinuation<Void, Never>?)
        let (consumer, producer) = state.withLock { state -> Waiters in
            defer { state.producer = nil }
            guard state.isOpen else { return (nil, state.producer) }
            // A waiting consumer means nothing waits for it: it takes the end now.
            let consumer = state.consumer
            state.consumer = nil
            state.end = consumer == nil ? end : .finished
            return (consumer, state.producer)
        }
        if let consumer {
            switch end {
            case .finished: consumer.resume(returning: nil)
            case .failed(let error): consumer.resume(throwing: error)
            }
        }
        producer?.resume()
    }

    // MARK: Consumer

    /// The next entry; nil once the stream ended (or the consuming task is cancelled).
    ///
    /// - Throws: the error the stream ended with, once, after the entries waiting before it.
    func next() async throws -> LogEntry? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<LogEntry?, any Error>) in
                let (outcome, producer) = state.withLock {
                    state -> (Result<LogEntry?, any Error>?, CheckedContinuation<Void, Never>?) in
                    if let entry = state.popFirst() {
                        defer { state.producer = nil }
                        return (.success(entry), state.producer)
                    }
                    if state.consumerGone { return (.success(nil), nil) }
                    if let end = state.end {
                        state.end = .finished
                        switch end {
                        case .finished: return (.success(nil), nil)
                        case .failed(let error): return (.failure(error), nil)
                        }
                    }
                    state.consumer = continuation
                    return (nil, nil)
                }
                if let outcome { continuation.resume(with: outcome) }
                producer?.resume()
            }
        } onCancel: {
            consumerWentAway()
        }
    }

    /// The consumer stopped for good (its task was cancelled, or it released the stream): the
    /// waiting entries are dropped and a waiting history reader stops.
    func consumerWentAway() {
        let (consumer, producer) = state.withLock {
            state -> (CheckedContinuation<LogEntry?, any Error>?, CheckedContinuation<Void, Never>?) in
            state.consumerGone = true
            state.dropAll()
            defer {
                state.consumer = nil
                state.producer = nil
            }
            return (state.consumer, state.producer)
        }
        consumer?.resume(returning: nil)
        producer?.resume()
    }
}
