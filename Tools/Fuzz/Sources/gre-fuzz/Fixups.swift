import Models

/// What the GRE fuzzer repairs in a packet before the datapath sees it, so that mutations reach
/// past the checks a random packet fails: the outer addresses (the tunnel accepts only its
/// endpoints) and the inner TCP checksum (the coalescer merges only valid segments).
struct Fixups: OptionSet {
    let rawValue: UInt8

    /// Outer source and destination become the tunnel's remote and local addresses.
    static let addresses = Fixups(rawValue: 1)
    /// The inner TCP/IPv4 segment gets a correct checksum, when its lengths can be followed.
    static let innerTCPChecksum = Fixups(rawValue: 2)

    /// Applies the fixups to `packet`.
    func apply(to packet: inout [UInt8], local: IPv4Address, remote: IPv4Address) {
        if contains(.addresses) && packet.count >= IPv4Header.minimumLength {
            packet.replaceSubrange(12..<16, with: Self.bytes(remote))
            packet.replaceSubrange(16..<20, with: Self.bytes(local))
        }
        if contains(.innerTCPChecksum) { Self.fixInnerTCPChecksum(&packet) }
    }

    private static func bytes(_ address: IPv4Address) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: address.value >> (24 - 8 * $0)) }
    }

    /// Rewrites the TCP checksum of the packet inside a plain GRE header (4, 8, 12 or 16 bytes by
    /// its flags), over the inner IPv4 total length.
    private static func fixInnerTCPChecksum(_ packet: inout [UInt8]) {
        guard let outer = try? IPv4Header(parsing: packet), packet.count >= outer.headerLength + 4 else { return }
        let flags = packet[outer.headerLength]
        let greLength = 4 + [0x80, 0x20, 0x10].filter { flags & $0 != 0 }.count * 4
        let start = outer.headerLength + greLength
        guard start < packet.count, let inner = try? IPv4Header(parsing: packet[start...]), inner.protocolNumber == 6
        else { return }
        let tcpStart = start + inner.headerLength
        let end = start + inner.totalLength
        guard tcpStart + 20 <= end, end <= packet.count else { return }
        packet[tcpStart + 16] = 0
        packet[tcpStart + 17] = 0
        let pseudo = InternetChecksum.pseudoHeaderSum(
            source: inner.source.value, destination: inner.destination.value, protocolNumber: 6, length: end - tcpStart)
        let checksum = packet[tcpStart..<end].withUnsafeBytes { InternetChecksum.checksum($0, initial: pseudo) }
        packet[tcpStart + 16] = UInt8(checksum >> 8)
        packet[tcpStart + 17] = UInt8(checksum & 0xFF)
    }
}
