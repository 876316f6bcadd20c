import BGPWire
import Testing

/// One malformed input and the NOTIFICATION RFC 4271 §6 prescribes for it.
struct MalformedCase: CustomTestStringConvertible, Sendable {
    let name: String
    let bytes: [UInt8]
    let notification: BGPNotification
    var options = BGPCodecOptions.fourOctet
    var testDescription: String { name }

    /// An OPEN with the body `body`, which must fail with `notification`.
    static func opening(_ name: String, _ body: [UInt8], _ notification: BGPNotification) -> MalformedCase {
        MalformedCase(name: name, bytes: BGPTestBytes.message(type: 1, body: body), notification: notification)
    }

    /// An UPDATE announcing 1.1.1.1/32 with the path attributes `attributes`, which must fail with `notification`.
    static func announcing(
        _ name: String, _ attributes: [UInt8], _ notification: BGPNotification, options: BGPCodecOptions = .fourOctet
    ) -> MalformedCase {
        MalformedCase(
            name: name, bytes: BGPTestBytes.update(attributes: attributes, nlri: [32, 1, 1, 1, 1]),
            notification: notification, options: options)
    }
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
            .opening("version 3", B.openBody(version: 3), .unsupportedVersionNumber),
            .opening("hold time 1", B.openBody(holdTime: 1), .unacceptableHoldTime),
            .opening("hold time 2", B.openBody(holdTime: 2), .unacceptableHoldTime),
            .opening("identifier 0.0.0.0", B.openBody(identifier: 0), .badBGPIdentifier),
            .opening("multicast identifier", B.openBody(identifier: 0xE000_0001), .badBGPIdentifier),
            .opening(
                "optional parameter type 1 (authentication)", B.openBody(parameters: [1, 1, 0]),
                .unsupportedOptionalParameter),
            .opening(
                "optional parameters length beyond the message",
                Array(B.openBody(parameters: [2, 2, 65, 0]).dropLast()), .malformedOpen),
            .opening("parameter length overruns", B.openBody(parameters: [2, 9, 65, 4]), .malformedOpen),
            .opening("truncated parameter header", B.openBody(parameters: [2]), .malformedOpen),
            .opening("capability length overruns", B.openBody(parameters: [2, 2, 65, 4]), .malformedOpen),
            .opening("truncated capability header", B.openBody(parameters: [2, 1, 65]), .malformedOpen),
            .opening(
                "four-octet AS capability of 2 octets", B.openBody(parameters: [2, 4, 65, 2, 0, 1]), .malformedOpen),
            .opening(
                "multiprotocol capability of 3 octets", B.openBody(parameters: [2, 5, 1, 3, 0, 1, 0]), .malformedOpen),
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
            .announcing("duplicate ORIGIN", B.mandatory + B.origin, .malformedAttributeList),
            .announcing(
                "unknown well-known attribute", B.mandatory + unknownWellKnown,
                .unrecognizedWellKnownAttribute(unknownWellKnown)),
            .announcing("NLRI without ORIGIN", B.asPath + B.nextHop, .missingWellKnownAttribute(1)),
            .announcing("NLRI without AS_PATH", B.origin + B.nextHop, .missingWellKnownAttribute(2)),
            .announcing("NLRI without NEXT_HOP", B.origin + B.asPath, .missingWellKnownAttribute(3)),
            .announcing(
                "ORIGIN marked optional", wellKnownFlagsWrong + B.asPath + B.nextHop,
                .attributeFlagsError(wellKnownFlagsWrong)),
            .announcing(
                "COMMUNITIES marked well-known", B.mandatory + communityFlagsWrong,
                .attributeFlagsError(communityFlagsWrong)),
            .announcing("MED marked partial", B.mandatory + medPartial, .attributeFlagsError(medPartial)),
            .announcing("ORIGIN of 2 octets", originLong + B.asPath + B.nextHop, .attributeLengthError(originLong)),
            .announcing(
                "NEXT_HOP of 3 octets", B.origin + B.asPath + nextHopShort, .attributeLengthError(nextHopShort)),
            .announcing("MED of 2 octets", B.mandatory + medShort, .attributeLengthError(medShort)),
            .announcing("LOCAL_PREF of 5 octets", B.mandatory + localPrefLong, .attributeLengthError(localPrefLong)),
            .announcing(
                "ATOMIC_AGGREGATE with a value", B.mandatory + atomicWithValue, .attributeLengthError(atomicWithValue)),
            .announcing(
                "COMMUNITIES not a multiple of 4", B.mandatory + communitiesOdd, .attributeLengthError(communitiesOdd)),
            .announcing("ORIGIN value 3", originBad + B.asPath + B.nextHop, .invalidOriginAttribute(originBad)),
            .announcing("NEXT_HOP 0.0.0.0", B.origin + B.asPath + zeroNextHop, .invalidNextHopAttribute(zeroNextHop)),
            .announcing(
                "NEXT_HOP multicast", B.origin + B.asPath + multicastNextHop, .invalidNextHopAttribute(multicastNextHop)
            ),
            .announcing(
                "NEXT_HOP broadcast", B.origin + B.asPath + broadcastNextHop, .invalidNextHopAttribute(broadcastNextHop)
            ),
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
            .announcing(
                "AS_PATH segment type 5", B.origin + B.attribute(0x40, 2, [5, 1] + B.u32(1)) + B.nextHop,
                .malformedASPath),
            .announcing(
                "AS_PATH segment count 0", B.origin + B.attribute(0x40, 2, [2, 0]) + B.nextHop, .malformedASPath),
            .announcing(
                "AS_PATH segment longer than the attribute",
                B.origin + B.attribute(0x40, 2, [2, 2] + B.u32(1)) + B.nextHop, .malformedASPath),
            .announcing(
                "AS_PATH truncated segment header", B.origin + B.attribute(0x40, 2, [2]) + B.nextHop, .malformedASPath),
            .announcing(
                "AS_PATH of 2-octet ASes read as 4-octet",
                B.origin + B.attribute(0x40, 2, [2, 3, 0, 1, 0, 2, 0, 3]) + B.nextHop, .malformedASPath),
            .announcing(
                "AS_PATH of 3 octets in a 2-octet session", B.origin + B.attribute(0x40, 2, [2, 1, 0]) + B.nextHop,
                .malformedASPath, options: .twoOctet),
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
