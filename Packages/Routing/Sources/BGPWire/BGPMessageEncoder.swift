import Models
import Routing

/// Encodes BGP messages to bytes, header included.
public enum BGPMessageEncoder {
    /// Encodes one message.
    ///
    /// - Parameters:
    ///   - message: the message.
    ///   - options: whether AS_PATH carries 4-octet AS numbers.
    /// - Throws: ``BGPEncodingError`` when a field does not fit its wire width or the message
    ///   would exceed 4096 octets.
    public static func encode(_ message: BGPMessage, options: BGPCodecOptions) throws(BGPEncodingError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0xFF, count: 16)
        bytes.reserveCapacity(64)
        bytes += [0, 0, message.type.rawValue]
        switch message {
        case .open(let open): try encodeOpen(open, into: &bytes)
        case .update(let update): try encodeUpdate(update, options: options, into: &bytes)
        case .notification(let notification):
            bytes += [notification.code, notification.subcode]
            bytes += notification.data
        case .keepalive: break
        }
        guard bytes.count <= BGPWireFormat.maximumMessageLength else {
            throw .messageTooLong(length: bytes.count)
        }
        bytes[16] = UInt8(bytes.count >> 8)
        bytes[17] = UInt8(bytes.count & 0xFF)
        return bytes
    }

    static func append(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }

    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(value >> 24))
        bytes.append(UInt8((value >> 16) & 0xFF))
        bytes.append(UInt8((value >> 8) & 0xFF))
        bytes.append(UInt8(value & 0xFF))
    }

    static func encodeOpen(_ open: BGPOpen, into bytes: inout [UInt8]) throws(BGPEncodingError) {
        bytes.append(4)
        append(open.myAutonomousSystem, to: &bytes)
        append(open.holdTime, to: &bytes)
        append(open.identifier.value, to: &bytes)
        var capabilities: [UInt8] = []
        for capability in open.capabilities {
            switch capability {
            case .multiprotocol(let afi, let safi):
                capabilities += [1, 4]
                append(afi, to: &capabilities)
                capabilities += [0, safi]
            case .fourOctetAS(let asn):
                capabilities += [65, 4]
                append(asn, to: &capabilities)
            case .unknown(let code, let value):
                guard value.count <= 255 else { throw .fieldTooLong(field: "capability \(code)", count: value.count) }
                capabilities += [code, UInt8(value.count)]
                capabilities += value
            }
        }
        if capabilities.isEmpty {
            bytes.append(0)
            return
        }
        guard capabilities.count <= 253 else {
            throw .fieldTooLong(field: "capabilities", count: capabilities.count)
        }
        bytes += [UInt8(capabilities.count + 2), 2, UInt8(capabilities.count)]
        bytes += capabilities
    }

    static func encodeUpdate(
        _ update: BGPUpdate, options: BGPCodecOptions, into bytes: inout [UInt8]
    ) throws(BGPEncodingError) {
        let withdrawnStart = bytes.count
        bytes += [0, 0]
        for prefix in update.withdrawn { appendPrefix(prefix, to: &bytes) }
        let withdrawnLength = bytes.count - withdrawnStart - 2
        guard withdrawnLength <= Int(UInt16.max) else { throw .messageTooLong(length: withdrawnLength) }
        bytes[withdrawnStart] = UInt8(withdrawnLength >> 8)
        bytes[withdrawnStart + 1] = UInt8(withdrawnLength & 0xFF)
        let attributesStart = bytes.count
        bytes += [0, 0]
        try encodeAttributes(update.attributes, options: options, into: &bytes)
        let attributesLength = bytes.count - attributesStart - 2
        guard attributesLength <= Int(UInt16.max) else { throw .messageTooLong(length: attributesLength) }
        bytes[attributesStart] = UInt8(attributesLength >> 8)
        bytes[attributesStart + 1] = UInt8(attributesLength & 0xFF)
        for prefix in update.announced { appendPrefix(prefix, to: &bytes) }
    }

    /// Length octet and the significant address octets, host bits cleared.
    static func appendPrefix(_ prefix: IPv4Prefix, to bytes: inout [UInt8]) {
        bytes.append(prefix.length)
        let network = prefix.networkAddress.value
        let octets = (Int(prefix.length) + 7) / 8
        for index in 0..<octets {
            bytes.append(UInt8((network >> (24 - 8 * UInt32(index))) & 0xFF))
        }
    }

    /// The encoded size of one prefix.
    public static func encodedSize(of prefix: IPv4Prefix) -> Int { 1 + (Int(prefix.length) + 7) / 8 }

    static func appendAttribute(flags: UInt8, type: UInt8, value: [UInt8], to bytes: inout [UInt8])
        throws(BGPEncodingError)
    {
        guard value.count <= Int(UInt16.max) else {
            throw .fieldTooLong(field: "attribute \(type)", count: value.count)
        }
        if value.count > 255 {
            bytes += [flags | BGPAttributeFlags.extendedLength, type]
            append(UInt16(value.count), to: &bytes)
        } else {
            bytes += [flags, type, UInt8(value.count)]
        }
        bytes += value
    }

    /// The encoded path attributes (without the total length field).
    public static func encodeAttributes(
        _ attributes: BGPPathAttributes, options: BGPCodecOptions, into bytes: inout [UInt8]
    ) throws(BGPEncodingError) {
        let wellKnown = BGPAttributeFlags.transitive
        if let origin = attributes.origin {
            try appendAttribute(flags: wellKnown, type: BGPAttributeType.origin, value: [origin.rawValue], to: &bytes)
        }
        if let asPath = attributes.asPath {
            var value: [UInt8] = []
            for segment in asPath {
                guard segment.asns.count <= 255 else {
                    throw .fieldTooLong(field: "AS_PATH segment", count: segment.asns.count)
                }
                value += [segment.kind.rawValue, UInt8(segment.asns.count)]
                for asn in segment.asns {
                    if options.fourOctetAS {
                        append(asn, to: &value)
                    } else {
                        guard let narrow = UInt16(exactly: asn) else { throw .asnNeedsFourOctets(asn) }
                        append(narrow, to: &value)
                    }
                }
            }
            try appendAttribute(flags: wellKnown, type: BGPAttributeType.asPath, value: value, to: &bytes)
        }
        if let nextHop = attributes.nextHop {
            try appendAttribute(flags: wellKnown, type: BGPAttributeType.nextHop, value: nextHop.bytes, to: &bytes)
        }
        if let med = attributes.multiExitDiscriminator {
            var value: [UInt8] = []
            append(med, to: &value)
            try appendAttribute(
                flags: BGPAttributeFlags.optional, type: BGPAttributeType.multiExitDiscriminator, value: value,
                to: &bytes)
        }
        if let localPreference = attributes.localPreference {
            var value: [UInt8] = []
            append(localPreference, to: &value)
            try appendAttribute(flags: wellKnown, type: BGPAttributeType.localPreference, value: value, to: &bytes)
        }
        if attributes.atomicAggregate {
            try appendAttribute(flags: wellKnown, type: BGPAttributeType.atomicAggregate, value: [], to: &bytes)
        }
        if let communities = attributes.communities {
            var value: [UInt8] = []
            value.reserveCapacity(communities.count * 4)
            for community in communities { append(community.rawValue, to: &value) }
            try appendAttribute(
                flags: BGPAttributeFlags.optional | BGPAttributeFlags.transitive, type: BGPAttributeType.communities,
                value: value, to: &bytes)
        }
        for raw in attributes.other {
            try appendAttribute(flags: raw.flags, type: raw.type, value: raw.value, to: &bytes)
        }
    }

    /// UPDATEs announcing `prefixes` with `attributes`, as few as fit in 4096 octets each.
    ///
    /// - Throws: ``BGPEncodingError`` when the attributes alone do not fit a message.
    public static func announcements(
        of prefixes: [IPv4Prefix], attributes: BGPPathAttributes, options: BGPCodecOptions
    ) throws(BGPEncodingError) -> [BGPUpdate] {
        var attributeBytes: [UInt8] = []
        try encodeAttributes(attributes, options: options, into: &attributeBytes)
        let budget = BGPWireFormat.maximumMessageLength - BGPWireFormat.minimumUpdateLength - attributeBytes.count
        guard budget >= 5 else {
            throw .messageTooLong(length: BGPWireFormat.minimumUpdateLength + attributeBytes.count + 5)
        }
        return chunks(prefixes, budget: budget).map { BGPUpdate(attributes: attributes, announced: $0) }
    }

    /// UPDATEs withdrawing `prefixes`, as few as fit in 4096 octets each.
    public static func withdrawals(of prefixes: [IPv4Prefix]) -> [BGPUpdate] {
        let budget = BGPWireFormat.maximumMessageLength - BGPWireFormat.minimumUpdateLength
        return chunks(prefixes, budget: budget).map { BGPUpdate(withdrawn: $0) }
    }

    static func chunks(_ prefixes: [IPv4Prefix], budget: Int) -> [[IPv4Prefix]] {
        var result: [[IPv4Prefix]] = []
        var current: [IPv4Prefix] = []
        var used = 0
        for prefix in prefixes {
            let size = encodedSize(of: prefix)
            if used + size > budget {
                result.append(current)
                current = []
                used = 0
            }
            current.append(prefix)
            used += size
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
