import FuzzSupport
import Tunnel

/// Kernel replies to each ``NetlinkQuery`` of the netlink target: the query byte and its
/// arguments, the stamp flag (1: the socket stamps sequence numbers), then framed datagrams.
enum NetlinkSeeds {
    // Message types, attribute types and flags of linux/netlink.h, rtnetlink.h, if_link.h,
    // if_addr.h and fib_rules.h (the seeds do not see CMnl).
    static let nlmsgError: UInt16 = 2
    static let nlmsgDone: UInt16 = 3
    static let newLink: UInt16 = 16
    static let newAddress: UInt16 = 20
    static let newRoute: UInt16 = 24
    static let newRule: UInt16 = 32
    static let multipart: UInt16 = 2
    static let dumpInterrupted: UInt16 = 0x10
    static let capped: UInt16 = 0x100
    static let acknowledgementTLVs: UInt16 = 0x200

    static var all: [(name: String, bytes: [UInt8])] {
        let gre = link(index: 7, name: "doublezero0", mtu: 1476, kind: "gre")
        let loopback = link(index: 1, name: "lo", mtu: 65536, kind: nil)
        return [
            ("links", [0, 1] + frames([gre + loopback, done()])),
            ("links-interrupted", [0, 1] + frames([gre, done(flags: multipart | dumpInterrupted), loopback, done()])),
            ("link", [1, 1] + frames([gre])),
            ("link-not-found", [1, 1] + frames([error(-19)])),
            (
                "addresses",
                [2, 0, 1]
                    + frames([address(index: 7, [169, 254, 0, 1], 31) + address(index: 1, [127, 0, 0, 1], 8), done()])
            ),
            ("addresses-of-one", [2, 1, 7, 1] + frames([address(index: 7, [169, 254, 0, 1], 31), done()])),
            (
                "routes",
                [3] + le32(254).reversed() + [1, 186, 1]
                    + frames([route(table: 254, protocol: 186), route(table: 100, protocol: 4), done()])
            ),
            ("route-lookup", [4, 8, 8, 8, 8, 1] + frames([route(table: 254, protocol: 2)])),
            ("route-lookup-unreachable", [4, 8, 8, 8, 8, 1] + frames([error(-101)])),
            ("rules", [5, 1] + frames([rule(priority: 100, table: 100), done()])),
            ("add-route-exists", [6, 10, 1, 0, 0, 24, 0, 0, 254, 1] + frames([error(-17, message: "File exists")])),
            ("add-route-ack", [6, 10, 1, 0, 0, 24, 1, 169, 254, 0, 0, 0, 254, 1] + frames([error(0)])),
            ("create-gre-unsupported", [7, 192, 0, 2, 1, 198, 51, 100, 1, 1] + frames([error(-95)])),
            (
                "apply-routes",
                [8, 2] + [0, 10, 1, 0, 0, 24, 0, 0, 254] + [1, 10, 2, 0, 0, 24, 0, 0, 254]
                    + [1, 10, 3, 0, 0, 24, 0, 0, 254] + [0, 1] + frames([error(0) + error(-3) + error(-22)])
            ),
            ("apply-routes-overrun", [8, 0, 0, 10, 1, 0, 0, 24, 0, 0, 254, 1, 1] + frames([[], error(0), error(0)])),
        ]
    }

    static func frames(_ datagrams: [[UInt8]]) -> [UInt8] { datagrams.flatMap(FuzzInput.frame) }

    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }

    static func message(_ type: UInt16, flags: UInt16 = 0, _ payload: [UInt8]) -> [UInt8] {
        NetlinkMessage(type: type, flags: flags, sequence: 0, portID: 0, payload: payload).bytes
    }

    static func done(flags: UInt16 = multipart) -> [UInt8] { message(nlmsgDone, flags: flags, le32(0)) }

    /// `NLMSG_ERROR` with `code` (0: an acknowledgement) and a capped request header, with an
    /// extended-ack message when `message` is given.
    static func error(_ code: Int32, message text: String? = nil) -> [UInt8] {
        var payload = le32(UInt32(bitPattern: code)) + [UInt8](repeating: 0, count: 16)
        var flags = capped
        if let text {
            flags |= acknowledgementTLVs
            payload += NetlinkAttribute.encode([NetlinkAttribute(type: 1, payload: Array(text.utf8) + [0])])
        }
        return message(nlmsgError, flags: flags, payload)
    }

    /// `RTM_NEWLINK`: ifinfomsg, name, MTU and, for a kind, the link info (GRE endpoints).
    static func link(index: Int32, name: String, mtu: UInt32, kind: String?) -> [UInt8] {
        let header: [UInt8] = [0, 0, 0, 0] + le32(UInt32(bitPattern: index)) + le32(0x1043) + le32(0)
        var attributes = [
            NetlinkAttribute(type: 3, payload: Array(name.utf8) + [0]), NetlinkAttribute(type: 4, payload: le32(mtu)),
        ]
        if let kind {
            let data = NetlinkAttribute.encode([
                NetlinkAttribute(type: 6, payload: [192, 0, 2, 1]),
                NetlinkAttribute(type: 7, payload: [198, 51, 100, 1]),
            ])
            let info = NetlinkAttribute.encode([
                NetlinkAttribute(type: 1, payload: Array(kind.utf8)), NetlinkAttribute(type: 2, payload: data),
            ])
            attributes.append(NetlinkAttribute(type: 18, payload: info))
        }
        return message(newLink, flags: multipart, header + NetlinkAttribute.encode(attributes))
    }

    /// `RTM_NEWADDR`: ifaddrmsg (AF_INET) and the local address.
    static func address(index: UInt32, _ address: [UInt8], _ length: UInt8) -> [UInt8] {
        let header: [UInt8] = [2, length, 0, 0] + le32(index)
        let attributes = NetlinkAttribute.encode([
            NetlinkAttribute(type: 1, payload: address), NetlinkAttribute(type: 2, payload: address),
        ])
        return message(newAddress, flags: multipart, header + attributes)
    }

    /// `RTM_NEWROUTE`: rtmsg (AF_INET, /24, unicast) and destination, gateway, source, interface, table.
    static func route(table: UInt32, protocol: UInt8) -> [UInt8] {
        let header: [UInt8] = [2, 24, 0, 0, UInt8(min(table, 252)), `protocol`, 0, 1] + le32(0)
        let attributes = NetlinkAttribute.encode([
            NetlinkAttribute(type: 1, payload: [10, 1, 0, 0]), NetlinkAttribute(type: 5, payload: [169, 254, 0, 0]),
            NetlinkAttribute(type: 7, payload: [147, 51, 126, 1]), NetlinkAttribute(type: 4, payload: le32(7)),
            NetlinkAttribute(type: 15, payload: le32(table)),
        ])
        return message(newRoute, flags: multipart, header + attributes)
    }

    /// `RTM_NEWRULE`: fib_rule_hdr (AF_INET, from a /31) and priority, source, table, protocol.
    static func rule(priority: UInt32, table: UInt32) -> [UInt8] {
        let header: [UInt8] = [2, 0, 31, 0, 0, 0, 0, 1] + le32(0)
        let attributes = NetlinkAttribute.encode([
            NetlinkAttribute(type: 6, payload: le32(priority)), NetlinkAttribute(type: 2, payload: [169, 254, 0, 1]),
            NetlinkAttribute(type: 15, payload: le32(table)), NetlinkAttribute(type: 21, payload: [186]),
        ])
        return message(newRule, flags: multipart, header + attributes)
    }
}
