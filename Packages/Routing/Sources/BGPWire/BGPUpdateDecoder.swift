import Models
import Routing

/// Decodes the body of an UPDATE (RFC 4271 §4.3) with the checks of §6.3.
enum BGPUpdateDecoder {
    static func decode(_ reader: inout BGPByteReader, options: BGPCodecOptions) throws(BGPMessageError) -> BGPUpdate {
        let withdrawnLength = Int(reader.readUInt16())
        guard withdrawnLength + 2 <= reader.remaining else {
            throw BGPMessageError(
                .malformedAttributeList, "withdrawn routes length \(withdrawnLength) overruns the message",
                at: reader.offset - 2)
        }
        var withdrawnReader = reader.subReader(withdrawnLength)
        let withdrawn = try decodePrefixes(&withdrawnReader, field: "withdrawn routes")
        let attributesLength = Int(reader.readUInt16())
        guard attributesLength <= reader.remaining else {
            throw BGPMessageError(
                .malformedAttributeList, "total path attribute length \(attributesLength) overruns the message",
                at: reader.offset - 2)
        }
        var attributesReader = reader.subReader(attributesLength)
        let attributes = try decodeAttributes(&attributesReader, options: options)
        let announced = try decodePrefixes(&reader, field: "NLRI")
        if !announced.isEmpty {
            let missing: UInt8? =
                attributes.origin == nil
                ? BGPAttributeType.origin
                : attributes.asPath == nil
                    ? BGPAttributeType.asPath : attributes.nextHop == nil ? BGPAttributeType.nextHop : nil
            if let missing {
                throw BGPMessageError(
                    .missingWellKnownAttribute(missing), "NLRI without mandatory attribute \(missing)",
                    at: BGPWireFormat.headerLength + 2 + withdrawnLength)
            }
        }
        return BGPUpdate(withdrawn: withdrawn, attributes: attributes, announced: announced)
    }

    /// Prefixes as (length octet, just enough address octets); host bits are cleared.
    static func decodePrefixes(_ reader: inout BGPByteReader, field: String) throws(BGPMessageError) -> [IPv4Prefix] {
        var prefixes: [IPv4Prefix] = []
        prefixes.reserveCapacity(reader.remaining / 5)
        while reader.remaining > 0 {
            let length = reader.readUInt8()
            guard length <= 32 else {
                throw BGPMessageError(.invalidNetworkField, "\(field): prefix length \(length)", at: reader.offset - 1)
            }
            let octets = (Int(length) + 7) / 8
            guard octets <= reader.remaining else {
                throw BGPMessageError(
                    .invalidNetworkField, "\(field): /\(length) needs \(octets) octets, \(reader.remaining) left",
                    at: reader.offset - 1)
            }
            var value: UInt32 = 0
            for index in 0..<4 {
                value <<= 8
                if index < octets { value |= UInt32(reader.readUInt8()) }
            }
            let mask: UInt32 = length == 0 ? 0 : UInt32.max << (32 - UInt32(length))
            prefixes.append(IPv4Prefix(uncheckedAddress: IPv4Address(value & mask), length: length))
        }
        return prefixes
    }

    static func decodeAttributes(
        _ reader: inout BGPByteReader, options: BGPCodecOptions
    ) throws(BGPMessageError) -> BGPPathAttributes {
        var attributes = BGPPathAttributes()
        var seen = Set<UInt8>()
        while reader.remaining > 0 {
            let start = reader.offset
            guard reader.remaining >= 3 else {
                throw BGPMessageError(.malformedAttributeList, "truncated attribute header", at: start)
            }
            let flags = reader.readUInt8()
            let type = reader.readUInt8()
            let extended = flags & BGPAttributeFlags.extendedLength != 0
            guard !extended || reader.remaining >= 2 else {
                throw BGPMessageError(.malformedAttributeList, "truncated extended attribute length", at: start)
            }
            let length = extended ? Int(reader.readUInt16()) : Int(reader.readUInt8())
            guard length <= reader.remaining else {
                throw BGPMessageError(
                    .malformedAttributeList, "attribute \(type) length \(length) overruns the attributes", at: start)
            }
            guard seen.insert(type).inserted else {
                throw BGPMessageError(.malformedAttributeList, "attribute \(type) appears twice", at: start)
            }
            let whole = Array(reader.bytes[start..<reader.offset + length])
            var value = reader.subReader(length)
            try decodeAttribute(
                flags: flags, type: type, value: &value, whole: whole, at: start, options: options, into: &attributes)
        }
        return attributes
    }

