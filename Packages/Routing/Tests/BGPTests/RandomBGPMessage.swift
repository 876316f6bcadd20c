import BGPWire
import Models
import PropertyBased
import Routing

/// Random valid messages: every field within what the encoder and the decoder accept.
enum RandomBGPMessage {
    static func message(_ rng: inout Xoshiro, options: BGPCodecOptions) -> BGPMessage {
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return .keepalive
        case 1: return .open(open(&rng))
        case 2:
            let data = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            return .notification(
                BGPNotification(
                    code: .random(in: 0...255, using: &rng), subcode: .random(in: 0...255, using: &rng), data: data))
        default: return .update(update(&rng, options: options))
        }
    }

    static func open(_ rng: inout Xoshiro) -> BGPOpen {
        var capabilities: [BGPCapability] = []
        for _ in 0..<Int.random(in: 0...5, using: &rng) {
            switch Int.random(in: 0..<3, using: &rng) {
            case 0:
                capabilities.append(
                    .multiprotocol(afi: .random(in: 0...3, using: &rng), safi: .random(in: 0...3, using: &rng)))
            case 1: capabilities.append(.fourOctetAS(.random(in: 0...UInt32.max, using: &rng)))
            default:
                let code = UInt8.random(in: 2...255, using: &rng)
                let value = (0..<Int.random(in: 0...8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                capabilities.append(code == 65 ? .unknown(code: 64, value: value) : .unknown(code: code, value: value))
            }
        }
        let holdTime: UInt16 = Bool.random(using: &rng) ? 0 : .random(in: 3...UInt16.max, using: &rng)
        return BGPOpen(
            myAutonomousSystem: .random(in: 0...UInt16.max, using: &rng), holdTime: holdTime,
            identifier: IPv4Address(.random(in: 1...0xDFFF_FFFF, using: &rng)), capabilities: capabilities)
    }

    static func prefix(_ rng: inout Xoshiro) -> IPv4Prefix {
        let length = UInt8.random(in: 0...32, using: &rng)
        return IPv4Prefix(uncheckedAddress: IPv4Address(.random(in: 0...UInt32.max, using: &rng)), length: length)
            .network
    }

    static func prefixes(_ rng: inout Xoshiro) -> [IPv4Prefix] {
        (0..<Int.random(in: 0...30, using: &rng)).map { _ in prefix(&rng) }
    }

    static func update(_ rng: inout Xoshiro, options: BGPCodecOptions) -> BGPUpdate {
        let announced = prefixes(&rng)
        var attributes = BGPPathAttributes()
        let full = !announced.isEmpty || Bool.random(using: &rng)
        if full || Bool.random(using: &rng) { attributes.origin = BGPOrigin.allCases.randomElement(using: &rng) }
        if full || Bool.random(using: &rng) {
            let maximum: UInt32 = options.fourOctetAS ? .max : UInt32(UInt16.max)
            attributes.asPath = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                BGPASPathSegment(
                    kind: BGPASPathSegment.Kind.allCases.randomElement(using: &rng)!,
                    asns: (0..<Int.random(in: 1...6, using: &rng)).map { _ in .random(in: 0...maximum, using: &rng) })
            }
        }
        if full || Bool.random(using: &rng) {
            attributes.nextHop = IPv4Address(.random(in: 1...0xDFFF_FFFF, using: &rng))
        }
        if Bool.random(using: &rng) { attributes.multiExitDiscriminator = .random(in: 0...UInt32.max, using: &rng) }
        if Bool.random(using: &rng) { attributes.localPreference = .random(in: 0...UInt32.max, using: &rng) }
        attributes.atomicAggregate = Bool.random(using: &rng)
        if Bool.random(using: &rng) {
            attributes.communities = (0..<Int.random(in: 0...80, using: &rng)).map { _ in
                BGPCommunity(rawValue: .random(in: 0...UInt32.max, using: &rng))
            }
        }
        var types = Set<UInt8>()
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            let type = UInt8.random(in: 9...255, using: &rng)
            guard types.insert(type).inserted else { continue }
            let flags =
                BGPAttributeFlags.optional | (Bool.random(using: &rng) ? BGPAttributeFlags.transitive : 0)
                | (Bool.random(using: &rng) ? BGPAttributeFlags.partial : 0)
            let value = (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            attributes.other.append(BGPRawAttribute(flags: flags, type: type, value: value))
        }
        return BGPUpdate(withdrawn: prefixes(&rng), attributes: attributes, announced: announced)
    }
}
