import Models
import PropertyBased
import Testing

@testable import Tunnel

/// The GRE header codec and the datapath's receive-side checks.
@Suite("GRE header")
struct GREHeaderTests {
    @Test("the DoubleZero form is the 4 bytes kernel GRE sends: no options, version 0, IPv4")
    func plainForm() throws {
        #expect(GREHeader(protocolType: GREHeader.ipv4).bytes == [0x00, 0x00, 0x08, 0x00])
        #expect(try GREHeader(decoding: [0x00, 0x00, 0x08, 0x00, 0x45]) == GREHeader(protocolType: 0x0800))
    }

    private static let header = zip(
        Gen.uint16(), Gen.uint16().optional, Gen.uint32().optional, Gen.uint32().optional
    ).map { GREHeader(protocolType: $0, checksum: $1, key: $2, sequenceNumber: $3) }

    @Test("encode then decode gives the same header; the length counts the options")
    func roundTrip() async {
        await propertyCheck(count: 500, input: Self.header) { header in
            let bytes = header.bytes
            #expect(bytes.count == header.length)
            #expect((try? GREHeader(decoding: bytes)) == header)
            #expect(
                (try? GREHeader(decoding: bytes + [1, 2, 3])) == header, "trailing payload is not part of the header")
        }
    }

    @Test("any truncation of an encoded header is refused")
    func truncation() async {
        await propertyCheck(count: 200, input: Self.header) { header in
            let bytes = header.bytes
            for length in 0..<bytes.count {
                #expect(throws: GREHeaderError.self) { try GREHeader(decoding: Array(bytes[..<length])) }
            }
        }
    }

    @Test("version 1 (PPTP), routing and recursion bits are refused")
    func refused() {
        #expect(throws: GREHeaderError.unsupportedVersion(1)) {
            try GREHeader(decoding: [0x30, 0x01, 0x88, 0x0B, 0, 0, 0, 0, 0, 0, 0, 0])
        }
        #expect(throws: GREHeaderError.reservedBitsSet(flags: 0x40, second: 0)) {
            try GREHeader(decoding: [0x40, 0x00, 0x08, 0x00])
        }
        #expect(throws: GREHeaderError.reservedBitsSet(flags: 0x00, second: 0x08)) {
            try GREHeader(decoding: [0x00, 0x08, 0x08, 0x00])
        }
    }

    /// An outer IPv4 header (protocol 47, no options) around `payload`.
    private static func outer(source: IPv4Address, destination: IPv4Address, payload: [UInt8]) -> [UInt8] {
        let total = 20 + payload.count
        return [0x45, 0, UInt8(total >> 8), UInt8(total & 0xFF), 0, 0, 0, 0, 64, 47, 0, 0]
            + source.bytes + destination.bytes + payload
    }

    @Test("received packets are accepted only between the tunnel's exact endpoints, and only plain GRE")
    func demultiplexing() {
        let inner: [UInt8] = [0x45] + [UInt8](repeating: 7, count: 27)
        let plain = GREHeader(protocolType: GREHeader.ipv4).bytes + inner
        let cases: [([UInt8], Bool)] = [
            (Self.outer(source: "10.0.0.2", destination: "10.0.0.1", payload: plain), true),
            (Self.outer(source: "10.0.0.3", destination: "10.0.0.1", payload: plain), false),  // other tunnel's remote
            (Self.outer(source: "10.0.0.2", destination: "10.0.0.9", payload: plain), false),  // other local
            (
                Self.outer(
                    source: "10.0.0.2", destination: "10.0.0.1",
                    payload: GREHeader(protocolType: 0x0800, key: 5).bytes + inner), false
            ),
            (
                Self.outer(
                    source: "10.0.0.2", destination: "10.0.0.1", payload: GREHeader(protocolType: 0x6558).bytes + inner),
                false
            ),
            (Self.outer(source: "10.0.0.2", destination: "10.0.0.1", payload: [0, 0, 8]), false),
            (Array(Self.outer(source: "10.0.0.2", destination: "10.0.0.1", payload: plain).prefix(30)), false),
        ]
        for (packet, accepted) in cases {
            let result = packet.withUnsafeBytes { buffer in
                UserspaceGRETunnel.innerPacket(buffer, local: "10.0.0.1", remote: "10.0.0.2").map(Array.init)
            }
            #expect((result != nil) == accepted, "\(packet)")
            if accepted { #expect(result == inner) }
        }
    }
}
