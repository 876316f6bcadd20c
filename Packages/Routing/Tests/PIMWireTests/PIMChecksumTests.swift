import Models
import PIMWire
import Testing

@Suite("PIM codec: checksums")
struct PIMChecksumTests {
    @Test("RFC 1071 §3 example: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2, checksum 0x220d")
    func rfc1071Example() {
        let bytes: [UInt8] = [0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7]
        #expect(InternetChecksum.checksum(bytes) == 0x220D)
        #expect(referenceChecksum(bytes) == 0x220D)
        #expect(InternetChecksum.isValid(bytes + [0x22, 0x0D]), "data followed by its checksum verifies")
    }

    @Test("odd lengths are padded with a zero octet")
    func oddLength() {
        #expect(InternetChecksum.checksum([0xAB]) == ~UInt16(0xAB00))
        #expect(InternetChecksum.checksum([0x12, 0x34, 0x56]) == referenceChecksum([0x12, 0x34, 0x56, 0x00]))
    }

    @Test("verify(compute) holds for random data with the checksum written in")
    func verifyCompute() {
        var rng = SystemRandomNumberGenerator()
        for length in 2...200 {
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            bytes[0] = 0
            bytes[1] = 0
            let checksum = InternetChecksum.checksum(bytes)
            #expect(checksum == referenceChecksum(bytes))
            bytes[0] = UInt8(checksum >> 8)
            bytes[1] = UInt8(checksum & 0xFF)
            #expect(InternetChecksum.isValid(bytes), "length \(length)")
        }
    }

    @Test("any flipped bit of a Hello or Join/Prune fails decode with the checksum error at octet 2")
    func flippedBit() throws {
        let messages = [
            PIMHello().encoded(),
            try PIMJoinPrune.join(groups: ["233.84.178.0"], rp: "10.0.0.0", upstream: "169.254.0.0").encoded(),
        ]
        for message in messages {
            for bit in 8..<message.count * 8 {  // not the version nibble's octet: that fails the version check first
                var bytes = message
                bytes[bit / 8] ^= 1 << (bit % 8)
                let error = #expect(throws: PIMDecodingError.self, "bit \(bit)") { try PIMMessage.decode(bytes) }
                guard case .badChecksum(let received, let computed) = error?.kind else {
                    Issue.record("bit \(bit): \(String(describing: error))")
                    continue
                }
                #expect(error?.field == "checksum" && error?.offset == 2)
                #expect(received != computed)
            }
        }
    }

    @Test("a Register's checksum covers 8 octets: a flipped bit there fails, one in the inner packet does not")
    func registerCoverage() throws {
        let message = PIMRegister.heartbeat(source: "185.1.0.2", group: "233.84.178.0").encoded()
        for bit in 8..<64 {
            var bytes = message
            bytes[bit / 8] ^= 1 << (bit % 8)
            let error = #expect(throws: PIMDecodingError.self, "bit \(bit)") { try PIMMessage.decode(bytes) }
            #expect(error?.field == "checksum")
        }
        var inner = message
        inner[36] ^= 0x01  // the heartbeat payload's first octet (8 + 20 + 8)
        guard case .register(let register) = try PIMMessage.decode(inner) else {
            Issue.record("not a Register")
            return
        }
        #expect(register.packet == Array(inner[8...]))
    }

    @Test("a Register checksummed over the whole message is accepted too (RFC 7761 §4.9.3)")
    func registerWholeMessageChecksum() throws {
        let register = PIMRegister.heartbeat(source: "185.1.0.2", group: "233.84.178.1")
        var bytes = register.encoded()
        bytes[2] = 0
        bytes[3] = 0
        let whole = referenceChecksum(bytes)
        bytes[2] = UInt8(whole >> 8)
        bytes[3] = UInt8(whole & 0xFF)
        #expect(try PIMMessage.decode(bytes) == .register(register))
    }
}
