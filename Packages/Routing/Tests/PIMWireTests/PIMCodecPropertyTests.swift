import Models
import PIMWire
import PropertyBased
import Testing

@Suite("PIM codec: properties")
struct PIMCodecPropertyTests {
    @Test("decode(encode(m)) == m for random Hellos, Join/Prunes (1-64 groups), Registers and other types")
    func roundTrip() async {
        await propertyCheck(count: 2000, input: Gen.uint64()) { seed in
            var rng = seededGenerator(seed)  // a failing seed reproduces
            let message = RandomPIMMessage.message(&rng)
            let bytes = message.encoded()
            #expect(InternetChecksum.isValid(bytes.prefix(message.type == 1 ? 8 : bytes.count)))
            #expect((try? PIMMessage.decode(bytes)) == message, "\(message)")
        }
    }

    @Test("every truncation fails with an error, except what the format cannot tell from a whole message")
    func truncations() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            var rng = seededGenerator(seed)  // a failing seed reproduces
            let message = RandomPIMMessage.message(&rng)
            let bytes = message.encoded()
            for length in 0..<bytes.count {
                let prefix = Array(bytes.prefix(length))
                switch Result(catching: { () throws(PIMDecodingError) in try PIMMessage.decode(prefix) }) {
                case .success(let decoded):
                    // No length field: a Register cut after its 8 checksummed octets is a Register
                    // with a shorter packet; a Hello cut between options whose dropped octets sum
                    // to zero (one chance in 65535) keeps a valid checksum. Nothing else decodes.
                    switch (message, decoded) {
                    case (.register(let whole), .register(let cut)):
                        #expect(length >= 8 && cut.packet == Array(whole.packet.prefix(length - 8)))
                    case (.hello(let whole), .hello(let cut)):
                        #expect(
                            [
                                cut.holdtime == nil || cut.holdtime == whole.holdtime,
                                cut.generationID == nil || cut.generationID == whole.generationID,
                                cut.drPriority == nil || cut.drPriority == whole.drPriority,
                            ].allSatisfy { $0 })
                    case (.other, .other): #expect(length >= 4 && InternetChecksum.isValid(prefix))
                    default: Issue.record("\(length) of \(bytes.count) octets of \(message) decoded as \(decoded)")
                    }
                case .failure(let error):
                    #expect(error.offset >= 0 && error.offset <= length, "\(error)")
                }
            }
        }
    }

    @Test("random bytes never trap; with version 2 and a correct checksum, what decodes re-encodes stably")
    func randomBytes() async {
        await propertyCheck(count: 5000, input: Gen.uint64()) { seed in
            var rng = seededGenerator(seed)  // a failing seed reproduces
            var bytes = RandomPIMMessage.bytes(&rng, upTo: 120)
            _ = try? PIMMessage.decode(bytes)
            guard bytes.count >= 8 else { return }
            // Make the header plausible half of the time so the body parsers are reached.
            let type = [0, 1, 3, UInt8.random(in: 0...15, using: &rng)].randomElement(using: &rng)!
            bytes[0] = 0x20 | type
            bytes[2] = 0
            bytes[3] = 0
            let checksum = InternetChecksum.checksum(bytes.prefix(type == 1 ? 8 : bytes.count))
            bytes[2] = UInt8(checksum >> 8)
            bytes[3] = UInt8(checksum & 0xFF)
            switch Result(catching: { () throws(PIMDecodingError) in try PIMMessage.decode(bytes) }) {
            case .success(let decoded): #expect((try? PIMMessage.decode(decoded.encoded())) == decoded, "\(decoded)")
            case .failure(let error): #expect(error.offset >= 0 && error.offset <= bytes.count, "\(error)")
            }
        }
    }

    @Test("random mutations of valid messages, checksum fixed up, never trap")
    func mutations() async {
        await propertyCheck(count: 3000, input: Gen.uint64()) { seed in
            var rng = seededGenerator(seed)  // a failing seed reproduces
            let message = RandomPIMMessage.message(&rng)
            var bytes = message.encoded()
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                switch Int.random(in: 0..<3, using: &rng) {
                case 0 where bytes.count > 4:
                    bytes[Int.random(in: 4..<bytes.count, using: &rng)] = .random(in: 0...255, using: &rng)
                case 1:
                    bytes.insert(.random(in: 0...255, using: &rng), at: Int.random(in: 4...bytes.count, using: &rng))
                case 2 where bytes.count > 4: bytes.remove(at: Int.random(in: 4..<bytes.count, using: &rng))
                default: break
                }
            }
            bytes[2] = 0
            bytes[3] = 0
            let checksum = InternetChecksum.checksum(bytes.prefix(message.type == 1 ? 8 : bytes.count))
            bytes[2] = UInt8(checksum >> 8)
            bytes[3] = UInt8(checksum & 0xFF)
            if let decoded = try? PIMMessage.decode(bytes) {
                #expect(decoded.type == message.type)
                #expect((try? PIMMessage.decode(decoded.encoded())) == decoded, "\(decoded)")
            }
        }
    }
}
