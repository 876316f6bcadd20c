import Foundation
import LinuxHost
import LinuxHostTesting
import Testing

/// Opening and entering namespaces; the live tests (root, iproute2) create their own namespace
/// (a ``ScratchNamespace``) and delete it even when they fail.
@Suite("Network namespaces")
struct NamespaceEntryTests {
    /// A failure a body throws, to check it comes back typed.
    struct Refusal: Error, Equatable {}

    @Test("a namespace that does not exist is a typed error naming it")
    func missingNamespace() {
        #expect(throws: NamespaceError.cannotOpen(path: "/run/netns/linuxhost-no-such", errno: ENOENT)) {
            try NetworkNamespace(named: "linuxhost-no-such")
        }
        #expect(
            "\(NamespaceError.cannotOpen(path: "/run/netns/x", errno: ENOENT))"
                == "cannot open network namespace /run/netns/x: No such file or directory (errno 2)")
    }

    @Test("a file that is not a namespace cannot be entered, and the body does not run")
    func notANamespace() throws {
        let namespace = try NetworkNamespace(path: "/dev/null")
        #expect(namespace.path == "/dev/null")
        #expect(throws: NamespaceError.cannotEnter(path: "/dev/null", errno: EINVAL)) {
            _ = try namespace.perform { () -> Bool in
                Issue.record("the body ran although the namespace was not entered")
                return true
            }
        }
    }

    @Test("a handle is named by its descriptor unless told otherwise")
    func handleName() {
        let descriptor = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)
        let namespace = NetworkNamespace(handle: descriptor)
        #expect(namespace.path == "/proc/self/fd/\(descriptor)")
        #expect(namespace.fileDescriptor == descriptor)
    }

    @Test("the body runs inside the namespace; the caller's thread stays where it was (root)")
    func bodyRunsInside() async throws {
        try await ScratchNamespace.with(names: [Self.scratchName()]) { scratch in
            let namespace = scratch[0].namespace
            let outside = Self.currentNamespace()
            let inside = try namespace.perform { Self.currentNamespace() }.get()
            #expect(inside.hasPrefix("net:["))
            #expect(inside != outside)
            // `ip netns add` bind-mounts the namespace at its path: the same inode.
            var info = stat()
            try #require(stat(namespace.path, &info) == 0)
            #expect(inside == "net:[\(info.st_ino)]")
            #expect(Self.currentNamespace() == outside)
            // A socket made inside sees the namespace's own devices: only `lo`, which is down.
            let interfaces = try namespace.perform { Self.interfaceNames() }.get()
            #expect(interfaces == ["lo"])
        }
    }

    @Test("the body's own error comes back typed in the result (root)")
    func bodyError() async throws {
        try await ScratchNamespace.with(names: [Self.scratchName()]) { scratch in
            let result = try scratch[0].namespace.perform { () throws(Refusal) -> Int in throw Refusal() }
            #expect(throws: Refusal()) { try result.get() }
        }
    }

    /// The calling thread's network namespace, as `net:[INODE]`.
    static func currentNamespace() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self/ns/net")) ?? ""
    }

    /// The names of the interfaces the calling thread's namespace has.
    static func interfaceNames() -> [String] {
        guard let list = if_nameindex() else { return [] }
        defer { if_freenameindex(list) }
        var names: [String] = []
        var entry = list
        while entry.pointee.if_index != 0 {
            names.append(String(cString: entry.pointee.if_name))
            entry += 1
        }
        return names
    }

    /// A namespace name no other test run uses.
    static func scratchName() -> String {
        "linuxhost-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }
}
