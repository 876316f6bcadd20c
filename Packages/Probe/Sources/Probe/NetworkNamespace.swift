#if canImport(Glibc)
    import Glibc
#endif

/// A Linux network namespace, entered for the length of one closure on a thread of its own.
///
/// A socket belongs to the namespace of the thread that created it for its whole life, so the
/// way to probe from namespace N is to open the socket inside ``perform(_:)`` and use it from
/// anywhere afterwards:
///
/// ```swift
/// let socket = try NetworkNamespace(named: "ns-a").perform { () throws(ProbeError) in try ICMPSocket(.raw) }
/// ```
///
/// Entering a namespace (`setns(2)`) needs CAP_SYS_ADMIN; the calling thread and the rest of the
/// process stay where they are.
public struct NetworkNamespace: Hashable, Sendable {
    /// The namespace file, e.g. `/var/run/netns/ns-a` or `/proc/1234/ns/net`.
    public var path: String

    /// `CLONE_NEWNET`.
    private static let cloneNewNet: Int32 = 0x4000_0000

    /// `setns(2)` from the C library, looked up at run time: Glibc declares it only under
    /// `_GNU_SOURCE`, which Swift's Glibc module does not define.
    private static let setns: (@convention(c) (Int32, Int32) -> Int32)? = {
        guard let symbol = dlsym(nil, "setns") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    }()

    /// The namespace `ip netns add NAME` created.
    public init(named name: String) {
        self.path = "/var/run/netns/\(name)"
    }

    /// The namespace behind a namespace file.
    public init(path: String) {
        self.path = path
    }

    /// Runs `body` on a new thread that has entered this namespace, and returns its result.
    ///
    /// - Throws: ``ProbeError/systemCall(call:errno:context:)`` when the namespace cannot be
    ///   opened or entered, or whatever `body` throws.
    public func perform<T: Sendable>(_ body: @escaping @Sendable () throws(ProbeError) -> T) throws(ProbeError) -> T {
        let path = self.path
        return try DedicatedThread.runBlocking(name: "netns \(path)") { () throws(ProbeError) -> T in
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .systemCall(call: "open", errno: errno, context: "network namespace \(path)") }
            defer { close(fd) }
            guard let setns = Self.setns else {
                throw .systemCall(call: "dlsym", errno: ENOSYS, context: "setns in the C library")
            }
            guard setns(fd, Self.cloneNewNet) == 0 else {
                throw .systemCall(call: "setns", errno: errno, context: "network namespace \(path)")
            }
            return try body()
        }
    }
}
