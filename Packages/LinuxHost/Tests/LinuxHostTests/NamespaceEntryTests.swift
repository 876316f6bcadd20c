import Foundation
import LinuxHost
import Testing

/// Opening and entering namespaces; the live tests (root, iproute2) create their own namespace
/// and delete it even when they fail.
@Suite("Network namespaces")
struct NamespaceEntryTests {
    /// Why a live test cannot run: it fails instead of skipping.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

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
    func bodyRunsInside() throws {
        try Self.withScratchNamespace { name in
            let namespace = try NetworkNamespace(named: name)
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
    func bodyError() throws {
        try Self.withScratchNamespace { name in
            let result = try NetworkNamespace(named: name).perform { () throws(Refusal) -> Int in throw Refusal() }
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

    /// Creates a namespace with `ip netns add`, runs `body` with its name, and deletes it.
    static func withScratchNamespace(_ body: (String) throws -> Void) throws {
        guard getuid() == 0 else { throw Unavailable(description: "this live test needs root (network namespaces)") }
        let name = "linuxhost-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try ip(["netns", "add", name])
        defer { try? ip(["netns", "delete", name]) }
        try body(name)
    }

    /// Runs `ip ARGUMENTS`; throws when it cannot run or fails.
    static func ip(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ip"] + arguments
        do { try process.run() } catch { throw Unavailable(description: "this live test needs iproute2: \(error)") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let command = "ip " + arguments.joined(separator: " ")
            throw Unavailable(description: "`\(command)` exited with \(process.terminationStatus)")
        }
    }
}
