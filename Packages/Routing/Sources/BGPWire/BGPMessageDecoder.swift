import Models

/// Decodes BGP messages from bytes, validating every length and field (RFC 4271 §6).
///
/// Every malformed input throws a ``BGPMessageError`` carrying the NOTIFICATION to send; no
/// input traps.
public enum BGPMessageDecoder {
    /// Validates a message header (the first 19 octets of `bytes`) and returns the message length.
    ///
    /// - Throws: 1/1 when the marker is not all ones, 1/2 when the length is below 19 or above
    ///   4096, or below the minimum (or, for KEEPALIVE, not exactly) for the type, and 1/3 for an
    ///   unknown type.
    public static func messageLength(header bytes: [UInt8]) throws(BGPMessageError) -> Int {
        guard bytes.count >= BGPWireFormat.headerLength else {
            throw BGPMessageError(
                .badMessageLength(UInt16(bytes.count)), "header needs 19 octets, have \(bytes.count)", at: 0)
        }
        for index in 0..<16 where bytes[index] != 0xFF {
            throw BGPMessageError(.connectionNotSynchronized, "marker octet is not 0xFF", at: index)
        }
        let length = UInt16(bytes[16]) << 8 | UInt16(bytes[17])
        let typeOctet = bytes[18]
        guard let type = BGPMessageType(rawValue: typeOctet) else {
            throw BGPMessageError(.badMessageType(typeOctet), "unknown message type \(typeOctet)", at: 18)
        }
        let minimum: Int
        switch type {
        case .open: minimum = BGPWireFormat.minimumOpenLength
        case .update: minimum = BGPWireFormat.minimumUpdateLength
        case .notification: minimum = BGPWireFormat.minimumNotificationLength
        case .keepalive: minimum = BGPWireFormat.headerLength
        }
        let maximum = type == .keepalive ? BGPWireFormat.headerLength : BGPWireFormat.maximumMessageLength
        guard Int(length) >= minimum, Int(length) <= maximum else {
            throw BGPMessageError(
                .badMessageLength(length), "length \(length) outside \(minimum)...\(maximum) for \(type)", at: 16)
        }
        return Int(length)
    }

    /// Decodes exactly one message: `bytes` must hold the header and nothing after the message.
    ///
    /// - Parameters:
    ///   - bytes: the message, header included.
    ///   - options: whether AS_PATH carries 4-octet AS numbers.
    /// - Throws: ``BGPMessageError`` with the NOTIFICATION RFC 4271 prescribes.
    public static func decode(_ bytes: [UInt8], options: BGPCodecOptions) throws(BGPMessageError) -> BGPMessage {
        let length = try messageLength(header: bytes)
        guard length == bytes.count else {
            throw BGPMessageError(
                .badMessageLength(UInt16(length)), "length field \(length) but \(bytes.count) octets", at: 16)
        }
        var reader = BGPByteReader(bytes, from: BGPWireFormat.headerLength, to: length)
        switch BGPMessageType(rawValue: bytes[18]) {
        case .open: return .open(try decodeOpen(&reader))
        case .update: return .update(try BGPUpdateDecoder.decode(&reader, options: options))
        case .notification: return .notification(decodeNotification(&reader))
        case .keepalive, nil: return .keepalive
        }
    }

    static func decodeNotification(_ reader: inout BGPByteReader) -> BGPNotification {
        let code = reader.readUInt8()
        let subcode = reader.readUInt8()
        return BGPNotification(code: code, subcode: subcode, data: reader.readBytes(reader.remaining))
    }

    static func decodeOpen(_ reader: inout BGPByteReader) throws(BGPMessageError) -> BGPOpen {
        let version = reader.readUInt8()
        guard version == 4 else {
            throw BGPMessageError(.unsupportedVersionNumber, "version \(version)", at: reader.offset - 1)
        }
        let myAS = reader.readUInt16()
        let holdTime = reader.readUInt16()
        guard holdTime == 0 || holdTime >= 3 else {
            throw BGPMessageError(.unacceptableHoldTime, "hold time \(holdTime) s", at: reader.offset - 2)
        }
        let identifier = IPv4Address(reader.readUInt32())
        guard !identifier.isUnspecified, identifier.value >> 28 != 0xE else {
            throw BGPMessageError(.badBGPIdentifier, "BGP identifier \(identifier)", at: reader.offset - 4)
        }
        let parametersLength = Int(reader.readUInt8())
        guard parametersLength == reader.remaining else {
            throw BGPMessageError(
                .malformedOpen, "optional parameters length \(parametersLength) but \(reader.remaining) octets follow",
                at: reader.offset - 1)
        }
        var capabilities: [BGPCapability] = []
        while reader.remaining > 0 {
            guard reader.remaining >= 2 else {
                throw BGPMessageError(.malformedOpen, "truncated optional parameter header", at: reader.offset)
            }
            let parameterType = reader.readUInt8()
            let parameterLength = Int(reader.readUInt8())
            guard parameterType == 2 else {
                throw BGPMessageError(
                    .unsupportedOptionalParameter, "optional parameter type \(parameterType)", at: reader.offset - 2)
            }
            guard parameterLength <= reader.remaining else {
                throw BGPMessageError(
                    .malformedOpen, "optional parameter length \(parameterLength) overruns the message",
                    at: reader.offset - 1)
            }
            var parameter = reader.subReader(parameterLength)
            while parameter.remaining > 0 {
                capabilities.append(try decodeCapability(&parameter))
            }
        }
        return BGPOpen(myAutonomousSystem: myAS, holdTime: holdTime, identifier: identifier, capabilities: capabilities)
    }

    static func decodeCapability(_ reader: inout BGPByteReader) throws(BGPMessageError) -> BGPCapability {
        guard reader.remaining >= 2 else {
            throw BGPMessageError(.malformedOpen, "truncated capability header", at: reader.offset)
        }
        let code = reader.readUInt8()
        let length = Int(reader.readUInt8())
        guard length <= reader.remaining else {
            throw BGPMessageError(.malformedOpen, "capability \(code) length \(length) overruns", at: reader.offset - 1)
        }
        switch code {
        case 1:
            guard length == 4 else {
                throw BGPMessageError(
                    .malformedOpen, "multiprotocol capability length \(length)", at: reader.offset - 1)
            }
            let afi = reader.readUInt16()
            _ = reader.readUInt8()
            return .multiprotocol(afi: afi, safi: reader.readUInt8())
        case 65:
            guard length == 4 else {
                throw BGPMessageError(
                    .malformedOpen, "four-octet AS capability length \(length)", at: reader.offset - 1)
            }
            return .fourOctetAS(reader.readUInt32())
        default:
            return .unknown(code: code, value: reader.readBytes(length))
        }
    }
}
