import Models

/// One PIM version 2 message (RFC 7761 §4.9), as carried in an IPv4 packet of protocol 103.
public enum PIMMessage: Hashable, Sendable {
    /// Hello (type 0).
    case hello(PIMHello)
    /// Register (type 1).
    case register(PIMRegister)
    /// Join/Prune (type 3).
    case joinPrune(PIMJoinPrune)
    /// Any other type (0–15), with the octets after the 4-octet header as they are.
    case other(type: UInt8, body: [UInt8])

    /// The 4-bit type of the header.
    public var type: UInt8 {
        switch self {
        case .hello: PIMMessageType.hello.rawValue
        case .register: PIMMessageType.register.rawValue
        case .joinPrune: PIMMessageType.joinPrune.rawValue
        case .other(let type, _): type & 0x0F
        }
    }

    /// The whole PIM message. For ``other(type:body:)`` only the low 4 bits of the type are
    /// sent, and the checksum covers the whole message.
    public func encoded() -> [UInt8] {
        switch self {
        case .hello(let hello): return hello.encoded()
        case .register(let register): return register.encoded()
        case .joinPrune(let joinPrune): return joinPrune.encoded()
        case .other(let type, let body):
            var writer = PIMByteWriter(type: type, capacity: PIMWireFormat.headerLength + body.count)
            writer.append(contentsOf: body)
            return writer.sealed()
        }
    }

    /// Decodes exactly one message: `bytes` start at the PIM header (after the IP header) and
    /// end with the message.
    ///
    /// Checks the version (2), the checksum (over the whole message; a Register's over its first
    /// 8 octets, or over the whole message) and, before every read, that the field fits; a
    /// Hello's options are walked by their lengths, unknown ones skipped.
    ///
    /// - Throws: ``PIMDecodingError`` naming the field and its offset. No input traps.
    public static func decode(_ bytes: [UInt8]) throws(PIMDecodingError) -> PIMMessage {
        var reader = PIMByteReader(bytes, from: 0)
        let first = try reader.readUInt8("version and type")
        let version = first >> 4
        guard version == PIMWireFormat.version else {
            throw PIMDecodingError(.unsupportedVersion(version), field: "version", at: 0)
        }
        let type = first & 0x0F
        try reader.skip(1, "reserved")
        let received = try reader.readUInt16("checksum")
        try verifyChecksum(bytes, type: type, received: received)
        switch PIMMessageType(rawValue: type) {
        case .hello: return .hello(try PIMHello.decodeOptions(&reader))
        case .register: return .register(try PIMRegister.decodeBody(&reader))
        case .joinPrune: return .joinPrune(try PIMJoinPrune.decodeBody(&reader))
        case nil: return .other(type: type, body: reader.readRest())
        }
    }

    /// Throws unless the checksum is right: the octets it covers, the field included, sum to
    /// 0xFFFF (either form of zero in the field is accepted).
    private static func verifyChecksum(_ bytes: [UInt8], type: UInt8, received: UInt16) throws(PIMDecodingError) {
        var end = bytes.count  // the checksum covers octets 0..<end
        if type == PIMMessageType.register.rawValue {
            guard bytes.count >= PIMWireFormat.registerChecksumLength else {
                throw PIMDecodingError(
                    .truncated(needed: 4, available: bytes.count - PIMWireFormat.headerLength),
                    field: "Border/Null-Register flags", at: PIMWireFormat.headerLength)
            }
            if InternetChecksum.isValid(bytes) { return }  // §4.9.3: a whole-message checksum is accepted too
            end = PIMWireFormat.registerChecksumLength
        }
        guard !InternetChecksum.isValid(bytes[..<end]) else { return }
        let expected = InternetChecksum.checksum(bytes[0..<2] + [0, 0] + bytes[PIMWireFormat.headerLength..<end])
        throw PIMDecodingError(.badChecksum(received: received, computed: expected), field: "checksum", at: 2)
    }
}
