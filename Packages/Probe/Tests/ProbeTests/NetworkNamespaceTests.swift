import Foundation
import Testing

@testable import Probe

/// Entering namespaces, one pass at a time, and the loud failure of live-test prerequisites.
@Suite("Namespaces and prober guards")
struct NetworkNamespaceTests {
    @Test("a namespace that does not exist is a typed error naming it")
    func missingNamespace() {
        let namespace = NetworkNamespace(named: "probe-no-such-namespace")
        #expect(namespace.path == "/var/run/netns/probe-no-such-namespace")
        #expect(
            throws: ProbeError.systemCall(
                call: "open", errno: ENOENT, context: "network namespace /var/run/netns/probe-no-such-namespace")
        ) {
            try namespace.perform { () throws(ProbeError) in 1 }
        }
    }

    @Test("a missing tool makes live tests fail with a message naming it (root)")
    func missingToolFailsLoudly() {
        do {
            try TestNetwork.requireLiveTestPrerequisites(tools: ["probe-no-such-tool"])
            Issue.record("a missing tool was accepted")
        } catch {
            // As root the user check passes, so the failure must be the tool lookup's.
            #expect(
                "\(error)"
                    == "live probe tests need `probe-no-such-tool` on PATH (Debian: iproute2, iputils-ping, nftables, procps)"
            )
        }
    }

    @Test("the body runs inside the target namespace, not the caller's (root)")
    func bodyRunsInsideNamespace() async throws {
        try await TestNetwork.with { network in
            let outside = Self.readLink("/proc/thread-self/ns/net")
            let inside = try network.clientNamespace.perform { () throws(ProbeError) in
                Self.readLink("/proc/thread-self/ns/net")
            }
            #expect(inside.hasPrefix("net:["))
            #expect(inside != outside)
            // `ip netns add` bind-mounts the namespace at its path: same inode as the namespace.
            let target = try #require(Self.inode(network.clientNamespace.path))
            #expect(inside == "net:[\(target)]")
        }
    }

    @Test("a second pass on a busy prober is refused (root)")
    func onePassAtATime() async throws {
        try await TestNetwork.with { network in
            let socket = try network.clientNamespace.perform { () throws(ProbeError) in try ICMPSocket(.raw) }
            let prober = try ICMPEchoProber(
                socket: socket, configuration: .init(count: 1, interval: .zero, timeout: .seconds(3)))
            // Nobody answers 10.77.0.9, so the first pass holds the prober for the whole 3 s.
            let silent = ProbeTarget(device: .zero, deviceCode: "silent", address: "10.77.0.9")
            let target = ProbeTarget(device: .zero, deviceCode: "srv", address: network.serverAddress)
            async let first = prober.probe([silent])
            for _ in 0..<250 where !prober.isProbing { try await Task.sleep(for: .milliseconds(10)) }
            try #require(prober.isProbing)
            await #expect(throws: ProbeError.passInProgress) { try await prober.probe([target]) }
            #expect(try await first.first?.statistics.received == 0)
            #expect(!prober.isProbing)
            // Afterwards the prober is free again.
            #expect(try await prober.probe([target]).first?.statistics.received == 1)
        }
    }

    /// The inode number of a file, or nil when it cannot be read.
    static func inode(_ path: String) -> UInt64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt64(info.st_ino)
    }

    /// The target of a symbolic link, or "" when it cannot be read.
    static func readLink(_ path: String) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? ""
    }
}
