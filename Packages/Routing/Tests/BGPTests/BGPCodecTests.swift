import BGPWire
import Models
import Routing
import Testing

@Suite("BGP codec: every message and attribute")
struct BGPCodecTests {
    typealias B = BGPTestBytes

    @Test("KEEPALIVE is the 19-octet header")
    func keepalive() throws {
        let bytes = try BGPMessageEncoder.encode(.keepalive, options: .fourOctet)
        #expect(bytes == B.message(type: 4, body: []))
        #expect(try BGPMessageDecoder.decode(bytes, options: .fourOctet) == .keepalive)
    }

    @Test("OPEN with 4-octet AS and multiprotocol IPv4 unicast, byte for byte")
    func openBytes() throws {
        let open = BGPOpen(asn: 65000, holdTime: 90, identifier: IPv4Address(1, 1, 1, 1))
        let bytes = try BGPMessageEncoder.encode(.open(open), options: .fourOctet)
        #expect(bytes == B.message(type: 1, body: B.openBody()))
        let decoded = try BGPMessageDecoder.decode(bytes, options: .twoOctet)
        #expect(decoded == .open(open))
        #expect(open.asn == 65000)
        #expect(open.supports(afi: 1, safi: 1))
    }

    @Test("OPEN of a 4-octet AS carries AS_TRANS in the 2-octet field")
    func openASTrans() throws {
        let open = BGPOpen(asn: 4_200_000_000, holdTime: 3, identifier: IPv4Address(10, 0, 0, 1))
        #expect(open.myAutonomousSystem == 23456)
        let decoded = try BGPMessageDecoder.decode(
            try BGPMessageEncoder.encode(.open(open), options: .twoOctet), options: .twoOctet)
        guard case .open(let back) = decoded else {
            Issue.record("not an OPEN: \(decoded)")
            return
        }
        #expect(back.asn == 4_200_000_000)
        #expect(back.holdTime == 3)
    }

