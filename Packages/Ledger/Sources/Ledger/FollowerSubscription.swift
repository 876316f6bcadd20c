/// The follower's end of a ``FollowerBuffer``, held by its stream: when the stream is released
/// (the consumer stopped, finished or went away), the buffer is told and `onEnd` runs once.
final class FollowerSubscription: Sendable {
    private let buffer: FollowerBuffer
    private let onEnd: @Sendable () -> Void

    /// Creates the subscription of `buffer`; `onEnd` runs when it is released.
    init(_ buffer: FollowerBuffer, onEnd: @escaping @Sendable () -> Void) {
        self.buffer = buffer
        self.onEnd = onEnd
    }

    deinit {
        buffer.consumerWentAway()
        onEnd()
    }

    /// The next entry (see ``FollowerBuffer/next()``).
    func next() async throws -> LogEntry? {
        try await buffer.next()
    }
}
