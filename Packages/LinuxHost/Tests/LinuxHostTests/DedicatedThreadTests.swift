import Foundation
import LinuxHost
import Synchronization
import Testing

/// Threads of their own: results and typed errors come back, names are set, joins wait.
@Suite("Dedicated threads")
struct DedicatedThreadTests {
    /// A failure a body throws, to check it comes back typed.
    struct Refusal: Error, Equatable {
        let code: Int
    }

    /// A flag a thread raises when its body has finished.
    final class Flag: Sendable {
        private let raised = Atomic<Bool>(false)
        func raise() { raised.store(true, ordering: .releasing) }
        var isRaised: Bool { raised.load(ordering: .acquiring) }
    }

    /// The calling thread (alive threads never share it).
    static func threadID() -> pthread_t { pthread_self() }

    /// The calling thread's name as the kernel holds it.
    static func threadName() -> String {
        ((try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("run: the body runs on another, named thread and its result comes back")
    func runAsync() async {
        let caller = Self.threadID()
        let (thread, name) = await DedicatedThread.run(name: "dz-test-run") { (Self.threadID(), Self.threadName()) }
        #expect(thread != caller)
        #expect(name == "dz-test-run")
    }

    @Test("run and runBlocking rethrow the body's own error type")
    func typedErrors() async {
        await #expect(throws: Refusal(code: 1)) {
            try await DedicatedThread.run(name: "dz-test") { () throws(Refusal) -> Int in throw Refusal(code: 1) }
        }
        #expect(throws: Refusal(code: 2)) {
            try DedicatedThread.runBlocking(name: "dz-test") { () throws(Refusal) -> Int in throw Refusal(code: 2) }
        }
        #expect(DedicatedThread.runBlocking(name: "dz-test") { 6 * 7 } == 42)
    }

    @Test("a long name is cut to the kernel's 15 bytes")
    func longName() {
        let name = DedicatedThread.runBlocking(name: "doublezero0-encapsulate") { Self.threadName() }
        #expect(name == "doublezero0-enc")
    }

    @Test("join waits for the body to finish, and a second join returns at once")
    func joinWaits() {
        let finished = Flag()
        let thread = DedicatedThread(name: "dz-test-join") {
            usleep(50_000)
            finished.raise()
        }
        thread.join()
        #expect(finished.isRaised)
        thread.join()
    }

    @Test("a thread released without a join still runs to the end")
    func detachedThread() async throws {
        let finished = Flag()
        _ = DedicatedThread(name: "dz-test-detach") {
            usleep(20_000)
            finished.raise()
        }
        for _ in 0..<200 where !finished.isRaised { try await Task.sleep(for: .milliseconds(10)) }
        #expect(finished.isRaised)
    }
}
