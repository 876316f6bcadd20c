import Glibc
import Models
import Testing
import Tunnel

/// ``NetlinkSession/applyRoutes(_:)`` and ``NetlinkSession/routeLookup(to:)`` against scripted
/// replies: acknowledgements in any order and over several datagrams, per-route errors that do
/// not stop the batch, deletes of absent routes counted as done, packing into datagrams, and a
/// receive-buffer overrun recovered with a barrier and a resend.
@Suite("netlink route batches and lookups")
struct NetlinkRouteBatchTests {
    /// `count` /32 routes from 100.64.0.0 via 169.254.0.0, source 147.51.126.1, protocol bgp.
    static func routes(_ count: Int, table: UInt32 = Route.mainTable) -> [Route] {
        (0..<count).map { index in
            Route(
                destination: IPv4Prefix(uncheckedAddress: IPv4Address(0x6440_0000 + UInt32(index)), length: 32),
                gateway: "169.254.0.0", source: "147.51.126.1", table: table, protocol: .bgp)
        }
    }

    @Test("acknowledgements out of order and spread over several datagrams answer the whole batch")
    func outOfOrderAcknowledgements() throws {
        let socket = ScriptedNetlinkSocket { _, messages in
            let sequences = messages.map(\.sequence).reversed().map { $0 }
            // Three datagrams: the last two requests' acks, then one alone, then the rest.
            return [
                .success(ScriptedNetlinkSocket.acks(Array(sequences[0..<2]))),
                .success(ScriptedNetlinkSocket.acks([sequences[2]])),
                .success(ScriptedNetlinkSocket.acks(Array(sequences[3...]))),
            ]
        }
        socket.datagramsPerReceive = 1
        let changes = Self.routes(6).map(RouteChange.replace)
        let failures = try NetlinkSession(socket: socket).applyRoutes(changes)
        #expect(failures.isEmpty)
        #expect(socket.sent.count == 1)
        #expect(socket.sentMessages.first?.count == 6)
        #expect(Set(socket.sentMessages.first?.map(\.sequence) ?? []).count == 6, "a sequence number each")
        // Every request asks for its acknowledgement.
        #expect(socket.sentMessages.first?.allSatisfy { $0.flags & 0x4 != 0 } == true)
    }

