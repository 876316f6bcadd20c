import Glibc
import Models
import Testing

@testable import Tunnel

/// The session's reply handling against a fake socket: typed errors, extended acks,
/// multi-part dumps, interrupted-dump retries, replies to other requests.
@Suite("netlink session replies")
struct NetlinkSessionTests {
    private let spec = GRELinkSpec(
        name: LinuxInterfaceName(constant: "doublezero0"), local: "192.0.2.1", remote: "192.0.2.2")

    @Test(
        "kernel errors map to typed errors",
        arguments: [
            (EEXIST, NetlinkError.exists(operation: "add rule priority 100 from all to all table 100")),
            (ENOENT, .notFound(operation: "add rule priority 100 from all to all table 100")),
            (EPERM, .permissionDenied(operation: "add rule priority 100 from all to all table 100")),
            (
                EOPNOTSUPP,
                .kernel(operation: "add rule priority 100 from all to all table 100", errno: EOPNOTSUPP, message: nil)
            ),
        ])
    func errorMapping(errno: Int32, expected: NetlinkError) {
        let socket = FakeNetlinkSocket()
        socket.replies = [{ FakeNetlinkSocket.error(errno, sequence: $0) }]
        #expect(throws: expected) { try NetlinkSession(socket: socket).addRule(PolicyRule(priority: 100, table: 100)) }
    }

    @Test("EOPNOTSUPP on link creation is 'kernel lacks the link kind'; the extended ack is kept elsewhere")
    func linkKindUnsupported() {
        let socket = FakeNetlinkSocket()
        socket.replies = [{ FakeNetlinkSocket.error(EOPNOTSUPP, sequence: $0, extendedAck: "Unknown device type") }]
        #expect(
            throws: NetlinkError.linkKindUnsupported(
                kind: "gre", operation: "create gre link doublezero0 (192.0.2.1 -> 192.0.2.2)")
        ) {
            try NetlinkSession(socket: socket).createGRELink(spec)
        }
        socket.replies = [{ FakeNetlinkSocket.error(EINVAL, sequence: $0, extendedAck: "Unknown device type") }]
        #expect(throws: NetlinkError.kernel(operation: "set link #7 up", errno: EINVAL, message: "Unknown device type"))
        {
            try NetlinkSession(socket: socket).setLink(index: 7, up: true)
        }
    }

    @Test("replies to other sequence numbers are skipped")
    func otherSequences() throws {
        let socket = FakeNetlinkSocket()
        socket.replies = [
            { FakeNetlinkSocket.error(EEXIST, sequence: $0 &+ 1000) + FakeNetlinkSocket.error(0, sequence: $0) }
        ]
        try NetlinkSession(socket: socket).setLink(index: 3, up: true)
        #expect(socket.sent.count == 1)
    }

    private static func addressReply(_ sequence: UInt32, _ last: UInt8, flags: UInt16 = 2) -> [UInt8] {
        let header: [UInt8] = [2, 32, 0, 0, 5, 0, 0, 0]
        let attributes = NetlinkAttribute.encode([NetlinkAttribute(type: 2, payload: [10, 0, 0, last])])
        return NetlinkMessage(type: 20, flags: flags, sequence: sequence, portID: 0, payload: header + attributes).bytes
    }

    @Test("a dump spans several datagrams until NLMSG_DONE")
    func multipartDump() throws {
        let socket = FakeNetlinkSocket()
        socket.replies = [
            { Self.addressReply($0, 1) + Self.addressReply($0, 2) },
            { Self.addressReply($0, 3) },
            { FakeNetlinkSocket.done(sequence: $0) },
        ]
        let addresses = try NetlinkSession(socket: socket).addresses()
        #expect(addresses.map(\.address) == ["10.0.0.1/32", "10.0.0.2/32", "10.0.0.3/32"])
        #expect(addresses.allSatisfy { $0.interfaceIndex == 5 })
    }

    @Test("an interrupted dump (NLM_F_DUMP_INTR) is restarted, and gives up after the limit")
    func interruptedDump() throws {
        let socket = FakeNetlinkSocket()
        socket.replies = [
            { Self.addressReply($0, 1, flags: 0x12) + FakeNetlinkSocket.done(sequence: $0, flags: 0x12) },
            { Self.addressReply($0, 9) + FakeNetlinkSocket.done(sequence: $0) },
        ]
        let addresses = try NetlinkSession(socket: socket).addresses()
        #expect(addresses.map(\.address) == ["10.0.0.9/32"])
        #expect(socket.sent.count == 2)

        let always = FakeNetlinkSocket()
        always.replies = Array(repeating: { FakeNetlinkSocket.done(sequence: $0, flags: 0x12) }, count: 10)
        #expect(
            throws: NetlinkError.dumpInterrupted(operation: "dump addresses", attempts: NetlinkSession.dumpAttempts)
        ) {
            try NetlinkSession(socket: always).addresses()
        }
        #expect(always.sent.count == NetlinkSession.dumpAttempts)
    }

    @Test("out-of-range rules are refused before anything is sent")
    func ruleRange() {
        let socket = FakeNetlinkSocket()
        #expect(throws: NetlinkError.outOfRange(what: "rule priority", value: 201, allowed: 100...200)) {
            try NetlinkSession(socket: socket).deleteRule(PolicyRule(priority: 201, table: 100))
        }
        #expect(socket.sent.isEmpty)
    }

    @Test("error descriptions name the operation")
    func descriptions() {
        #expect(
            NetlinkError.exists(operation: "add address 10.0.0.1/32 on link #3").description
                == "add address 10.0.0.1/32 on link #3: already exists")
        #expect(
            NetlinkError.linkKindUnsupported(kind: "gre", operation: "create gre link x").description
                == "create gre link x: the kernel lacks gre (no driver for link kind 'gre')")
        #expect(
            NetlinkError.kernel(operation: "op", errno: EINVAL, message: "bad").description
                == "op: Invalid argument (errno 22): bad")
    }
}
