import Models

/// An ICMP echo request or echo reply (RFC 792, types 8 and 0, code 0).
///
/// Wire layout: type (1 byte), code (1, always 0), checksum (2), identifier (2), sequence
/// number (2), then the payload; multi-byte fields are big-endian and the checksum is the
/// ``InternetChecksum`` over the whole message.
public struct ICMPEchoMessage: Hashable, Sendable {
    /// Request or reply, with the ICMP type as raw value.
    public enum Kind: UInt8, Hashable, Sendable, CaseIterable {
        /// Echo reply, type 0.
        case reply = 0
        /// Echo request, type 8.
        case request = 8
    }

    /// The length of the header before the payload.
    public static let headerLength = 8

    /// Request or reply.
    public var kind: Kind
    /// Identifies the sender (with datagram ICMP sockets the kernel sets it to the socket's port).
    public var identifier: UInt16
    /// Numbers the probes of one sender.
    public var sequence: UInt16
    /// The data a reply echoes back.
    public var payload: [UInt8]

    /// Creates a message.
    public init(kind: Kind, identifier: UInt16, sequence: UInt16, payload: [UInt8] = []) {
        self.kind = kind
        self.identifier = identifier
        self.sequence = sequence
        self.payload = payload
    }

    /// The message on the wire, checksum filled in.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = [
            kind.rawValue, 0, 0, 0,
            UInt8(identifier >> 8), UInt8(identifier & 0xFF),
            UInt8(sequence >> 8), UInt8(sequence & 0xFF),
        ]
        bytes.append(contentsOf: payload)
        let checksum = InternetChecksum.checksum(bytes)
        bytes[2] = UInt8(checksum >> 8)
        bytes[3] = UInt8(checksum & 0xFF)
        return bytes
    }

    /// Reads an ICMP message (without IP header).
    ///
    /// - Parameter verifyChecksum: check the checksum (on by default).
    /// - Throws: ``PacketDecodingError`` when the message is short, not an echo, or corrupt.
    public init(decoding bytes: some Collection<UInt8>, verifyChecksum: Bool = true) throws(PacketDecodingError) {
        let bytes = Array(bytes)
        guard bytes.count >= Self.headerLength else {
            throw .truncated(packet: "ICMP echo message", length: bytes.count, needed: Self.headerLength)
        }
        guard let kind = Kind(rawValue: bytes[0]), bytes[1] == 0 else {
            throw .notEcho(type: bytes[0], code: bytes[1])
        }
        if verifyChecksum && !InternetChecksum.isValid(bytes) {
            throw .badChecksum(received: UInt16(bytes[2]) << 8 | UInt16(bytes[3]))
        }
        self.kind = kind
        self.identifier = UInt16(bytes[4]) << 8 | UInt16(bytes[5])
        self.sequence = UInt16(bytes[6]) << 8 | UInt16(bytes[7])
        self.payload = Array(bytes[Self.headerLength...])
    }
}
