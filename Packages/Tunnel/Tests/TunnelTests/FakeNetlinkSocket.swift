import Tunnel

/// A netlink socket that records requests and answers from a queue of canned replies, each
/// stamped with the sequence number of the latest request; an empty queue answers with an ack.
final class FakeNetlinkSocket: NetlinkSocket {
    /// Builds a reply datagram for the request with this sequence number.
    typealias Reply = @Sendable (_ sequence: UInt32) -> [UInt8]

    private(set) var sent: [[UInt8]] = []
    var replies: [Reply] = []

    func send(_ message: [UInt8]) throws(NetlinkError) {
        sent.append(message)
    }

    func receive() throws(NetlinkError) -> [UInt8] {
        let sequence = sent.last.map {
            UInt32($0[8]) | UInt32($0[9]) << 8 | UInt32($0[10]) << 16 | UInt32($0[11]) << 24
        }
        guard let sequence else { throw .system(call: "receive before send", errno: 0) }
        if replies.isEmpty { return Self.error(0, sequence: sequence) }
        return replies.removeFirst()(sequence)
    }

    /// An `NLMSG_ERROR` carrying `-errno` (0 is an ack) and a capped copy of a request header.
    static func error(_ errno: Int32, sequence: UInt32, extendedAck: String? = nil) -> [UInt8] {
        var payload = NetlinkMessage.le32(UInt32(bitPattern: -errno)) + [UInt8](repeating: 0, count: 16)
        var flags: UInt16 = 0x100  // NLM_F_CAPPED
        if let extendedAck {
            flags |= 0x200  // NLM_F_ACK_TLVS
            payload += NetlinkAttribute.encode([NetlinkAttribute(type: 1, payload: Array(extendedAck.utf8) + [0])])
        }
        return NetlinkMessage(type: 2, flags: flags, sequence: sequence, portID: 0, payload: payload).bytes
    }

    /// `NLMSG_DONE`, ending a dump.
    static func done(sequence: UInt32, flags: UInt16 = 2) -> [UInt8] {
        NetlinkMessage(type: 3, flags: flags, sequence: sequence, portID: 0, payload: [0, 0, 0, 0]).bytes
    }
}

extension NetlinkMessage {
    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
}
