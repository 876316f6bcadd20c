import Foundation

/// Following the log: each follower first reads the stored history in pages, at its own pace
/// and from snapshots of the file (never on the actor), then becomes live and receives each new
/// entry as it is accepted, without a gap or a duplicate at the boundary.
///
/// A live follower's backlog is bounded by ``LedgerService/followerBacklog`` (entries and
/// bytes). Publishing never waits for a follower: one without room is cut off at once — what
/// waited for it is dropped — and its stream ends with
/// ``LedgerFollowError/fellBehind(resumeFrom:limit:)``. History is read ahead by at most
/// ``LedgerService/historyReadAhead`` (capped by the backlog limit), so a follower that stops
/// reading holds little memory however long the log.
extension LedgerService {
    /// How far history is read ahead of a follower: a page of entries, at most 64 KiB.
    public static let historyReadAhead = FollowerBacklogLimit(entries: pageSize, bytes: 64 * 1024)

    /// The buffer and progress of one live follower.
    struct FollowerRecord: Sendable {
        /// Where its entries go.
        let buffer: FollowerBuffer
        /// The next sequence it should receive.
        var nextSequence: UInt64
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
    public var followerCount: Int { followers.count + historyReaders.withLock(\.count) }

    /// How many followers receive new entries as they are accepted (for metrics).
    public var liveFollowerCount: Int { followers.count }

    /// Log entries from `sequence` on (0 counts as 1): the stored ones, then each new one.
    ///
    /// The stream ends when the caller stops iterating or releases it (the follower is then
    /// removed), when the service closes, or with a ``LedgerFollowError``.
    public nonisolated func follow(from sequence: UInt64) -> AsyncThrowingStream<LogEntry, any Error> {
        let buffer = FollowerBuffer()
        let id = UUID()
        let history = Task { await self.replayHistory(to: id, buffer, from: max(sequence, 1)) }
        let subscription = FollowerSubscription(buffer) { [weak self] in
            history.cancel()
            guard let self else { return }
            Task { await self.removeFollower(id) }
        }
        return AsyncThrowingStream { try await subscription.next() }
    }

    /// Sends the stored entries from `start` on, one page at a time and only as fast as the
    /// follower consumes them, then makes the follower live.
    nonisolated func replayHistory(to id: UUID, _ buffer: FollowerBuffer, from start: UInt64) async {
        historyReaders.withLock { $0[id] = buffer }
        defer { historyReaders.withLock { $0[id] = nil } }
        let readAhead = Self.historyReadAhead.capped(at: followerBacklog)
        var next = start
        var refusedAt: UInt64?
        while !Task.isCancelled {
            let page: [LogEntry]
            do {
                let from = next
                page = try await store.snapshot { reader throws(LedgerStoreError) in
                    try reader.entries(from: from, limit: readAhead.entries, maxBytes: readAhead.bytes)
                }
            } catch .closed {
                buffer.finish()
                return
            } catch {
                buffer.finish(throwing: LedgerFollowError.storage(error))
                return
            }
            guard !page.isEmpty else {
                switch await attachLive(id, buffer, next: next) {
                case .live, .gone:
                    return
                case .behind(let head):
                    // The service has accepted entries the file should now hold; twice without
                    // finding them means the file lost them.
                    guard refusedAt != next else {
                        buffer.finish(
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
                    buffer.finish(
                        throwing: LedgerFollowError.storage(
                            .corruptLogEntry(path: path, sequence: entry.sequence, reason: "entry \(next) is missing")))
                    return
                }
                guard await buffer.deliver(entry, within: readAhead) else { return }
                next = entry.sequence + 1
            }
        }
    }

    /// Makes a follower that read its history live if it has read everything up to the head
    /// (its next sequence is past it); publication and this check are both on the actor, so no
    /// entry falls between them.
    private func attachLive(_ id: UUID, _ buffer: FollowerBuffer, next: UInt64) -> LiveAttachment {
        guard !isClosed else {
            buffer.finish()
            return .gone
        }
        guard historyReaders.withLock({ $0[id] != nil }) else { return .gone }
        let head = position.sequence
        guard next > head else { return .behind(head: head) }
        historyReaders.withLock { $0[id] = nil }
        followers[id] = FollowerRecord(buffer: buffer, nextSequence: next)
        watchFileForOtherWriters()
        return .live
    }

    /// Forgets a follower whose stream ended.
    private func removeFollower(_ id: UUID) {
        followers[id] = nil
        historyReaders.withLock { $0[id] = nil }
    }

    /// Delivers `entries` (in log order) to every live follower, never waiting: a follower
    /// without room is cut off, one whose stream ended is removed.
    func publish(_ entries: [LogEntry]) {
        for (id, record) in followers {
            var record = record
            var keep = true
            for entry in entries where entry.sequence >= record.nextSequence {
                switch record.buffer.offer(entry, limit: followerBacklog) {
                case .enqueued:
                    record.nextSequence = entry.sequence + 1
                case .cutOff, .ended:
                    keep = false
                }
                if !keep { break }
            }
            followers[id] = keep ? record : nil
        }
    }
}
