import CLinuxHost
import Glibc
import Synchronization

/// A POSIX thread that exists for one piece of work and ends with it.
///
/// Two kinds of work need one:
/// - **Blocking work** (a socket loop in `poll`/`recvmmsg`, a probing pass): on a task it would
///   hold one of Swift concurrency's few pooled threads for its whole duration.
/// - **Work that changes per-thread kernel state**, above all the network namespace: `setns(2)`
///   moves the calling thread only, so work in a namespace runs on a dedicated thread that
///   entered it (``NetworkNamespace/perform(_:)``), never on a pooled thread that other tasks
///   reuse afterwards.
///
/// Three ways to use it:
/// - ``init(name:_:)`` starts a joinable thread; ``join()`` waits for it (long-running loops,
///   stopped and joined by their owner). A thread released without a join is detached.
/// - ``run(name:_:)`` runs a body on a new thread and awaits its result without blocking the
///   caller's thread.
/// - ``runBlocking(name:_:)`` runs a body on a new thread and blocks the caller until it
///   returns.
///
/// The name shows in `ps -L`, `top -H` and debuggers (cut to the kernel's 15 bytes).
public final class DedicatedThread: Sendable {
    /// What the new thread runs, handed over through `pthread_create`'s context pointer.
    private final class Start {
        let name: String
        let body: @Sendable () -> Void

        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// A result written by the worker and read by the waiter after the join.
    private final class Outcome<T: Sendable, E: Error>: Sendable {
        let value = Mutex<Result<T, E>?>(nil)
    }

    private let thread: pthread_t
    private let joined = Atomic<Bool>(false)

    /// Starts `body` on a new thread named `name`.
    ///
    /// Stops the process when the system refuses a thread (`pthread_create` fails only when
    /// threads or memory are exhausted).
    public init(name: String, _ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Start(name: name, body: body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(
            &thread, nil,
            { context in
                let start = Unmanaged<Start>.fromOpaque(context!).takeRetainedValue()
                _ = clinuxhost_name_current_thread(start.name)
                start.body()
                return nil
            }, context)
        precondition(result == 0, "pthread_create failed for thread \(name): error \(result)")
        self.thread = thread
    }

    deinit {
        // Nobody will join it: let the system reclaim it when it ends.
        if !joined.load(ordering: .acquiring) { pthread_detach(thread) }
    }

    /// Waits until the thread has finished. Later calls return at once; do not call it from the
    /// thread itself.
    public func join() {
        if !joined.exchange(true, ordering: .acquiringAndReleasing) { pthread_join(thread, nil) }
    }

    /// Runs `body` on a new thread and returns its result without blocking the caller's thread
    /// (the caller's task suspends until the body returns).
    public static func run<T: Sendable, E: Error>(
        name: String, _ body: @escaping @Sendable () throws(E) -> T
    ) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            _ = DedicatedThread(name: name) {
                continuation.resume(returning: Result { () throws(E) -> T in try body() })
            }
        }
        return try result.get()
    }

    /// Runs `body` on a new thread and blocks the calling thread until it returns.
    public static func runBlocking<T: Sendable, E: Error>(
        name: String, _ body: @escaping @Sendable () throws(E) -> T
    ) throws(E) -> T {
        let outcome = Outcome<T, E>()
        let thread = DedicatedThread(name: name) {
            let result = Result { () throws(E) -> T in try body() }
            outcome.value.withLock { $0 = result }
        }
        thread.join()
        return try outcome.value.withLock { $0 }!.get()
    }
}
