import Models
import PIMWire
import Testing

@Suite("PIM codec: malformed messages and encoding limits")
struct PIMMalformedMessageTests {
    /// `body` after a header of `type` with a correct checksum over the whole message.
    static func message(type: UInt8, version: UInt8 = 2, _ body: [UInt8]) -> [UInt8] {
        var bytes = [version << 4 | type, 0, 0, 0] + body
        let checksum = referenceChecksum(bytes)
        bytes[2] = UInt8(checksum >> 8)
        bytes[3] = UInt8(checksum & 0xFF)
        return bytes
    }

    /// The error decoding `bytes` throws (nil, recorded as an issue, when it decodes).
    static func error(_ bytes: [UInt8]) -> PIMDecodingError? {
        #expect(throws: PIMDecodingError.self) { try PIMMessage.decode(bytes) }
    }

    static let joinBody: [UInt8] = [
        1, 0, 169, 254, 0, 0, 0, 1, 0, 120,  // upstream, reserved, 1 group, holdtime 120
        1, 0, 0, 32, 233, 84, 178, 0, 0, 1, 0, 0,  // group, 1 joined, 0 pruned
        1, 0, 7, 32, 10, 0, 0, 0,  // the RP
    ]

    @Test("empty input and a lone octet are truncated headers")
    func shortHeaders() {
        #expect(Self.error([])?.kind == .truncated(needed: 1, available: 0))
        #expect(Self.error([])?.field == "version and type")
        let checksum = Self.error([0x20, 0x00, 0x00])
        #expect(checksum?.kind == .truncated(needed: 2, available: 1))
        #expect(checksum?.field == "checksum" && checksum?.offset == 2)
    }

    @Test("version other than 2 is refused before the checksum")
    func version() {
        let error = Self.error(Self.message(type: 0, version: 1, []))
        #expect(error?.kind == .unsupportedVersion(1))
        #expect(error?.field == "version" && error?.offset == 0)
    }

    @Test("a Hello option longer than what is left names the option and its offset")
    func helloOptionOverrun() {
        let error = Self.error(
            Self.message(type: 0, [0x00, 0x01, 0x00, 0x02, 0x00, 0x69, 0x00, 0x63, 0x00, 0x09, 1, 2]))
        #expect(error?.kind == .truncated(needed: 9, available: 2))
        #expect(error?.field == "option 2 (type 99) value" && error?.offset == 14)
    }

    @Test("a Hello option header cut in the middle")
    func helloOptionHeaderCut() {
        let error = Self.error(Self.message(type: 0, [0x00, 0x01, 0x00]))
        #expect(error?.kind == .truncated(needed: 2, available: 1))
        #expect(error?.field == "option 1 length" && error?.offset == 6)
    }

