/// What the bytes after the first of a probe fuzz input are; the first byte, modulo 5, picks it.
enum ProbePacket: UInt8, CaseIterable {
    /// An ICMP message as a datagram ICMP socket returns it (no IP header), checksum as given.
    case icmp = 0
    /// The same, with its checksum made right first, so mutations reach the fields.
    case icmpChecksummed = 1
    /// An IPv4 datagram as a raw ICMP socket returns it: IP header, then the ICMP message
    /// (whose checksum is made right).
    case rawICMPDatagram = 2
    /// A TWAMP-light test packet, as the reflector receives it.
    case twampTest = 3
    /// A TWAMP-light reflected packet, as the sender receives it.
    case twampReflected = 4

    /// The packet the first input byte picks.
    init(selector: UInt8) {
        self = Self.allCases[Int(selector) % Self.allCases.count]
    }
}
