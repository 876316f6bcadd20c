import Models

/// A PIM Register (type 1, RFC 7761 §4.9.3): the Border and Null-Register bits and the data
/// packet the first-hop router tunnels to the RP.
///
/// The checksum covers only the first 8 octets — the header and the flag word — never the
/// inner packet (§4.9). Decoding also accepts a checksum over the whole message, as §4.9.3 asks
/// for interoperability.
public struct PIMRegister: Hashable, Sendable {
    /// How often doublezerod sends its Register beacon per publisher group.
    public static let beaconInterval: Duration = .seconds(60)

    /// B: the sender is a PMBR (border router). Bit 31 of the flag word.
    public var border: Bool
    /// N: a Null-Register, sent to probe the RP without data. Bit 30 of the flag word.
    public var nullRegister: Bool
    /// The encapsulated packet, as is (for doublezerod, an IPv4/UDP heartbeat datagram).
    public var packet: [UInt8]

    /// Creates a Register.
    public init(border: Bool = false, nullRegister: Bool = false, packet: [UInt8]) {
        self.border = border
        self.nullRegister = nullRegister
        self.packet = packet
    }

    /// doublezerod's beacon for `group` (Border and Null-Register clear): the heartbeat
    /// datagram from `source` (the publisher's DZ IP) to `group`, see
    /// ``MulticastHeartbeat/ipv4Datagram(source:group:)``.
    public static func heartbeat(source: IPv4Address, group: IPv4Address) -> PIMRegister {
        PIMRegister(packet: MulticastHeartbeat.ipv4Datagram(source: source, group: group))
    }

    /// The flag word after the header: B in bit 31, N in bit 30, the rest reserved (0).
    var flagWord: UInt32 { (border ? 1 << 31 : 0) | (nullRegister ? 1 << 30 : 0) }

    /// The whole PIM message, checksum over the first 8 octets.
    public func encoded() -> [UInt8] {
        var writer = PIMByteWriter(type: PIMMessageType.register.rawValue, capacity: 8 + packet.count)
        writer.append(flagWord)
        writer.append(contentsOf: packet)
        return writer.sealed(checksumLength: PIMWireFormat.registerChecksumLength)
    }

    /// Reads the flag word (reserved bits ignored) and takes the rest as the packet.
    static func decodeBody(_ reader: inout PIMByteReader) throws(PIMDecodingError) -> PIMRegister {
        let word = try reader.readUInt32("Border/Null-Register flags")
        return PIMRegister(border: word & 1 << 31 != 0, nullRegister: word & 1 << 30 != 0, packet: reader.readRest())
    }
}