    @Test("unknown Hello options are skipped, absent known ones stay nil")
    func helloUnknownOptions() throws {
        let bytes = Self.message(
            type: 0,
            [
                0x00, 0x18, 0x00, 0x06, 1, 2, 3, 4, 5, 6,  // option 24 (address list), skipped
                0x00, 0x02, 0x00, 0x04, 0, 0, 0, 0,  // option 2 (LAN prune delay), skipped
                0x00, 0x13, 0x00, 0x04, 0, 0, 0, 7,  // DR priority 7
                0xFF, 0xFF, 0x00, 0x00,  // option 65535, empty
            ])
        #expect(try PIMMessage.decode(bytes) == .hello(PIMHello(holdtime: nil, generationID: nil, drPriority: 7)))
        #expect(
            try PIMMessage.decode(Self.message(type: 0, []))
                == .hello(PIMHello(holdtime: nil, generationID: nil, drPriority: nil)))
    }

    @Test("a known Hello option with the wrong length, or twice, is refused")
    func helloBadKnownOptions() {
        let long = Self.error(Self.message(type: 0, [0x00, 0x01, 0x00, 0x04, 0, 0, 0, 105]))
        #expect(long?.kind == .badOptionLength(type: 1, length: 4, expected: 2))
        #expect(long?.field == "option 1 length" && long?.offset == 6)
        let twice = Self.error(Self.message(type: 0, [0x00, 0x01, 0x00, 0x02, 0, 105, 0x00, 0x01, 0x00, 0x02, 0, 30]))
        #expect(twice?.kind == .duplicateOption(type: 1))
        #expect(twice?.offset == 10)
    }

    @Test("a Hello encodes only the options present, in order")
    func helloPartial() throws {
        let hello = PIMHello(holdtime: 0, generationID: nil, drPriority: 4_294_967_295)
        let bytes = hello.encoded()
        #expect(Array(bytes[4...]) == [0, 1, 0, 2, 0, 0, 0, 19, 0, 4, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(try PIMMessage.decode(bytes) == .hello(hello))
    }

    @Test("Join/Prune: wrong family, encoding type, mask length, counts beyond the data, trailing octets")
    func joinPruneFields() {
        var body = Self.joinBody
        body[0] = 2  // IPv6
        var error = Self.error(Self.message(type: 3, body))
        #expect(error?.kind == .unsupportedAddressFamily(2))
        #expect(error?.field == "upstream neighbor address family" && error?.offset == 4)

        body = Self.joinBody
        body[11] = 1
        error = Self.error(Self.message(type: 3, body))
        #expect(error?.kind == .unsupportedEncodingType(1))
        #expect(error?.field == "group 1 encoding type" && error?.offset == 15)

        body = Self.joinBody
        body[25] = 33
        error = Self.error(Self.message(type: 3, body))
        #expect(error?.kind == .maskLengthAbove32(33))
        #expect(error?.field == "group 1 joined source 1 mask length" && error?.offset == 29)

        body = Self.joinBody
        body[7] = 200  // 200 groups claimed, 20 octets follow
        error = Self.error(Self.message(type: 3, body))
        #expect(error?.kind == .truncated(needed: 2400, available: 20))
        #expect(error?.field == "200 groups" && error?.offset == 14)

        body = Self.joinBody
        body[18] = 0xFF  // 65281 joined sources claimed
        body[19] = 0x01
        error = Self.error(Self.message(type: 3, body))
        #expect(error?.kind == .truncated(needed: 8 * 65281, available: 8))
        #expect(error?.field == "group 1 65281 sources" && error?.offset == 26)

        error = Self.error(Self.message(type: 3, Self.joinBody + [0, 0]))
        #expect(error?.kind == .trailingOctets(count: 2))
        #expect(error?.field == "after group 1" && error?.offset == 34)
    }

    @Test("a Register shorter than its flag word")
    func shortRegister() {
        let error = Self.error(Self.message(type: 1, [0, 0]))
        #expect(error?.kind == .truncated(needed: 4, available: 2))
        #expect(error?.field == "Border/Null-Register flags" && error?.offset == 4)
    }

    @Test("other types decode as .other with their body and encode back")
    func otherTypes() throws {
        let assert = Self.message(type: 5, [1, 2, 3, 4, 5])
        #expect(try PIMMessage.decode(assert) == .other(type: 5, body: [1, 2, 3, 4, 5]))
        #expect(PIMMessage.other(type: 5, body: [1, 2, 3, 4, 5]).encoded() == assert)
        #expect(PIMMessage.other(type: 0x15, body: []).type == 5, "only the low 4 bits are a type")
    }

    @Test("what the wire cannot carry is refused when building a Join/Prune")
    func encodingLimits() {
        let many = (0..<256).map { IPv4Address(239, 0, UInt8($0 >> 8), UInt8($0 & 0xFF)) }
        #expect(throws: PIMEncodingError.tooManyGroups(256)) {
            try PIMJoinPrune.join(groups: many, rp: "10.0.0.0", upstream: "169.254.0.0")
        }
        #expect(throws: Never.self) {
            try PIMJoinPrune.join(groups: Array(many.prefix(255)), rp: "10.0.0.0", upstream: "169.254.0.0")
        }
        let sources = Array(repeating: PIMEncodedSource.starGroup(rp: "10.0.0.0"), count: 65536)
        #expect(throws: PIMEncodingError.tooManySources(group: 0, count: 65536)) {
            try PIMJoinPrune(
                upstreamNeighbor: "169.254.0.0", holdtime: 120,
                groups: [PIMJoinPruneGroup(group: "233.84.178.0", pruned: sources)])
        }
        #expect(throws: PIMEncodingError.maskLengthAbove32(field: "group 0", length: 33)) {
            try PIMJoinPrune(
                upstreamNeighbor: "169.254.0.0", holdtime: 120,
                groups: [PIMJoinPruneGroup(group: "233.84.178.0", maskLength: 33)])
        }
    }

    @Test("decoding errors read as sentences")
    func descriptions() {
        let error = PIMDecodingError(.badChecksum(received: 0x1234, computed: 0xABC), field: "checksum", at: 2)
        #expect(error.description == "checksum at octet 2: bad checksum 0x1234, expected 0x0ABC")
        #expect(PIMEncodingError.tooManyGroups(300).description == "300 groups, at most 255 fit a Join/Prune")
    }
}