    @Test("per-route errors are reported and the batch goes on; deleting an absent route is success")
    func perRouteErrors() throws {
        let routes = Self.routes(6)
        let changes: [RouteChange] = [
            .replace(routes[0]), .replace(routes[1]), .delete(routes[2]), .delete(routes[3]), .replace(routes[4]),
            .delete(routes[5]),
        ]
        let socket = ScriptedNetlinkSocket { _, messages in
            let s = messages.map(\.sequence)
            return [
                .success(
                    FakeNetlinkSocket.error(0, sequence: s[0])
                        + FakeNetlinkSocket.error(
                            ENETUNREACH, sequence: s[1], extendedAck: "Nexthop has invalid gateway")
                        + FakeNetlinkSocket.error(ESRCH, sequence: s[2])),
                .success(
                    FakeNetlinkSocket.error(ENOENT, sequence: s[3]) + FakeNetlinkSocket.error(EPERM, sequence: s[4])
                        + FakeNetlinkSocket.error(EINVAL, sequence: s[5])),
            ]
        }
        let failures = try NetlinkSession(socket: socket).applyRoutes(changes)
        #expect(
            failures == [
                RouteChangeFailure(
                    change: changes[1], index: 1,
                    error: .kernel(
                        operation: "replace route 100.64.0.1/32 in table 254", errno: ENETUNREACH,
                        message: "Nexthop has invalid gateway")),
                RouteChangeFailure(
                    change: changes[4], index: 4,
                    error: .permissionDenied(operation: "replace route 100.64.0.4/32 in table 254")),
                RouteChangeFailure(
                    change: changes[5], index: 5,
                    error: .kernel(operation: "delete route 100.64.0.5/32 in table 254", errno: EINVAL, message: nil)),
            ])
        #expect(socket.sent.count == 1)
    }

    @Test("10,000 changes go out in datagrams of at most batchBytes, each answered before the next is sent")
    func packing() throws {
        let socket = ScriptedNetlinkSocket()
        let changes = Self.routes(10_000).map(RouteChange.replace) + Self.routes(10, table: 100).map(RouteChange.delete)
        let failures = try NetlinkSession(socket: socket).applyRoutes(changes)
        #expect(failures.isEmpty)
        #expect(socket.sent.count > 1 && socket.sent.count < 10)
        #expect(socket.sent.allSatisfy { $0.count <= NetlinkSession.batchBytes })
        #expect(socket.unreadAtSend.allSatisfy { $0 == 0 })
        let messages = socket.sentMessages.flatMap { $0 }
        #expect(messages.count == changes.count)
        #expect(Set(messages.map(\.sequence)).count == changes.count)
        #expect(messages.map(\.type) == Array(repeating: 24, count: 10_000) + Array(repeating: 25, count: 10))
        // In batch order: the destinations follow the changes.
        let destinations = messages.map { Array($0.payload[16..<20]) }
        #expect(destinations == changes.map { $0.route.destination.address.bytes })
    }

    @Test("an overrun (ENOBUFS) is fenced with a no-op barrier; the unanswered requests are sent again")
    func overrunRecovery() throws {
        let socket = ScriptedNetlinkSocket { datagram, messages in
            let sequences = messages.map(\.sequence)
            switch datagram {
            case 0:
                // The kernel queued the first 3 acks, then dropped the rest: the socket reports ENOBUFS.
                return [
                    .success(ScriptedNetlinkSocket.acks(Array(sequences[0..<3]))),
                    .failure(.system(call: "recvmmsg on netlink", errno: ENOBUFS)),
                ]
            case 1:
                // The barrier: a no-op request of its own asking for an acknowledgement.
                return [.success(ScriptedNetlinkSocket.acks(sequences))]
            default:
                return [.success(ScriptedNetlinkSocket.acks(sequences))]
            }
        }
        let changes = Self.routes(8).map(RouteChange.replace)
        let failures = try NetlinkSession(socket: socket).applyRoutes(changes)
        #expect(failures.isEmpty)
        let sent = socket.sentMessages
        // Resent in datagrams no larger than what was answered (3 requests): 3, then 2.
        try #require(sent.map(\.count) == [8, 1, 3, 2], "batch, barrier, resends")
        #expect(sent[1][0].type == 1 && sent[1][0].flags == 0x5, "NLMSG_NOOP, request + ack")
        let resent = sent[2...].flatMap { $0 }
        #expect(resent.map { Array($0.payload[16..<20]) } == changes[3...].map { $0.route.destination.address.bytes })
        #expect(
            resent.map { $0.bytes[16...] } == sent[0][3...].map { $0.bytes[16...] },
            "the same requests again, with fresh sequence numbers")
        #expect(Set(sent.flatMap { $0 }.map(\.sequence)).count == 14)
    }

    @Test("the fence's own acknowledgement dropped: what is queued is read, and a second fence is sent")
    func fenceDropped() throws {
        let socket = ScriptedNetlinkSocket { datagram, messages in
            let sequences = messages.map(\.sequence)
            switch datagram {
            case 0:
                return [
                    .success(ScriptedNetlinkSocket.acks(Array(sequences[0..<2]))),
                    .failure(.system(call: "recvmmsg on netlink", errno: ENOBUFS)),
                    .success(ScriptedNetlinkSocket.acks([sequences[2]])),
                ]
            case 1: return [.failure(.system(call: "recvmmsg on netlink", errno: ENOBUFS))]
            default: return [.success(ScriptedNetlinkSocket.acks(sequences))]
            }
        }
        let changes = Self.routes(6).map(RouteChange.replace)
        let failures = try NetlinkSession(socket: socket).applyRoutes(changes)
        #expect(failures.isEmpty)
        let sent = socket.sentMessages
        try #require(sent.map(\.count) == [6, 1, 1, 3], "batch, fence, fence, resend")
        #expect(sent[1].map(\.type) == [1] && sent[2].map(\.type) == [1])
        #expect(sent[3].map { Array($0.payload[16..<20]) } == changes[3...].map { $0.route.destination.address.bytes })
    }

    @Test("acknowledgements dropped again and again end in a typed ENOBUFS error")
    func persistentOverrun() {
        let socket = ScriptedNetlinkSocket { _, messages in
            messages.first?.type == 1
                ? [.success(ScriptedNetlinkSocket.acks(messages.map(\.sequence)))]
                : [.failure(.system(call: "recvmmsg on netlink", errno: ENOBUFS))]
        }
        #expect(
            throws: NetlinkError.system(
                call: "recvmmsg on netlink (acknowledgements of a batch dropped)", errno: ENOBUFS)
        ) {
            _ = try NetlinkSession(socket: socket).applyRoutes(Self.routes(3).map(RouteChange.replace))
        }
    }

    @Test("errors only: refusals are matched, the closing no-op's answer makes every other request a success")
    func errorsOnly() throws {
        let routes = Self.routes(5)
        let changes: [RouteChange] = [
            .replace(routes[0]), .replace(routes[1]), .delete(routes[2]), .delete(routes[3]), .replace(routes[4]),
        ]
        let socket = ScriptedNetlinkSocket { _, messages in
            let s = messages.map(\.sequence)
            return [
                .success(
                    FakeNetlinkSocket.error(ENETUNREACH, sequence: s[1])
                        + FakeNetlinkSocket.error(ESRCH, sequence: s[3])),
                .success(ScriptedNetlinkSocket.acks([s[5]])),
            ]
        }
        socket.datagramsPerReceive = 1
        let failures = try NetlinkSession(socket: socket).applyRoutes(changes, acknowledgement: .errorsOnly)
        #expect(
            failures == [
                RouteChangeFailure(
                    change: changes[1], index: 1,
                    error: .kernel(
                        operation: "replace route 100.64.0.1/32 in table 254", errno: ENETUNREACH, message: nil))
            ])
        let sent = socket.sentMessages
        #expect(sent.count == 1)
        #expect(sent.first?.dropLast().allSatisfy { $0.flags & 0x4 == 0 } == true, "no request asks for an ack")
        #expect(sent.first?.last?.type == 1, "closed by NLMSG_NOOP")
    }

    @Test("errors only: 10,000 changes in datagrams of at most batchBytes, each closed by its own no-op")
    func errorsOnlyPacking() throws {
        let socket = ScriptedNetlinkSocket { _, messages in
            [.success(ScriptedNetlinkSocket.acks([messages.last?.sequence ?? 0]))]
        }
        let failures = try NetlinkSession(socket: socket).applyRoutes(
            Self.routes(10_000).map(RouteChange.replace), acknowledgement: .errorsOnly)
        #expect(failures.isEmpty)
        #expect(socket.sent.count > 1)
        #expect(socket.sent.allSatisfy { $0.count <= NetlinkSession.batchBytes })
        #expect(socket.sentMessages.allSatisfy { $0.last?.type == 1 && $0.dropLast().allSatisfy { $0.type == 24 } })
        #expect(socket.sentMessages.map { $0.count - 1 }.reduce(0, +) == 10_000)
    }

    @Test(
        "errors only: after an overrun the closing no-op proves nothing; every request without a refusal is sent again")
    func errorsOnlyOverrun() throws {
        let socket = ScriptedNetlinkSocket { datagram, messages in
            let sequences = messages.map(\.sequence)
            switch datagram {
            case 0:
                // A refusal of request 0 survived; something else was dropped; the closing ack made it.
                return [
                    .failure(.system(call: "recvmmsg on netlink", errno: ENOBUFS)),
                    .success(FakeNetlinkSocket.error(EINVAL, sequence: sequences[0])),
                    .success(ScriptedNetlinkSocket.acks([sequences.last!])),
                ]
            case 1:
                return [.success(ScriptedNetlinkSocket.acks(sequences))]  // the fence
            default:
                return [.success(ScriptedNetlinkSocket.acks([sequences.last!]))]
            }
        }
        socket.datagramsPerReceive = 1
        let changes = Self.routes(4).map(RouteChange.replace)
        let failures = try NetlinkSession(socket: socket).applyRoutes(changes, acknowledgement: .errorsOnly)
        #expect(failures.map(\.index) == [0])
        let sent = socket.sentMessages
        // One refusal was all the buffer held: the other three go again, one per datagram.
        try #require(sent.map(\.count) == [5, 1, 2, 2, 2], "batch, fence, resends")
        #expect(sent[1].map(\.type) == [1])
        #expect(sent[2...].allSatisfy { $0.last?.type == 1 }, "each resend closed by its no-op")
        #expect(
            sent[2...].flatMap { $0.dropLast() }.map { Array($0.payload[16..<20]) }
                == changes[1...].map { $0.route.destination.address.bytes })
    }

    @Test("an empty batch sends nothing")
    func emptyBatch() throws {
        let socket = ScriptedNetlinkSocket()
        #expect(try NetlinkSession(socket: socket).applyRoutes([]).isEmpty)
        #expect(socket.sent.isEmpty)
    }

    @Test("route lookup: unreachable is nil, other refusals are typed errors")
    func lookupErrors() throws {
        let socket = FakeNetlinkSocket()
        socket.replies = [{ FakeNetlinkSocket.error(ENETUNREACH, sequence: $0) }]
        #expect(try NetlinkSession(socket: socket).routeLookup(to: "198.51.100.1") == nil)
        socket.replies = [{ FakeNetlinkSocket.error(EHOSTUNREACH, sequence: $0) }]
        #expect(try NetlinkSession(socket: socket).routeLookup(to: "198.51.100.1") == nil)
        socket.replies = [{ FakeNetlinkSocket.error(EACCES, sequence: $0) }]
        #expect(throws: NetlinkError.permissionDenied(operation: "look up the route to 198.51.100.1")) {
            try NetlinkSession(socket: socket).routeLookup(to: "198.51.100.1")
        }
    }
}
