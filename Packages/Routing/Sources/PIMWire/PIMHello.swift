/// A PIM Hello (type 0, RFC 7761 §4.9.2): the three options doublezerod sends.
///
/// Encoded as the common header followed by the options that are present, in the order
/// Holdtime (type 1, length 2), Generation ID (type 20, length 4), DR Priority (type 19,
/// length 4) — the client's order (`reference/client.md` §2.11). Decoding walks every option
/// TLV, skips the unknown ones, and leaves a field nil when its option is absent.
public struct PIMHello: Hashable, Sendable {
    /// The Holdtime doublezerod sends: 3.5 × the 30 s Hello period.
    public static let defaultHoldtime: UInt16 = 105
    /// The Generation ID doublezerod sends (fixed, as upstream's client).
    public static let defaultGenerationID: UInt32 = 3_614_426_332
    /// The DR Priority doublezerod sends.
    public static let defaultDRPriority: UInt32 = 1

    /// How long a receiver keeps this neighbor, in seconds (0: goodbye, 0xFFFF: forever); nil
    /// when the option is absent.
    public var holdtime: UInt16?
    /// The random number a router picks at start-up, so neighbors notice a restart; nil when absent.
    public var generationID: UInt32?
    /// The sender's priority in the DR election (higher wins); nil when absent.
    public var drPriority: UInt32?

    /// Creates a Hello; the defaults are the values doublezerod sends.
    public init(
        holdtime: UInt16? = Self.defaultHoldtime, generationID: UInt32? = Self.defaultGenerationID,
        drPriority: UInt32? = Self.defaultDRPriority
    ) {
        self.holdtime = holdtime
        self.generationID = generationID
        self.drPriority = drPriority
    }

    /// The whole PIM message, checksum over all of it.
    public func encoded() -> [UInt8] {
        var writer = PIMByteWriter(type: PIMMessageType.hello.rawValue, capacity: 26)
        if let holdtime {
            writer.append(PIMHelloOptionType.holdtime.rawValue)
            writer.append(PIMHelloOptionType.holdtime.length)
            writer.append(holdtime)
        }
        if let generationID {
            writer.append(PIMHelloOptionType.generationID.rawValue)
            writer.append(PIMHelloOptionType.generationID.length)
            writer.append(generationID)
        }
        if let drPriority {
            writer.append(PIMHelloOptionType.drPriority.rawValue)
            writer.append(PIMHelloOptionType.drPriority.length)
            writer.append(drPriority)
        }
        return writer.sealed()
    }

    /// Reads the options after the header. Each option's length is checked against what is
    /// left before it is skipped or read; a known option must have its own length and appear once.
    static func decodeOptions(_ reader: inout PIMByteReader) throws(PIMDecodingError) -> PIMHello {
        var hello = PIMHello(holdtime: nil, generationID: nil, drPriority: nil)
        var seen: Set<PIMHelloOptionType> = []
        var index = 0
        while reader.remaining > 0 {
            index += 1
            let start = reader.offset
            let type = try reader.readUInt16("option \(index) type")
            let length = try reader.readUInt16("option \(index) length")
            guard let known = PIMHelloOptionType(rawValue: type) else {
                try reader.skip(Int(length), "option \(index) (type \(type)) value")
                continue
            }
            guard length == known.length else {
                throw PIMDecodingError(
                    .badOptionLength(type: type, length: length, expected: known.length),
                    field: "option \(index) length", at: start + 2)
            }
            guard seen.insert(known).inserted else {
                throw PIMDecodingError(.duplicateOption(type: type), field: "option \(index) type", at: start)
            }
            switch known {
            case .holdtime: hello.holdtime = try reader.readUInt16("option \(index) (holdtime) value")
            case .generationID: hello.generationID = try reader.readUInt32("option \(index) (generation ID) value")
            case .drPriority: hello.drPriority = try reader.readUInt32("option \(index) (DR priority) value")
            }
        }
        return hello
    }
}
