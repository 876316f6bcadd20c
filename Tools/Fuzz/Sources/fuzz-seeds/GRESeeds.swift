import FuzzSupport
import Models
import Tunnel

/// Batches of received GRE packets for the gre target: a flags byte (1: fix outer addresses,
/// 2: fix inner TCP checksums), an MTU choice, then framed packets, outer IPv4 header included.
enum GRESeeds {
    static let local = IPv4Address(192, 0, 2, 1)
    static let remote = IPv4Address(198, 51, 100, 1)

    static var all: [(name: String, bytes: [UInt8])] {
        let payload = [UInt8](repeating: 0x61, count: 1000)
        let segments = (0..<3).map { tcp(sequence: 1000 + UInt32($0) * 1000, flags: $0 == 2 ? 0x18 : 0x10, payload) }
        let merged = tcp(sequence: 5000, flags: 0x10, payload + payload, pseudoHeaderOnly: true)
        let udp = ipv4(protocol: 17, identification: 9, [0x13, 0x88, 0x16, 0x85, 0, 12, 0, 0, 0x44, 0x5A, 0, 1])
        return [
            ("tcp-segments", batch(fixups: 0, segments.map { gre($0) })),
            ("tcp-segments-mtu-9000", batch(fixups: 2, mtu: 2, segments.reversed().map { gre($0) })),
            ("gro-merged", batch(fixups: 1, [gre(merged), gre(segments[0])])),
            ("udp-and-ipv6-type", batch(fixups: 3, [gre(udp), gre(udp, protocolType: GREHeader.ipv6)])),
            (
                "optional-fields",
                batch(
                    fixups: 3,
                    [
                        gre(udp, header: GREHeader(protocolType: GREHeader.ipv4, checksum: 0, sequenceNumber: 7)),
                        gre(udp, header: GREHeader(protocolType: GREHeader.ipv4, key: 42)),
                    ])
            ),
            (
                "wrong-endpoints",
                batch(
                    fixups: 0,
                    [outer(source: local, destination: remote, GREHeader(protocolType: GREHeader.ipv4).bytes + udp)])
            ),
            ("truncated", batch(fixups: 1, [Array(gre(segments[0]).prefix(30)), Array(gre(udp).prefix(22))])),
        ]
    }

    static func batch(fixups: UInt8, mtu: UInt8 = 0, _ packets: [[UInt8]]) -> [UInt8] {
        [fixups, mtu] + packets.flatMap(FuzzInput.frame)
    }

    /// `inner` in GRE (plain unless `header` says otherwise) from the tunnel's remote end to its local end.
    static func gre(_ inner: [UInt8], protocolType: UInt16 = GREHeader.ipv4, header: GREHeader? = nil) -> [UInt8] {
        outer(source: remote, destination: local, (header ?? GREHeader(protocolType: protocolType)).bytes + inner)
    }

    static func outer(source: IPv4Address, destination: IPv4Address, _ payload: [UInt8]) -> [UInt8] {
        ipv4(protocol: 47, identification: 1, source: source, destination: destination, payload)
    }

    /// An IPv4 packet without options, header checksum filled in.
    static func ipv4(
        protocol number: UInt8, identification: UInt16, source: IPv4Address = IPv4Address(10, 0, 0, 1),
        destination: IPv4Address = IPv4Address(10, 0, 0, 2), _ payload: [UInt8]
    ) -> [UInt8] {
        var header: [UInt8] =
            [0x45, 0] + be16(UInt16(20 + payload.count)) + be16(identification) + [0x40, 0, 64, number, 0, 0]
        header += be32(source.value) + be32(destination.value)
        let checksum = InternetChecksum.checksum(header)
        header[10] = UInt8(checksum >> 8)
        header[11] = UInt8(checksum & 0xFF)
        return header + payload
    }

    /// A TCP/IPv4 segment from 10.0.0.1:5000 to 10.0.0.2:80 with a timestamp option, checksum
    /// right (or, as the underlay's GRO leaves it, holding only the pseudo-header sum).
    static func tcp(sequence: UInt32, flags: UInt8, _ payload: [UInt8], pseudoHeaderOnly: Bool = false) -> [UInt8] {
        let options: [UInt8] = [1, 1, 8, 10] + be32(7) + be32(9)
        var segment = be16(5000) + be16(80) + be32(sequence) + be32(1) + [0x80, flags] + be16(512) + [0, 0, 0, 0]
        segment += options + payload
        let pseudo = InternetChecksum.pseudoHeaderSum(
            source: IPv4Address(10, 0, 0, 1).value, destination: IPv4Address(10, 0, 0, 2).value, protocolNumber: 6,
            length: segment.count)
        let checksum =
            pseudoHeaderOnly
            ? InternetChecksum.fold(pseudo) : segment.withUnsafeBytes { InternetChecksum.checksum($0, initial: pseudo) }
        segment[16] = UInt8(checksum >> 8)
        segment[17] = UInt8(checksum & 0xFF)
        return ipv4(protocol: 6, identification: UInt16(truncatingIfNeeded: sequence), segment)
    }
}
