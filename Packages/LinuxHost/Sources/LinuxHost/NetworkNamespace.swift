import CLinuxHost
import Glibc

/// A Linux network namespace, held open by a file descriptor (a "handle"), and the one way of
/// doing work inside it.
///
/// **The thread-pinning rule.** `setns(2)` moves the *calling thread* into a namespace, and only
/// that thread; the rest of the process stays where it was. So work in a namespace runs on a
/// dedicated thread that entered it: ``perform(_:)`` starts a ``DedicatedThread``, enters this
/// namespace on it, runs the body there and lets the thread end with the body. The caller's
/// thread — often one of Swift concurrency's pooled threads, which other tasks reuse — never
/// changes namespace, so no later work can run in the wrong one by accident. Do not call
/// `setns` on a thread you do not own.
///
/// What is created inside stays inside: a socket, a netlink socket or a TUN device belongs for
/// its whole life to the namespace of the thread that created it, and may be used from any
/// thread afterwards. Create it in ``perform(_:)`` and use it anywhere:
///
/// ```swift
/// let namespace = try NetworkNamespace(named: "ns-a")
/// let socket = try namespace.perform { () throws(ProbeError) in try ICMPSocket(.raw) }.get()
/// ```
///
/// Entering a namespace needs CAP_SYS_ADMIN. The handle keeps the namespace alive even when its
/// name is deleted meanwhile; it is closed when the value is released.
public final class NetworkNamespace: Sendable {
    /// Where `ip netns add NAME` puts the namespace file `NAME`.
    public static let namedDirectory = "/run/netns"

    /// The open namespace file.
    public let fileDescriptor: Int32
    /// The namespace file, e.g. `/run/netns/ns-a` or `/proc/1234/ns/net` (for messages).
    public let path: String

    /// Takes ownership of an open namespace file descriptor; `path` names it in messages
    /// (`/proc/self/fd/N` by default).
    public init(handle fileDescriptor: Int32, path: String? = nil) {
        self.fileDescriptor = fileDescriptor
        self.path = path ?? "/proc/self/fd/\(fileDescriptor)"
    }

    /// Opens a namespace file such as `/proc/1234/ns/net`.
    ///
    /// - Throws: ``NamespaceError/cannotOpen(path:errno:)``.
    public convenience init(path: String) throws(NamespaceError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, errno: errno) }
        self.init(handle: descriptor, path: path)
    }

    /// Opens the namespace `ip netns add NAME` created (`/run/netns/NAME`).
    ///
    /// - Throws: ``NamespaceError/cannotOpen(path:errno:)`` (ENOENT when there is none).
    public convenience init(named name: String) throws(NamespaceError) {
        try self.init(path: "\(Self.namedDirectory)/\(name)")
    }

    deinit {
        close(fileDescriptor)
    }

    /// Runs `body` on a new thread that has entered this namespace, blocks until it returns,
    /// and hands back what it returned or threw.
    ///
    /// Keep the body short (create sockets and devices, then return them): the caller's thread
    /// waits for it.
    ///
    /// - Returns: the body's result, or its error, as a `Result` (`.get()` rethrows it typed).
    /// - Throws: ``NamespaceError/cannotEnter(path:errno:)`` when the thread could not
    ///   enter the namespace; the body has not run then.
    public func perform<T: Sendable, E: Error>(
        _ body: @escaping @Sendable () throws(E) -> T
    ) throws(NamespaceError) -> Result<T, E> {
        // The closure holds `self`, so the descriptor stays open until the thread is done.
        try DedicatedThread.runBlocking(name: "netns") { () throws(NamespaceError) -> Result<T, E> in
            guard clinuxhost_enter_network_namespace(self.fileDescriptor) == 0 else {
                throw .cannotEnter(path: self.path, errno: errno)
            }
            return Result { () throws(E) -> T in try body() }
        }
    }
}
