import Synchronization

/// A fixed number of slots for entity scans: a scan takes a slot for as long as it reads, and
/// waits (suspended, holding no thread) while every slot is taken.
///
/// A filtered scan reads every entity of a kind, so a few at once can keep every core busy; the
/// slots bound how many reader threads scans occupy, leaving the writer, the network threads and
/// point reads (an entity, the head, log pages) room to run.
final class ScanSlots: Sendable {
    private struct State {
        var free: Int
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>

    /// `count` slots (at least one).
    init(_ count: Int) {
        precondition(count > 0, "scans need at least one slot")
        state = Mutex(State(free: count))
    }

    /// Runs `body` in a slot, waiting for one first.
    func withSlot<T: Sendable, E: Error>(_ body: () async throws(E) -> T) async throws(E) -> T {
        await take()
        defer { release() }
        return try await body()
    }

    private func take() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = state.withLock { state -> Bool in
                guard state.free > 0 else {
                    state.waiting.append(continuation)
                    return false
                }
                state.free -= 1
                return true
            }
            if granted { continuation.resume() }
        }
    }

    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
