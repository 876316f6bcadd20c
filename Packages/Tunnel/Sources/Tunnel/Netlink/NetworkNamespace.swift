import CMnl
import Glibc

/// A network namespace, held open by a file descriptor (a "handle").
///
/// Sockets and TUN devices belong to the namespace current on the thread that creates them;
/// ``perform(_:)`` runs such creation code inside this namespace and returns to the caller's.
public final class NetworkNamespace: Sendable {
    /// The open namespace file (`/run/netns/NAME`, `/proc/PID/ns/net`, ...).
    public let fileDescriptor: Int32
    /// Where the handle came from, for messages.
    public let label: String

    /// Takes ownership of an open namespace file descriptor.
    public init(handle fileDescriptor: Int32, label: String = "handle") {
        self.fileDescriptor = fileDescriptor
        self.label = label
    }

    /// Opens a namespace file such as `/proc/1234/ns/net`.
    public convenience init(path: String) throws(NetlinkError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(call: "open(\(path))", errno: errno) }
        self.init(handle: descriptor, label: path)
    }

    /// Opens a namespace created by `ip netns add NAME` (`/run/netns/NAME`).
    public convenience init(named name: String) throws(NetlinkError) {
        try self.init(path: "/run/netns/\(name)")
    }

    deinit {
        close(fileDescriptor)
    }

    /// Runs `body` on the calling thread inside this namespace, then returns to the original one.
    ///
    /// `body` must not suspend or hand work to other threads: the switch is per thread.
    public func perform<T>(_ body: () throws(NetlinkError) -> T) throws(NetlinkError) -> T {
        let original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard original >= 0 else { throw .system(call: "open(/proc/thread-self/ns/net)", errno: errno) }
        defer { close(original) }
        guard cmnl_setns_network(fileDescriptor) == 0 else {
            throw .system(call: "setns(\(label))", errno: errno)
        }
        defer {
            // Staying in the wrong namespace would silently misdirect every later socket.
            precondition(cmnl_setns_network(original) == 0, "cannot return to the original network namespace")
        }
        return try body()
    }
}
