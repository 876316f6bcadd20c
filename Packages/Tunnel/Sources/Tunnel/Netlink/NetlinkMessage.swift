/// One netlink message read from a reply datagram: its header fields and its payload.
public struct NetlinkMessage: Hashable, Sendable {
    /// `nlmsg_type`.
    public var type: UInt16
    /// `nlmsg_flags`.
    public var flags: UInt16
    /// `nlmsg_seq`: the sequence number of the request this answers.
    public var sequence: UInt32
    /// `nlmsg_pid`.
    public var portID: UInt32
    /// Everything after the 16-byte header.
    public var payload: [UInt8]

    /// The length of `struct nlmsghdr`.
    public static let headerLength = 16

    /// A message with these fields.
    public init(type: UInt16, flags: UInt16, sequence: UInt32, portID: UInt32, payload: [UInt8]) {
        self.type = type
        self.flags = flags
        self.sequence = sequence
        self.portID = portID
        self.payload = payload
    }

    /// The message's bytes, padded to four bytes.
    public var bytes: [UInt8] {
        let length = Self.headerLength + payload.count
        var bytes = Self.le32(UInt32(length)) + Self.le16(type) + Self.le16(flags) + Self.le32(sequence)
        bytes += Self.le32(portID) + payload
        return bytes + [UInt8](repeating: 0, count: (4 - length % 4) % 4)
    }

    /// Splits a datagram into its messages.
    public static func split(_ datagram: [UInt8]) throws(NetlinkAttributeError) -> [NetlinkMessage] {
        var messages: [NetlinkMessage] = []
        var offset = 0
        while datagram.count - offset >= headerLength {
            let length = Int(read32(datagram, offset))
            guard length >= headerLength, offset + length <= datagram.count else {
                throw .badLength(offset: offset, length: length)
            }
            messages.append(
                NetlinkMessage(
                    type: UInt16(truncatingIfNeeded: read32(datagram, offset + 4)),
                    flags: UInt16(truncatingIfNeeded: read32(datagram, offset + 4) >> 16),
                    sequence: read32(datagram, offset + 8),
                    portID: read32(datagram, offset + 12),
                    payload: Array(datagram[(offset + headerLength)..<(offset + length)])))
            offset += (length + 3) & ~3
        }
        return messages
    }

    /// Reads a little-endian (host order on our targets) 32-bit value.
    static func read32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }

    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
}
