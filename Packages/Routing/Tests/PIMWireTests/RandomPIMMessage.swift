import Models
import PIMWire
import PropertyBased

/// Random valid messages: every field within what the encoder and the decoder accept.
enum RandomPIMMessage {
    static func message(_ rng: inout Xoshiro) -> PIMMessage {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return .hello(hello(&rng))
        case 1:
            // At most 64 groups of at most 4 + 4 sources with masks up to 32: always encodable.
            guard let joinPrune = try? joinPrune(&rng) else { preconditionFailure("random Join/Prune refused") }
            return .joinPrune(joinPrune)
        case 2: return .register(register(&rng))
        default:
            return .other(type: [2, 4, 5, 6, 7, 8, 9, 15].randomElement(using: &rng)!, body: bytes(&rng, upTo: 40))
        }
    }

    static func address(_ rng: inout Xoshiro) -> IPv4Address { IPv4Address(.random(in: 0...UInt32.max, using: &rng)) }

    static func bytes(_ rng: inout Xoshiro, upTo count: Int) -> [UInt8] {
        (0..<Int.random(in: 0...count, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    static func hello(_ rng: inout Xoshiro) -> PIMHello {
        PIMHello(
            holdtime: Bool.random(using: &rng) ? .random(in: 0...UInt16.max, using: &rng) : nil,
            generationID: Bool.random(using: &rng) ? .random(in: 0...UInt32.max, using: &rng) : nil,
            drPriority: Bool.random(using: &rng) ? .random(in: 0...UInt32.max, using: &rng) : nil)
    }

    static func source(_ rng: inout Xoshiro) -> PIMEncodedSource {
        Bool.random(using: &rng)
            ? .starGroup(rp: address(&rng))
            : PIMEncodedSource(
                address: address(&rng), flags: PIMSourceFlags(rawValue: .random(in: 0...255, using: &rng)),
                maskLength: .random(in: 0...32, using: &rng))
    }

    /// 1–64 groups, each with 0–4 joined and 0–4 pruned sources; sometimes the convenience forms.
    static func joinPrune(_ rng: inout Xoshiro) throws(PIMEncodingError) -> PIMJoinPrune {
        let groupCount = Int.random(in: 1...64, using: &rng)
        let upstream = address(&rng)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
            return try .join(groups: (0..<groupCount).map { _ in address(&rng) }, rp: address(&rng), upstream: upstream)
        case 1:
            return try .prune(
                groups: (0..<groupCount).map { _ in address(&rng) }, rp: address(&rng), upstream: upstream)
        default:
            let groups = (0..<groupCount).map { _ in
                PIMJoinPruneGroup(
                    group: address(&rng), maskLength: .random(in: 0...32, using: &rng),
                    flags: .random(in: 0...255, using: &rng),
                    joined: (0..<Int.random(in: 0...4, using: &rng)).map { _ in source(&rng) },
                    pruned: (0..<Int.random(in: 0...4, using: &rng)).map { _ in source(&rng) })
            }
            return try PIMJoinPrune(
                upstreamNeighbor: upstream, holdtime: .random(in: 0...UInt16.max, using: &rng), groups: groups)
        }
    }

    static func register(_ rng: inout Xoshiro) -> PIMRegister {
        Bool.random(using: &rng)
            ? .heartbeat(source: address(&rng), group: address(&rng))
            : PIMRegister(
                border: .random(using: &rng), nullRegister: .random(using: &rng), packet: bytes(&rng, upTo: 100))
    }
}
