import Foundation

/// Runs blocking work (socket loops, namespace switches) on a fresh thread of its own, so it
/// never blocks Swift concurrency's cooperative pool and its per-thread state (a network
/// namespace) dies with the thread.
enum DedicatedThread {
    /// Runs `body` on a new thread and waits for it without blocking the caller's thread.
    static func run<T: Sendable, E: Error>(
        name: String, _ body: @escaping @Sendable () throws(E) -> T
    ) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Result { () throws(E) -> T in try body() })
            }
            thread.name = name
            thread.start()
        }
        return try result.get()
    }

    /// Runs `body` on a new thread and blocks the calling thread until it finishes.
    static func runBlocking<T: Sendable, E: Error>(
        name: String, _ body: @escaping @Sendable () throws(E) -> T
    ) throws(E) -> T {
        let box = ResultBox<T, E>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = Result { () throws(E) -> T in try body() }
            done.signal()
        }
        thread.name = name
        thread.start()
        done.wait()
        return try box.result!.get()
    }

    /// Carries a result from the worker thread to the waiter; the semaphore orders the accesses.
    private final class ResultBox<T: Sendable, E: Error>: @unchecked Sendable {
        var result: Result<T, E>?
    }
}
