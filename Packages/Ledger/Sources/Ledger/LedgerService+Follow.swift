import Foundation

/// Following the log: each follower first reads the stored history in pages, at its own pace,
/// then becomes live and receives each new entry as it is accepted, without a gap or a duplicate
/// at the boundary.
///
/// A live follower has a bounded buffer (``LedgerService/followerBufferCapacity``). Publishing
/// never waits for a follower: if its buffer is full, its stream delivers what it holds and then
/// ends with ``LedgerFollowError/fellBehind(resumeFrom:bufferCapacity:)``.
extension LedgerService {
    /// The continuation and progress of one follower.
    struct FollowerRecord: Sendable {
        /// Where its entries go.
        let continuation: AsyncThrowingStream<LogEntry, any Error>.Continuation
        /// The next sequence it should receive.
        var nextSequence: UInt64
        /// False while it reads history (publication skips it), true once live.
        var isLive: Bool
    }

    /// Whether a follower that finished its history became live.
    enum LiveAttachment: Sendable {
        /// It is live: publication delivers from its next sequence on.
        case live
        /// More entries were accepted meanwhile: read them from the file first.
        case behind(head: UInt64)
        /// The follower ended (it stopped, or the service closed).
        case gone
    }

    /// How many followers are attached, reading history or live (for metrics).
    public var followerCount: Int { followers.count }

    /// How many followers receive new entries as they are accepted (for metrics).
    public var liveFollowerCount: Int { followers.values.count(where: \.isLive) }

    /// Log entries from `sequence` on (0 counts as 1): the stored ones, then each new one.
    ///
    /// The stream ends when the caller stops iterating (the follower is then removed), when the
    /// service closes, or with a ``LedgerFollowError``.
    public nonisolated func follow(from sequence: UInt64) -> AsyncThrowingStream<LogEntry, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(
            of: LogEntry.self, throwing: (any Error).self, bufferingPolicy: .bufferingOldest(followerBufferCapacity))
        let id = UUID()
        let history = Task { await self.replayHistory(to: id, continuation, from: max(sequence, 1)) }
        continuation.onTermination = { [weak self] _ in
            history.cancel()
            guard let self else { return }
            Task { await self.removeFollower(id) }
        }
        return stream
    }

    /// Sends the stored entries from `start` on, one page at a time and only as fast as the
    /// follower consumes them, then makes the follower live.
    nonisolated func replayHistory(
        to id: UUID, _ continuation: AsyncThrowingStream<LogEntry, any Error>.Continuation, from start: UInt64
    ) async {
        guard await register(id, continuation, from: start) else { return }
        var next = start
        var refusedAt: UInt64?
        while !Task.isCancelled {
            let page: [LogEntry]
            do {
                page = try store.entries(from: next, limit: Self.pageSize)
            } catch {
                continuation.finish(throwing: LedgerFollowError.storage(error))
                return
            }
            guard !page.isEmpty else {
                switch await attachLive(id, next: next) {
                case .live, .gone:
                    return
                case .behind(let head):
                    // The service has accepted entries the file should now hold; twice without
                    // finding them means the file lost them.
                    guard refusedAt != next else {
                        continuation.finish(
                            throwing: LedgerFollowError.storage(
                                .logDiverged(
                                    path: path, reason: "entries \(next)...\(head) are accepted but not in the file")))
                        return
                    }
                    refusedAt = next
                    continue
                }
            }
            for entry in page {
                guard entry.sequence == next else {
                    continuation.finish(
                        throwing: LedgerFollowError.storage(
                            .corruptLogEntry(path: path, sequence: entry.sequence, reason: "entry \(next) is missing")))
                    return
                }
                guard await Self.deliver(entry, to: continuation) else { return }
                next = entry.sequence + 1
            }
        }
    }

    /// Yields `entry`, waiting while the follower's buffer is full (history only: the entry
    /// is not lost, the follower just reads slowly). False once the stream has ended.
    private static func deliver(
        _ entry: LogEntry, to continuation: AsyncThrowingStream<LogEntry, any Error>.Continuation
    ) async -> Bool {
        while true {
            switch continuation.yield(entry) {
            case .enqueued:
                return true
            case .dropped:
                do {
                    try await Task.sleep(for: .milliseconds(2))
                } catch {
                    return false
                }
            case .terminated:
                return false
            @unknown default:
                return false
            }
        }
    }

    /// Records a new follower (still reading history); false if the service is closed.
    private func register(
        _ id: UUID, _ continuation: AsyncThrowingStream<LogEntry, any Error>.Continuation, from start: UInt64
    ) -> Bool {
        guard !followers.keys.contains(id) else { return true }
        if isClosed {
            continuation.finish()
            return false
        }
        followers[id] = FollowerRecord(continuation: continuation, nextSequence: start, isLive: false)
        return true
    }

    /// Makes a follower live if it has read everything up to the head (its next sequence is past
    /// it); publication and this check are both on the actor, so no entry falls between them.
    private func attachLive(_ id: UUID, next: UInt64) -> LiveAttachment {
        guard var record = followers[id] else { return .gone }
        let head = position.sequence
        guard next > head else { return .behind(head: head) }
        record.nextSequence = next
        record.isLive = true
        followers[id] = record
        watchFileForOtherWriters()
        return .live
    }

    /// Forgets a follower whose stream ended.
    private func removeFollower(_ id: UUID) {
        followers[id] = nil
    }

    /// Delivers `entries` (in log order) to every live follower, never waiting: a follower whose
    /// buffer is full is ended with `fellBehind`, one whose stream ended is removed.
    func publish(_ entries: [LogEntry]) {
        for (id, record) in followers where record.isLive {
            var record = record
            var keep = true
            for entry in entries where entry.sequence >= record.nextSequence {
                switch record.continuation.yield(entry) {
                case .enqueued:
                    record.nextSequence = entry.sequence + 1
                case .dropped:
                    record.continuation.finish(
                        throwing: LedgerFollowError.fellBehind(
                            resumeFrom: entry.sequence, bufferCapacity: followerBufferCapacity))
                    keep = false
                case .terminated:
                    keep = false
                @unknown default:
                    keep = false
                }
                if !keep { break }
            }
            followers[id] = keep ? record : nil
        }
    }
}
