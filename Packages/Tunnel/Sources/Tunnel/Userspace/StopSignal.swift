import CMnl
import Glibc

/// An eventfd that wakes the datapath threads' `poll` when a tunnel is removed.
final class StopSignal: Sendable {
    /// The eventfd descriptor.
    let fileDescriptor: Int32

    init() {
        fileDescriptor = eventfd(0, Int32(EFD_CLOEXEC) | Int32(EFD_NONBLOCK))
        precondition(fileDescriptor >= 0, "eventfd failed: errno \(errno)")
    }

    deinit {
        close(fileDescriptor)
    }

    /// Wakes every thread polling the signal; it stays readable from then on.
    func fire() {
        var one: UInt64 = 1
        _ = write(fileDescriptor, &one, 8)
    }

    /// Waits until `descriptor` is readable (true) or the signal fired (false).
    func wait(readable descriptor: Int32) -> Bool {
        withUnsafeTemporaryAllocation(of: pollfd.self, capacity: 2) { fds in  // no heap allocation per wait
            fds[0] = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            fds[1] = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
            while true {
                let ready = poll(fds.baseAddress, 2, -1)
                if ready < 0 && errno == EINTR { continue }
                return ready >= 0 && fds[1].revents == 0
            }
        }
    }
}
