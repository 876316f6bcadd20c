import BGPWire
import Testing

/// One malformed input and the NOTIFICATION RFC 4271 §6 prescribes for it.
struct MalformedCase: CustomTestStringConvertible, Sendable {
    let name: String
    let bytes: [UInt8]
    let notification: BGPNotification
    var options = BGPCodecOptions.fourOctet
    var testDescription: String { name }
}

@Suite("BGP codec: malformed input yields its NOTIFICATION")
struct BGPMalformedMessageTests {
    typealias B = BGPTestBytes

    static let cases: [MalformedCase] = {
        let u = B.update
        var badMarker = B.message(type: 4, body: [])
        badMarker[3] = 0
        let wellKnownFlagsWrong = B.attribute(0xC0, 1, [0])
        let communityFlagsWrong = B.attribute(0x40, 8, B.u32(1))
        let medPartial = B.attribute(0xA0, 4, B.u32(1))
        let originLong = B.attribute(0x40, 1, [0, 0])
        let nextHopShort = B.attribute(0x40, 3, [1, 2, 3])
        let medShort = B.attribute(0x80, 4, [1, 2])
        let localPrefLong = B.attribute(0x40, 5, [1, 2, 3, 4, 5])
        let atomicWithValue = B.attribute(0x40, 6, [1])
        let communitiesOdd = B.attribute(0xC0, 8, [1, 2, 3, 4, 5, 6])
        let originBad = B.attribute(0x40, 1, [3])
        let unknownWellKnown = B.attribute(0x40, 99, [1])
        let zeroNextHop = B.attribute(0x40, 3, [0, 0, 0, 0])
        let multicastNextHop = B.attribute(0x40, 3, [224, 0, 0, 5])
        let broadcastNextHop = B.attribute(0x40, 3, [255, 255, 255, 255])
        return [
            // Header (code 1)
            MalformedCase(name: "marker not all ones", bytes: badMarker, notification: .connectionNotSynchronized),
            MalformedCase(
                name: "length below 19", bytes: B.message(type: 4, body: [], length: 18),
                notification: .badMessageLength(18)),
            MalformedCase(
                name: "length above 4096", bytes: B.message(type: 2, body: [0, 0, 0, 0], length: 4097),
                notification: .badMessageLength(4097)),
            MalformedCase(
                name: "KEEPALIVE with a body", bytes: B.message(type: 4, body: [0]), notification: .badMessageLength(20)
            ),
            MalformedCase(
                name: "OPEN shorter than 29", bytes: B.message(type: 1, body: [4, 0, 1, 0, 90, 1, 1, 1, 1]),
                notification: .badMessageLength(28)),
            MalformedCase(
                name: "UPDATE shorter than 23", bytes: B.message(type: 2, body: [0, 0, 0]),
                notification: .badMessageLength(22)),
            MalformedCase(
                name: "NOTIFICATION shorter than 21", bytes: B.message(type: 3, body: [6]),
                notification: .badMessageLength(20)),
            MalformedCase(
                name: "length field disagrees with the bytes", bytes: B.message(type: 4, body: [], length: 19) + [0],
                notification: .badMessageLength(19)),
            MalformedCase(name: "truncated header", bytes: [0xFF, 0xFF, 0xFF], notification: .badMessageLength(3)),
            MalformedCase(
                name: "unknown type 5 (ROUTE-REFRESH not negotiated)", bytes: B.message(type: 5, body: [0, 1, 0, 1]),
                notification: .badMessageType(5)),
            MalformedCase(name: "type 0", bytes: B.message(type: 0, body: []), notification: .badMessageType(0)),
            // OPEN (code 2)
            MalformedCase(
                name: "version 3", bytes: B.message(type: 1, body: B.openBody(version: 3)),
                notification: .unsupportedVersionNumber),
            MalformedCase(
                name: "hold time 1", bytes: B.message(type: 1, body: B.openBody(holdTime: 1)),
                notification: .unacceptableHoldTime),
            MalformedCase(
                name: "hold time 2", bytes: B.message(type: 1, body: B.openBody(holdTime: 2)),
                notification: .unacceptableHoldTime),
            MalformedCase(
                name: "identifier 0.0.0.0", bytes: B.message(type: 1, body: B.openBody(identifier: 0)),
                notification: .badBGPIdentifier),
            MalformedCase(
                name: "multicast identifier", bytes: B.message(type: 1, body: B.openBody(identifier: 0xE000_0001)),
                notification: .badBGPIdentifier),
            MalformedCase(
                name: "optional parameter type 1 (authentication)",
                bytes: B.message(type: 1, body: B.openBody(parameters: [1, 1, 0])),
                notification: .unsupportedOptionalParameter),
            MalformedCase(
                name: "optional parameters length beyond the message",
                bytes: B.message(type: 1, body: Array(B.openBody(parameters: [2, 2, 65, 0]).dropLast())),
                notification: .malformedOpen),
            MalformedCase(
                name: "parameter length overruns",
                bytes: B.message(type: 1, body: B.openBody(parameters: [2, 9, 65, 4])), notification: .malformedOpen),
            MalformedCase(
                name: "truncated parameter header", bytes: B.message(type: 1, body: B.openBody(parameters: [2])),
                notification: .malformedOpen),
            MalformedCase(
                name: "capability length overruns",
                bytes: B.message(type: 1, body: B.openBody(parameters: [2, 2, 65, 4])), notification: .malformedOpen),
            MalformedCase(
                name: "truncated capability header",
                bytes: B.message(type: 1, body: B.openBody(parameters: [2, 1, 65])), notification: .malformedOpen),
            MalformedCase(
                name: "four-octet AS capability of 2 octets",
                bytes: B.message(type: 1, body: B.openBody(parameters: [2, 4, 65, 2, 0, 1])),
                notification: .malformedOpen),
            MalformedCase(
                name: "multiprotocol capability of 3 octets",
                bytes: B.message(type: 1, body: B.openBody(parameters: [2, 5, 1, 3, 0, 1, 0])),
                notification: .malformedOpen),
            // UPDATE (code 3)
            MalformedCase(
                name: "withdrawn length beyond the message", bytes: B.message(type: 2, body: B.u16(10) + [0, 0]),
                notification: .malformedAttributeList),
            MalformedCase(
                name: "attribute length beyond the message", bytes: B.message(type: 2, body: B.u16(0) + B.u16(10)),
                notification: .malformedAttributeList),
            MalformedCase(
                name: "truncated attribute header", bytes: u([], [0x40, 1], []), notification: .malformedAttributeList),
            MalformedCase(
                name: "truncated extended length", bytes: u([], [0x50, 1, 0], []), notification: .malformedAttributeList
            ),
            MalformedCase(
                name: "attribute value overruns the attributes", bytes: u([], [0x40, 1, 5, 0], []),
                notification: .malformedAttributeList),
            MalformedCase(
                name: "duplicate ORIGIN", bytes: u([], B.mandatory + B.origin, [32, 1, 1, 1, 1]),
                notification: .malformedAttributeList),
            MalformedCase(
                name: "unknown well-known attribute", bytes: u([], B.mandatory + unknownWellKnown, [32, 1, 1, 1, 1]),
                notification: .unrecognizedWellKnownAttribute(unknownWellKnown)),
            MalformedCase(
                name: "NLRI without ORIGIN", bytes: u([], B.asPath + B.nextHop, [32, 1, 1, 1, 1]),
                notification: .missingWellKnownAttribute(1)),
            MalformedCase(
                name: "NLRI without AS_PATH", bytes: u([], B.origin + B.nextHop, [32, 1, 1, 1, 1]),
                notification: .missingWellKnownAttribute(2)),
            MalformedCase(
                name: "NLRI without NEXT_HOP", bytes: u([], B.origin + B.asPath, [32, 1, 1, 1, 1]),
                notification: .missingWellKnownAttribute(3)),
            MalformedCase(
                name: "ORIGIN marked optional",
                bytes: u([], wellKnownFlagsWrong + B.asPath + B.nextHop, [32, 1, 1, 1, 1]),
                notification: .attributeFlagsError(wellKnownFlagsWrong)),
            MalformedCase(
                name: "COMMUNITIES marked well-known",
                bytes: u([], B.mandatory + communityFlagsWrong, [32, 1, 1, 1, 1]),
                notification: .attributeFlagsError(communityFlagsWrong)),
            MalformedCase(
                name: "MED marked partial", bytes: u([], B.mandatory + medPartial, [32, 1, 1, 1, 1]),
                notification: .attributeFlagsError(medPartial)),
            MalformedCase(
                name: "ORIGIN of 2 octets", bytes: u([], originLong + B.asPath + B.nextHop, [32, 1, 1, 1, 1]),
                notification: .attributeLengthError(originLong)),
            MalformedCase(
                name: "NEXT_HOP of 3 octets", bytes: u([], B.origin + B.asPath + nextHopShort, [32, 1, 1, 1, 1]),
                notification: .attributeLengthError(nextHopShort)),
            MalformedCase(
                name: "MED of 2 octets", bytes: u([], B.mandatory + medShort, [32, 1, 1, 1, 1]),
                notification: .attributeLengthError(medShort)),
            MalformedCase(
                name: "LOCAL_PREF of 5 octets", bytes: u([], B.mandatory + localPrefLong, [32, 1, 1, 1, 1]),
                notification: .attributeLengthError(localPrefLong)),
            MalformedCase(
                name: "ATOMIC_AGGREGATE with a value", bytes: u([], B.mandatory + atomicWithValue, [32, 1, 1, 1, 1]),
                notification: .attributeLengthError(atomicWithValue)),
            MalformedCase(
                name: "COMMUNITIES not a multiple of 4", bytes: u([], B.mandatory + communitiesOdd, [32, 1, 1, 1, 1]),
                notification: .attributeLengthError(communitiesOdd)),
            MalformedCase(
                name: "ORIGIN value 3", bytes: u([], originBad + B.asPath + B.nextHop, [32, 1, 1, 1, 1]),
                notification: .invalidOriginAttribute(originBad)),
            MalformedCase(
                name: "NEXT_HOP 0.0.0.0", bytes: u([], B.origin + B.asPath + zeroNextHop, [32, 1, 1, 1, 1]),
                notification: .invalidNextHopAttribute(zeroNextHop)),
            MalformedCase(
                name: "NEXT_HOP multicast", bytes: u([], B.origin + B.asPath + multicastNextHop, [32, 1, 1, 1, 1]),
                notification: .invalidNextHopAttribute(multicastNextHop)),
            MalformedCase(
                name: "NEXT_HOP broadcast", bytes: u([], B.origin + B.asPath + broadcastNextHop, [32, 1, 1, 1, 1]),
                notification: .invalidNextHopAttribute(broadcastNextHop)),
            MalformedCase(
                name: "NLRI prefix length 33", bytes: u([], B.mandatory, [33, 1, 1, 1, 1, 1]),
                notification: .invalidNetworkField),
            MalformedCase(
                name: "NLRI prefix truncated", bytes: u([], B.mandatory, [24, 10, 0]),
                notification: .invalidNetworkField),
            MalformedCase(
                name: "withdrawn prefix length 40", bytes: u([40, 1, 1, 1, 1, 1], [], []),
                notification: .invalidNetworkField),
            MalformedCase(
                name: "withdrawn prefix truncated", bytes: u([32, 1, 1], [], []), notification: .invalidNetworkField),
            MalformedCase(
                name: "AS_PATH segment type 5",
                bytes: u([], B.origin + B.attribute(0x40, 2, [5, 1] + B.u32(1)) + B.nextHop, [32, 1, 1, 1, 1]),
                notification: .malformedASPath),
            MalformedCase(
                name: "AS_PATH segment count 0",
                bytes: u([], B.origin + B.attribute(0x40, 2, [2, 0]) + B.nextHop, [32, 1, 1, 1, 1]),
                notification: .malformedASPath),
            MalformedCase(
                name: "AS_PATH segment longer than the attribute",
                bytes: u([], B.origin + B.attribute(0x40, 2, [2, 2] + B.u32(1)) + B.nextHop, [32, 1, 1, 1, 1]),
                notification: .malformedASPath),
            MalformedCase(
                name: "AS_PATH truncated segment header",
                bytes: u([], B.origin + B.attribute(0x40, 2, [2]) + B.nextHop, [32, 1, 1, 1, 1]),
                notification: .malformedASPath),
            MalformedCase(
                name: "AS_PATH of 2-octet ASes read as 4-octet",
                bytes: u([], B.origin + B.attribute(0x40, 2, [2, 3, 0, 1, 0, 2, 0, 3]) + B.nextHop, [32, 1, 1, 1, 1]),
                notification: .malformedASPath),
            MalformedCase(
                name: "AS_PATH of 3 octets in a 2-octet session",
                bytes: u([], B.origin + B.attribute(0x40, 2, [2, 1, 0]) + B.nextHop, [32, 1, 1, 1, 1]),
                notification: .malformedASPath, options: .twoOctet),
        ]
    }()

    @Test("each malformed message throws its NOTIFICATION", arguments: cases)
    func malformed(_ input: MalformedCase) {
        do {
            let message = try BGPMessageDecoder.decode(input.bytes, options: input.options)
            Issue.record("decoded \(message) instead of throwing \(input.notification)")
        } catch {
            #expect(error.notification == input.notification, "\(error)")
            #expect(error.offset >= 0 && error.offset <= max(input.bytes.count, 19))
            #expect(!error.reason.isEmpty)
        }
    }

    @Test("every RFC 4271 code and subcode the decoder can produce is covered by a case")
    func coverage() {
        let covered = Set(Self.cases.map { [$0.notification.code, $0.notification.subcode] })
        let expected: Set<[UInt8]> = [
            [1, 1], [1, 2], [1, 3], [2, 0], [2, 1], [2, 3], [2, 4], [2, 6],
            [3, 1], [3, 2], [3, 3], [3, 4], [3, 5], [3, 6], [3, 8], [3, 10], [3, 11],
        ]
        #expect(covered == expected)
    }
}
