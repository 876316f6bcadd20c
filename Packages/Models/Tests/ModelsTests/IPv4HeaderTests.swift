import PropertyBased
import Testing

@testable import Models

/// The IPv4 header parser: known bytes, every refusal, and properties over random headers.
@Suite("IPv4 header")
struct IPv4HeaderTests {
    /// An ICMP echo reply from 10.0.0.2 to 10.0.0.1 behind a header with one option word
    /// (IHL 6, total length 24 + 8, TTL 61), followed by two bytes beyond the total length.
    static let withOption: [UInt8] =
        [0x46, 0, 0, 32, 0x12, 0x34, 0x40, 0, 61, 1, 0, 0, 10, 0, 0, 2, 10, 0, 0, 1, 1, 1, 1, 1]
        + [0, 0, 0xF7, 0xF6, 0, 7, 0, 9] + [0xEE, 0xEE]

    @Test("a header with options: fields, and the payload up to the total length")
    func knownHeader() throws {
        let header = try IPv4Header(parsing: Self.withOption)
        #expect(header.headerLength == 24)
        #expect(header.totalLength == 32)
        #expect(header.identification == 0x1234)
        #expect(header.dontFragment && !header.moreFragments && header.fragmentOffset == 0 && !header.isFragment)
        #expect(header.ttl == 61)
        #expect(header.protocolNumber == 1)
        #expect(header.source == "10.0.0.2")
        #expect(header.destination == "10.0.0.1")
        #expect(header.payloadRange(inPacketOf: Self.withOption.count) == 24..<32)
        // A raw buffer and a slice read the same.
        #expect(try Self.withOption.withUnsafeBytes { try IPv4Header(parsing: $0) } == header)
        #expect(try IPv4Header(parsing: Self.withOption[...]) == header)
    }

    @Test("the total length decides the payload only when it fits")
    func payloadRange() throws {
        let header = try IPv4Header(parsing: Self.withOption)
        #expect(header.payloadRange(inPacketOf: 31) == nil)  // the field reaches past the bytes
        var short = header
        short.totalLength = 23  // below the header length
        #expect(short.payloadRange(inPacketOf: 40) == nil)
        short.totalLength = 24
        #expect(short.payloadRange(inPacketOf: 24) == 24..<24)
    }

    @Test("fragments are recognised by MF or a non-zero offset")
    func fragments() throws {
        var bytes = Array(Self.withOption)
        bytes[6] = 0x20
        #expect(try IPv4Header(parsing: bytes).isFragment)
        bytes[6] = 0x01
        bytes[7] = 0x02
        let header = try IPv4Header(parsing: bytes)
        #expect(header.fragmentOffset == 0x102 && header.isFragment && !header.moreFragments && !header.dontFragment)
    }

    /// Malformed inputs (19 bytes, version 6, IHL 4, options cut off) and their exact errors.
    static let malformed: [([UInt8], IPv4HeaderError)] = [
        ([0x45] + [UInt8](repeating: 0, count: 18), .truncated(length: 19, needed: 20)),
        ([0x60] + [UInt8](repeating: 0, count: 39), .notVersion4(version: 6)),
        ([0x44] + [UInt8](repeating: 0, count: 19), .headerLengthBelowMinimum(16)),
        ([0x46] + [UInt8](repeating: 0, count: 21), .truncated(length: 22, needed: 24)),
    ]

    @Test("malformed headers are named precisely", arguments: malformed)
    func refused(_ bytes: [UInt8], _ error: IPv4HeaderError) {
        #expect(throws: error) { try IPv4Header(parsing: bytes) }
    }

    @Test("errors read as sentences")
    func descriptions() {
        #expect(
            "\(IPv4HeaderError.truncated(length: 3, needed: 20))"
                == "IPv4 header truncated: 3 bytes, at least 20 needed")
        #expect("\(IPv4HeaderError.notVersion4(version: 6))" == "bad IPv4 header: version 6, expected 4")
        #expect("\(IPv4HeaderError.headerLengthBelowMinimum(16))" == "bad IPv4 header: header length 16 below 20")
    }

    @Test("every field of a random header reads back as its definition says")
    func randomHeaders() async {
        await propertyCheck(count: 300, input: Gen.int(in: 5...15), Gen.uint8().array(of: 60...60)) { ihl, fill in
            var bytes = fill
            bytes[0] = 0x40 | UInt8(ihl)
            let header = try IPv4Header(parsing: bytes)
            /// The big-endian number in `bytes[range]`.
            func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 << 8 | Int($1) } }
            #expect(header.headerLength == ihl * 4)
            #expect(header.totalLength == number(2..<4))
            #expect(Int(header.identification) == number(4..<6))
            #expect(header.dontFragment == (number(6..<8) & 0x4000 != 0))
            #expect(header.moreFragments == (number(6..<8) & 0x2000 != 0))
            #expect(header.fragmentOffset == number(6..<8) & 0x1FFF)
            #expect(header.ttl == bytes[8] && header.protocolNumber == bytes[9])
            #expect(header.source == IPv4Address(UInt32(number(12..<16))))
            #expect(header.destination == IPv4Address(UInt32(number(16..<20))))
        }
    }

    @Test("short or random bytes are refused or read, never a crash")
    func arbitraryBytes() async {
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...19)) { bytes in
            #expect(throws: IPv4HeaderError.truncated(length: bytes.count, needed: 20)) {
                try IPv4Header(parsing: bytes)
            }
        }
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...64)) { bytes in
            if let header = try? IPv4Header(parsing: bytes) {
                #expect(header.headerLength >= 20 && header.headerLength <= bytes.count)
                if let range = header.payloadRange(inPacketOf: bytes.count) { #expect(range.upperBound <= bytes.count) }
            }
        }
    }
}
