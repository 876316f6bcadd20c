/// Why bytes off the wire could not be read as the packet they were expected to be.
public enum PacketDecodingError: Error, Hashable, Sendable {
    /// `packet` needs at least `needed` bytes and only `length` arrived.
    case truncated(packet: String, length: Int, needed: Int)
    /// The ICMP message is not an echo request or reply (`type`/`code` as received).
    case notEcho(type: UInt8, code: UInt8)
    /// The ICMP checksum does not match the message (`received` is the field's value).
    case badChecksum(received: UInt16)
}

extension PacketDecodingError: CustomStringConvertible {
    /// A one-line explanation naming the packet and the fault.
    public var description: String {
        switch self {
        case .truncated(let packet, let length, let needed):
            "\(packet) truncated: \(length) bytes, at least \(needed) needed"
        case .notEcho(let type, let code):
            "ICMP message type \(type) code \(code) is not an echo request (8/0) or reply (0/0)"
        case .badChecksum(let received):
            "ICMP checksum 0x\(String(received, radix: 16)) does not match the message"
        }
    }
}
