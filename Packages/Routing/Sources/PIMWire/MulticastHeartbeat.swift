import Models

/// The publisher heartbeat (`reference/client.md` §2.10): 4 octets, "DZ" and version 1, sent by
/// UDP to every publisher group on port 5765 every 10 s; the PIM Register beacon carries the
/// same datagram inside (``PIMRegister/heartbeat(source:group:)``).
public enum MulticastHeartbeat {
    /// The payload: `44 5A 00 01` ("DZ", version 1).
    public static let payload: [UInt8] = [0x44, 0x5A, 0x00, 0x01]
    /// The UDP source and destination port.
    public static let port: UInt16 = 5765
    /// The time between two heartbeats of the UDP sender.
    public static let interval: Duration = .seconds(10)
    /// The IP TTL of the heartbeat (`IP_MULTICAST_TTL`, and the inner packet of a Register).
    public static let ttl: UInt8 = 32
    /// The IP protocol number of UDP.
    static let udpProtocolNumber: UInt8 = 17

    /// The complete heartbeat datagram from `source` to `group`: a 20-octet IPv4 header (version
    /// 4, IHL 5, TOS 0, identification 0, no flags — DF clear, offset 0 — TTL 32, protocol 17,
    /// correct header checksum) and a UDP header (ports 5765 → 5765, correct checksum over the
    /// pseudo-header) before ``payload``: 32 octets.
    public static func ipv4Datagram(source: IPv4Address, group: IPv4Address) -> [UInt8] {
        let udpLength = 8 + payload.count
        let totalLength = IPv4Header.minimumLength + udpLength
        var ip: [UInt8] = [
            0x45, 0x00, UInt8(totalLength >> 8), UInt8(totalLength & 0xFF),
            0x00, 0x00, 0x00, 0x00,  // identification 0; flags and fragment offset 0 (DF clear)
            ttl, udpProtocolNumber, 0x00, 0x00,  // checksum filled in below
        ]
        ip += source.bytes + group.bytes
        let headerChecksum = InternetChecksum.checksum(ip)
        ip[10] = UInt8(headerChecksum >> 8)
        ip[11] = UInt8(headerChecksum & 0xFF)

        var udp: [UInt8] = [
            UInt8(port >> 8), UInt8(port & 0xFF), UInt8(port >> 8), UInt8(port & 0xFF),
            UInt8(udpLength >> 8), UInt8(udpLength & 0xFF), 0x00, 0x00,
        ]
        udp += payload
        let pseudo = InternetChecksum.pseudoHeaderSum(
            source: source.value, destination: group.value, protocolNumber: udpProtocolNumber, length: udpLength)
        var udpChecksum = udp.withUnsafeBytes { InternetChecksum.checksum($0, initial: pseudo) }
        if udpChecksum == 0 { udpChecksum = 0xFFFF }  // RFC 768: 0 means "no checksum"
        udp[6] = UInt8(udpChecksum >> 8)
        udp[7] = UInt8(udpChecksum & 0xFF)
        return ip + udp
    }
}
