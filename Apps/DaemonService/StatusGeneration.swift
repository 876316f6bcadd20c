import Synchronization

/// A counter of changes to what `/v2/status` shows, that clients can wait on: `doublezero connect`
/// long-polls `GET /v2/status?after=N&wait=S` instead of polling every few seconds.
///
/// ``bump()`` wakes every waiter at once. A wait ends when the counter differs from the value
/// waited after, when its timeout passes, or when its task is cancelled.
public final class StatusGeneration: Sendable {
    private struct State {
        var value: UInt64 = 0
        var nextWaiter: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<UInt64, Never>] = [:]
        /// Waits whose timeout passed before they started waiting.
        var expired: Set<UInt64> = []
    }

    private let state = Mutex(State())

    /// A counter at 0.
    public init() {}

    /// The current value.
    public var value: UInt64 { state.withLock { $0.value } }

    /// Counts one change and wakes every waiter.
    public func bump() {
        let (value, waiters) = state.withLock { state in
            state.value &+= 1
            defer { state.waiters = [:] }
            return (state.value, Array(state.waiters.values))
        }
        for waiter in waiters { waiter.resume(returning: value) }
    }

    /// Returns the value once it differs from `generation`, or the current value after `timeout`
    /// or on cancellation.
    public func wait(after generation: UInt64, timeout: Duration) async -> UInt64 {
        let id = state.withLock { state -> UInt64? in
            guard state.value == generation else { return nil }
            state.nextWaiter &+= 1
            return state.nextWaiter
        }
        guard let id else { return value }
        let timer = Task { [self] in
            do { try await Task.sleep(for: timeout) } catch { return }
            resume(id)
        }
        defer {
            timer.cancel()
            _ = state.withLock { $0.expired.remove(id) }
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> UInt64? in
                    guard state.value == generation, !Task.isCancelled, state.expired.remove(id) == nil else {
                        return state.value
                    }
                    state.waiters[id] = continuation
                    return nil
                }
                if let resumeNow { continuation.resume(returning: resumeNow) }
            }
        } onCancel: {
            resume(id)
        }
    }

    /// Ends the wait `id` (if it is still waiting) with the current value.
    private func resume(_ id: UInt64) {
        let (waiter, value) = state.withLock { state in
            let waiter = state.waiters.removeValue(forKey: id)
            if waiter == nil { state.expired.insert(id) }
            return (waiter, state.value)
        }
        waiter?.resume(returning: value)
    }
}
