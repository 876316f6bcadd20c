import Models

/// One netlink attribute (`struct nlattr`) read from a reply: its type and its payload.
public struct NetlinkAttribute: Hashable, Sendable {
    /// The attribute type, without the nested and byte-order flag bits.
    public var type: UInt16
    /// The payload, without the four-byte header and the alignment padding.
    public var payload: [UInt8]

    /// An attribute of `type` holding `payload`.
    public init(type: UInt16, payload: [UInt8]) {
        self.type = type
        self.payload = payload
    }

    /// The payload as a one-byte integer, if it is at least one byte long.
    public var u8: UInt8? { payload.first }
    /// The payload as a host-order two-byte integer.
    public var u16: UInt16? {
        payload.count >= 2 ? UInt16(payload[0]) | UInt16(payload[1]) << 8 : nil
    }
    /// The payload as a host-order four-byte integer.
    public var u32: UInt32? {
        guard payload.count >= 4 else { return nil }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(payload[$1]) << (8 * UInt32($1)) }
    }
    /// The payload as a NUL-terminated string.
    public var string: String? {
        let end = payload.firstIndex(of: 0) ?? payload.endIndex
        return String(decoding: payload[..<end], as: UTF8.self)
    }
    /// The payload as an IPv4 address (network byte order).
    public var ipv4: IPv4Address? {
        guard payload.count == 4 else { return nil }
        return IPv4Address(payload[0], payload[1], payload[2], payload[3])
    }
    /// The payload parsed as nested attributes.
    public var nested: [NetlinkAttribute]? { try? Self.parse(payload[...]) }

    /// Parses a run of attributes.
    ///
    /// - Throws: ``NetlinkAttributeError`` when a length runs past the end or is below 4.
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(NetlinkAttributeError) -> [NetlinkAttribute] {
        var attributes: [NetlinkAttribute] = []
        var offset = bytes.startIndex
        while bytes.endIndex - offset >= 4 {
            let length = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
            let type = (UInt16(bytes[offset + 2]) | UInt16(bytes[offset + 3]) << 8) & 0x3FFF
            guard length >= 4, offset + length <= bytes.endIndex else {
                throw .badLength(offset: offset - bytes.startIndex, length: length)
            }
            attributes.append(NetlinkAttribute(type: type, payload: Array(bytes[(offset + 4)..<(offset + length)])))
            offset += (length + 3) & ~3
        }
        return attributes
    }

    /// Encodes attributes as the kernel lays them out: header, payload, zero padding to 4 bytes.
    public static func encode(_ attributes: [NetlinkAttribute]) -> [UInt8] {
        var bytes: [UInt8] = []
        for attribute in attributes {
            let length = 4 + attribute.payload.count
            bytes += [
                UInt8(length & 0xFF), UInt8(length >> 8), UInt8(attribute.type & 0xFF), UInt8(attribute.type >> 8),
            ]
            bytes += attribute.payload
            bytes += [UInt8](repeating: 0, count: (4 - length % 4) % 4)
        }
        return bytes
    }
}

extension Array where Element == NetlinkAttribute {
    /// The first attribute of `type`.
    func first(_ type: some BinaryInteger) -> NetlinkAttribute? { first { $0.type == UInt16(type) } }
}

/// Why a run of netlink attributes could not be parsed.
public enum NetlinkAttributeError: Error, Hashable, Sendable {
    /// The attribute at `offset` declares a length below 4 or beyond the end of the buffer.
    case badLength(offset: Int, length: Int)
}
