import Glibc

/// A joinable POSIX thread running one datapath loop (the loops block in system calls, so they
/// get threads of their own rather than tasks of the cooperative pool). Joined once, by the
/// tunnel's `stop()`.
final class DatapathThread: @unchecked Sendable {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    private var thread = pthread_t()

    /// Starts `body` on a new thread.
    init(_ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        let result = pthread_create(
            &thread, nil,
            { context in
                let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
                body.run()
                return nil
            }, context)
        precondition(result == 0, "pthread_create failed: \(result)")
    }

    /// Waits for the thread to finish; call once.
    func join() {
        pthread_join(thread, nil)
    }
}
