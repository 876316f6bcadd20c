import Models
import Testing

@testable import Tunnel

/// Replies no kernel sends but a parser must survive, found by the netlink fuzz target
/// (`make fuzz-netlink`): each is a typed error, never a trap.
@Suite("netlink session: malformed replies")
struct NetlinkMalformedReplyTests {
    /// One dump part of `type` with `payload`, then `NLMSG_DONE`.
    private static func dump(_ type: UInt16, _ payload: [UInt8]) -> FakeNetlinkSocket.Reply {
        {
            NetlinkMessage(type: type, flags: 2, sequence: $0, portID: 0, payload: payload).bytes
                + FakeNetlinkSocket.done(sequence: $0)
        }
    }

    @Test("an address with a prefix length above 32 is a malformed reply")
    func addressPrefixLength() {
        let socket = FakeNetlinkSocket()
        let attributes = NetlinkAttribute.encode([NetlinkAttribute(type: 2, payload: [10, 0, 0, 1])])
        socket.replies = [Self.dump(20, [2, 33, 0, 0, 5, 0, 0, 0] + attributes)]
        #expect(throws: NetlinkError.malformedReply(operation: "dump addresses", reason: "bad RTM_NEWADDR")) {
            try NetlinkSession(socket: socket).addresses()
        }
    }

    @Test("a route of the table asked for with a destination longer than /32 is a malformed reply")
    func routePrefixLength() {
        let socket = FakeNetlinkSocket()
        let attributes = NetlinkAttribute.encode([NetlinkAttribute(type: 1, payload: [10, 1, 0, 0])])
        socket.replies = [Self.dump(24, [2, 200, 0, 0, 254, 4, 0, 1, 0, 0, 0, 0] + attributes)]
        #expect(
            throws: NetlinkError.malformedReply(
                operation: "dump routes of table 254", reason: "RTM_NEWROUTE with a /200 destination")
        ) {
            try NetlinkSession(socket: socket).routes(table: 254)
        }
    }

    @Test("a rule with a prefix length above 32 is a malformed reply")
    func rulePrefixLength() {
        let socket = FakeNetlinkSocket()
        let attributes = NetlinkAttribute.encode([NetlinkAttribute(type: 2, payload: [169, 254, 0, 1])])
        socket.replies = [Self.dump(32, [2, 0, 64, 0, 100, 0, 0, 1, 0, 0, 0, 0] + attributes)]
        #expect(
            throws: NetlinkError.malformedReply(
                operation: "dump rules", reason: "RTM_NEWRULE with a prefix length above 32")
        ) {
            try NetlinkSession(socket: socket).rules()
        }
    }

    @Test("an error code of Int32.min is a kernel error (its negation would overflow)")
    func smallestErrorCode() {
        let socket = FakeNetlinkSocket()
        socket.replies = [
            {
                NetlinkMessage(
                    type: 2, flags: 0x100, sequence: $0, portID: 0,
                    payload: NetlinkMessage.le32(0x8000_0000) + [UInt8](repeating: 0, count: 16)
                ).bytes
            }
        ]
        #expect(throws: NetlinkError.kernel(operation: "set link #7 up", errno: Int32.max, message: nil)) {
            try NetlinkSession(socket: socket).setLink(index: 7, up: true)
        }
    }
}
