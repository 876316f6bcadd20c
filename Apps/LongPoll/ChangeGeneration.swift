import Foundation
import Synchronization

/// A counter of changes and the waits on it, for long-polls: the owner bumps it on every change
/// of what it serves, and a request that already has the current state waits until it moves on.
///
/// doublezerod's status (`GET /v2/status?after=G&wait=S`: a service appears or goes, a BGP
/// session changes state, the reconciler is switched) and the controller's device configs
/// (`GET /v1/devices/CODE/config?wait=S` with `If-None-Match`: a new snapshot) use one each.
/// Every method is safe to call from any task; a wait returns promptly when its task is
/// cancelled.
public final class ChangeGeneration: Sendable {
    /// Where one wait stands.
    private enum Wait {
        /// Started, not yet suspended.
        case starting
        /// Suspended until the next bump.
        case suspended(CheckedContinuation<Void, Never>)
        /// Cancelled before it suspended: it must not suspend.
        case cancelled
    }

    /// The value and the waits on it.
    private struct State {
        var value: UInt64 = 0
        var waits: [UUID: Wait] = [:]
    }

    private let state = Mutex(State())

    /// A counter at 0.
    public init() {}

    /// The current generation.
    public var value: UInt64 { state.withLock(\.value) }

    /// Records a change: moves the generation on by one and wakes every suspended wait.
    public func bump() {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.value &+= 1
            var woken: [CheckedContinuation<Void, Never>] = []
            for (id, wait) in state.waits {
                guard case .suspended(let continuation) = wait else { continue }
                woken.append(continuation)
                state.waits[id] = nil
            }
            return woken
        }
        for continuation in woken { continuation.resume() }
    }

    /// Waits until the generation differs from `generation`, for at most `timeout`, and returns
    /// the generation then: a new one after a change, `generation` itself on timeout. Returns at
    /// once when the generation already differs, and promptly on cancellation.
    public func waitForChange(after generation: UInt64, timeout: Duration) async -> UInt64 {
        guard value == generation, timeout > .zero else { return value }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForBump(after: generation) }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
        return value
    }

    /// Suspends until the generation differs from `generation` or the task is cancelled.
    private func waitForBump(after generation: UInt64) async {
        let id = UUID()
        state.withLock { $0.waits[id] = .starting }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    guard case .starting = state.waits[id], state.value == generation else {
                        state.waits[id] = nil
                        return true
                    }
                    state.waits[id] = .suspended(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let suspended = state.withLock { state -> CheckedContinuation<Void, Never>? in
                switch state.waits[id] {
                case .suspended(let continuation):
                    state.waits[id] = nil
                    return continuation
                case .starting:
                    state.waits[id] = .cancelled
                    return nil
                case .cancelled, nil:
                    return nil
                }
            }
            suspended?.resume()
        }
    }
}