    @Test("OPEN keeps unknown capabilities and accepts several capability parameters")
    func openUnknownCapabilities() throws {
        let parameters: [UInt8] = [2, 2, 2, 0] + [2, 6, 65, 4] + B.u32(65342) + [2, 4, 70, 2, 9, 9]
        let bytes = B.message(type: 1, body: B.openBody(myAS: 65342, holdTime: 3, parameters: parameters))
        let decoded = try BGPMessageDecoder.decode(bytes, options: .twoOctet)
        #expect(
            decoded
                == .open(
                    BGPOpen(
                        myAutonomousSystem: 65342, holdTime: 3, identifier: IPv4Address(1, 1, 1, 1),
                        capabilities: [
                            .unknown(code: 2, value: []), .fourOctetAS(65342), .unknown(code: 70, value: [9, 9]),
                        ]
                    )))
    }

    @Test("OPEN without optional parameters")
    func openWithoutParameters() throws {
        let open = BGPOpen(myAutonomousSystem: 100, holdTime: 0, identifier: IPv4Address(9, 9, 9, 9), capabilities: [])
        let bytes = try BGPMessageEncoder.encode(.open(open), options: .twoOctet)
        #expect(bytes.count == 29)
        #expect(try BGPMessageDecoder.decode(bytes, options: .twoOctet) == .open(open))
        #expect(open.fourOctetAS == nil)
        #expect(open.asn == 100)
    }

    @Test("NOTIFICATION with and without data")
    func notification() throws {
        for notification in [BGPNotification.holdTimerExpired, .badMessageLength(5000), .administrativeShutdown] {
            let bytes = try BGPMessageEncoder.encode(.notification(notification), options: .fourOctet)
            #expect(bytes == B.message(type: 3, body: [notification.code, notification.subcode] + notification.data))
            #expect(try BGPMessageDecoder.decode(bytes, options: .fourOctet) == .notification(notification))
        }
        #expect(BGPNotification.badMessageLength(5000).data == [0x13, 0x88])
        #expect(BGPNotification.holdTimerExpired.description == "NOTIFICATION 4/0")
    }

    @Test(
        "UPDATE with ORIGIN, 4-octet AS_PATH, NEXT_HOP, MED, LOCAL_PREF, ATOMIC_AGGREGATE, COMMUNITIES, an unknown attribute, withdrawn routes and NLRI"
    )
    func fullUpdate() throws {
        let attributes = BGPPathAttributes(
            origin: .incomplete,
            asPath: [.sequence([65342, 4_200_000_000]), BGPASPathSegment(kind: .set, asns: [1, 2])],
            nextHop: IPv4Address(169, 254, 0, 0), multiExitDiscriminator: 7, localPreference: 100,
            atomicAggregate: true,
            communities: [BGPCommunity.allUsers, BGPCommunity(asn: 21682, value: 10001)],
            other: [BGPRawAttribute(flags: 0xC0, type: 32, value: [0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3])]
        )
        let update = BGPUpdate(
            withdrawn: ["10.1.0.0/16", "0.0.0.0/0"], attributes: attributes,
            announced: ["147.51.126.7/32", "10.0.0.0/8", "192.168.1.128/25"])
        let bytes = try BGPMessageEncoder.encode(.update(update), options: .fourOctet)
        let expected = B.update(
            withdrawn: [16, 10, 1, 0],  // 10.1/16 in 3 octets, 0.0.0.0/0 as the single octet 0
            attributes: B.attribute(0x40, 1, [2])
                + B.attribute(0x40, 2, [2, 2] + B.u32(65342) + B.u32(4_200_000_000) + [1, 2] + B.u32(1) + B.u32(2))
                + B.attribute(0x40, 3, [169, 254, 0, 0]) + B.attribute(0x80, 4, B.u32(7))
                + B.attribute(0x40, 5, B.u32(100)) + B.attribute(0x40, 6, [])
                + B.attribute(0xC0, 8, B.u32(0x54B2_04B0) + B.u32(0x54B2_2711))
                + B.attribute(0xC0, 32, [0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3]),
            nlri: [32, 147, 51, 126, 7, 8, 10, 25, 192, 168, 1, 128])
        #expect(bytes == expected)
        #expect(try BGPMessageDecoder.decode(bytes, options: .fourOctet) == .update(update))
    }

    @Test("UPDATE with a 2-octet AS_PATH")
    func twoOctetASPath() throws {
        let update = BGPUpdate(
            attributes: BGPPathAttributes(
                origin: .egp, asPath: [.sequence([65342, 21682])], nextHop: IPv4Address(10, 0, 0, 1)),
            announced: ["10.9.0.0/16"])
        let bytes = try BGPMessageEncoder.encode(.update(update), options: .twoOctet)
        #expect(bytes.contains(sequence: [0x40, 2, 6, 2, 2, 0xFF, 0x3E, 0x54, 0xB2]))
        #expect(try BGPMessageDecoder.decode(bytes, options: .twoOctet) == .update(update))
        #expect(throws: BGPEncodingError.asnNeedsFourOctets(70000)) {
            try BGPMessageEncoder.encode(
                .update(BGPUpdate(attributes: BGPPathAttributes(asPath: [.sequence([70000])]))), options: .twoOctet)
        }
    }

    @Test("UPDATE that only withdraws, End-of-RIB, and an empty AS_PATH")
    func withdrawOnly() throws {
        let withdraw = BGPUpdate(withdrawn: ["147.51.126.7/32"])
        let bytes = try BGPMessageEncoder.encode(.update(withdraw), options: .fourOctet)
        #expect(bytes == B.message(type: 2, body: B.u16(5) + [32, 147, 51, 126, 7] + B.u16(0)))
        #expect(try BGPMessageDecoder.decode(bytes, options: .fourOctet) == .update(withdraw))
        let endOfRIB = try BGPMessageDecoder.decode(B.message(type: 2, body: [0, 0, 0, 0]), options: .fourOctet)
        #expect(endOfRIB == .update(BGPUpdate()))
        #expect(BGPUpdate().isEndOfRIB)
        let emptyPath = BGPUpdate(
            attributes: BGPPathAttributes(origin: .igp, asPath: [], nextHop: IPv4Address(1, 2, 3, 4)),
            announced: ["1.0.0.0/8"])
        #expect(
            try BGPMessageDecoder.decode(
                try BGPMessageEncoder.encode(.update(emptyPath), options: .fourOctet), options: .fourOctet)
                == .update(emptyPath))
    }

    @Test("Host bits of received prefixes are cleared")
    func hostBitsCleared() throws {
        let bytes = B.update(nlri: [24, 10, 1, 2])
        guard case .update(let update) = try BGPMessageDecoder.decode(bytes, options: .fourOctet) else {
            Issue.record("not an UPDATE")
            return
        }
        #expect(update.announced == ["10.1.2.0/24"])
    }

    @Test(
        "An attribute longer than 255 octets uses the extended length, and the decoder accepts extended length on short ones"
    )
    func extendedLength() throws {
        let communities = (0..<100).map { BGPCommunity(asn: 21682, value: UInt16($0)) }
        let update = BGPUpdate(
            attributes: BGPPathAttributes(
                origin: .igp, asPath: [.sequence([1])], nextHop: IPv4Address(1, 1, 1, 1), communities: communities),
            announced: ["1.1.1.1/32"])
        let bytes = try BGPMessageEncoder.encode(.update(update), options: .fourOctet)
        #expect(bytes.contains(sequence: [0xD0, 8, 1, 144]))
        #expect(try BGPMessageDecoder.decode(bytes, options: .fourOctet) == .update(update))
        let short = B.update(attributes: B.attribute(0x50, 1, [0]) + B.asPath + B.nextHop)
        guard case .update(let decoded) = try BGPMessageDecoder.decode(short, options: .fourOctet) else {
            Issue.record("not an UPDATE")
            return
        }
        #expect(decoded.attributes.origin == .igp)
    }

    @Test("Announcements split into messages of at most 4096 octets; withdrawals too")
    func packing() throws {
        let prefixes = (0..<2000).map {
            IPv4Prefix(uncheckedAddress: IPv4Address(0x0A00_0000 + UInt32($0)), length: 32)
        }
        let attributes = BGPPathAttributes(
            origin: .igp, asPath: [.sequence([65000])], nextHop: IPv4Address(169, 254, 0, 1))
        let updates = try BGPMessageEncoder.announcements(of: prefixes, attributes: attributes, options: .fourOctet)
        #expect(updates.count == 3)
        #expect(updates.flatMap(\.announced) == prefixes)
        for update in updates {
            #expect(try BGPMessageEncoder.encode(.update(update), options: .fourOctet).count <= 4096)
        }
        let withdrawals = BGPMessageEncoder.withdrawals(of: prefixes)
        #expect(withdrawals.flatMap(\.withdrawn) == prefixes)
        #expect(
            try withdrawals.allSatisfy { try BGPMessageEncoder.encode(.update($0), options: .fourOctet).count <= 4096 })
    }

    @Test("Encoding refuses a message above 4096 octets")
    func tooLong() {
        let notification = BGPNotification(code: 6, subcode: 0, data: [UInt8](repeating: 0, count: 4080))
        #expect(throws: BGPEncodingError.messageTooLong(length: 4101)) {
            try BGPMessageEncoder.encode(.notification(notification), options: .fourOctet)
        }
    }

    @Test("messageLength validates a header before the body arrives")
    func headerOnly() throws {
        let header = Array(B.update().prefix(19))
        #expect(try BGPMessageDecoder.messageLength(header: header) == B.update().count)
    }
}

extension Array where Element == UInt8 {
    /// Whether `sequence` occurs contiguously.
    func contains(sequence: [UInt8]) -> Bool {
        guard sequence.count <= count else { return false }
        return (0...(count - sequence.count)).contains { Array(self[$0..<$0 + sequence.count]) == sequence }
    }
}