    /// The flags a known attribute must carry (optional and transitive bits), and whether
    /// partial is allowed.
    static func expectedFlags(_ type: UInt8) -> (flags: UInt8, partialAllowed: Bool)? {
        switch type {
        case BGPAttributeType.origin, BGPAttributeType.asPath, BGPAttributeType.nextHop,
            BGPAttributeType.localPreference, BGPAttributeType.atomicAggregate:
            (BGPAttributeFlags.transitive, false)
        case BGPAttributeType.multiExitDiscriminator: (BGPAttributeFlags.optional, false)
        case BGPAttributeType.communities: (BGPAttributeFlags.optional | BGPAttributeFlags.transitive, true)
        default: nil
        }
    }

    static func decodeAttribute(
        flags: UInt8, type: UInt8, value: inout BGPByteReader, whole: [UInt8], at start: Int,
        options: BGPCodecOptions, into attributes: inout BGPPathAttributes
    ) throws(BGPMessageError) {
        guard let expected = expectedFlags(type) else {
            guard flags & BGPAttributeFlags.optional != 0 else {
                throw BGPMessageError(
                    .unrecognizedWellKnownAttribute(whole), "unknown well-known attribute \(type)", at: start)
            }
            attributes.other.append(BGPRawAttribute(flags: flags, type: type, value: value.readBytes(value.remaining)))
            return
        }
        let typeBits = flags & (BGPAttributeFlags.optional | BGPAttributeFlags.transitive)
        let partial = flags & BGPAttributeFlags.partial != 0
        guard typeBits == expected.flags, !partial || expected.partialAllowed else {
            throw BGPMessageError(
                .attributeFlagsError(whole), "attribute \(type) flags 0x\(String(flags, radix: 16))", at: start)
        }
        let length = value.remaining
        func lengthError() -> BGPMessageError {
            BGPMessageError(.attributeLengthError(whole), "attribute \(type) length \(length)", at: start)
        }
        switch type {
        case BGPAttributeType.origin:
            guard length == 1 else { throw lengthError() }
            let raw = value.readUInt8()
            guard let origin = BGPOrigin(rawValue: raw) else {
                throw BGPMessageError(.invalidOriginAttribute(whole), "ORIGIN value \(raw)", at: start)
            }
            attributes.origin = origin
        case BGPAttributeType.asPath:
            attributes.asPath = try decodeASPath(&value, options: options, at: start)
        case BGPAttributeType.nextHop:
            guard length == 4 else { throw lengthError() }
            let nextHop = IPv4Address(value.readUInt32())
            guard !nextHop.isUnspecified, nextHop.value != UInt32.max, nextHop.value >> 28 != 0xE else {
                throw BGPMessageError(.invalidNextHopAttribute(whole), "NEXT_HOP \(nextHop)", at: start)
            }
            attributes.nextHop = nextHop
        case BGPAttributeType.multiExitDiscriminator:
            guard length == 4 else { throw lengthError() }
            attributes.multiExitDiscriminator = value.readUInt32()
        case BGPAttributeType.localPreference:
            guard length == 4 else { throw lengthError() }
            attributes.localPreference = value.readUInt32()
        case BGPAttributeType.atomicAggregate:
            guard length == 0 else { throw lengthError() }
            attributes.atomicAggregate = true
        default:  // communities
            guard length % 4 == 0 else { throw lengthError() }
            var communities: [BGPCommunity] = []
            communities.reserveCapacity(length / 4)
            while value.remaining > 0 {
                communities.append(BGPCommunity(rawValue: value.readUInt32()))
            }
            attributes.communities = communities
        }
    }

    static func decodeASPath(
        _ reader: inout BGPByteReader, options: BGPCodecOptions, at start: Int
    ) throws(BGPMessageError) -> [BGPASPathSegment] {
        let width = options.fourOctetAS ? 4 : 2
        var segments: [BGPASPathSegment] = []
        while reader.remaining > 0 {
            guard reader.remaining >= 2 else {
                throw BGPMessageError(.malformedASPath, "truncated AS_PATH segment header", at: reader.offset)
            }
            let kindOctet = reader.readUInt8()
            let count = Int(reader.readUInt8())
            guard let kind = BGPASPathSegment.Kind(rawValue: kindOctet) else {
                throw BGPMessageError(.malformedASPath, "AS_PATH segment type \(kindOctet)", at: reader.offset - 2)
            }
            guard count > 0, count * width <= reader.remaining else {
                throw BGPMessageError(
                    .malformedASPath, "AS_PATH segment of \(count) ASes does not fit \(reader.remaining) octets",
                    at: reader.offset - 1)
            }
            var asns: [UInt32] = []
            asns.reserveCapacity(count)
            for _ in 0..<count {
                asns.append(width == 4 ? reader.readUInt32() : UInt32(reader.readUInt16()))
            }
            segments.append(BGPASPathSegment(kind: kind, asns: asns))
        }
        return segments
    }
}
