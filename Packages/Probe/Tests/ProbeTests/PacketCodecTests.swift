import Models
import Testing

@testable import Probe

/// Known bytes for the codecs (from RFC examples and captures).
@Suite("Packet codec examples")
struct PacketCodecTests {
    @Test("RFC 1071's example sums to 0xddf2, checksum 0x220d")
    func rfc1071Example() {
        // RFC 1071 §3: bytes 00 01 f2 03 f4 f5 f6 f7 have the one's complement sum 0xddf2.
        #expect(InternetChecksum.checksum([0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7]) == 0x220D)
        #expect(InternetChecksum.checksum([]) == 0xFFFF)
        #expect(InternetChecksum.checksum([0xFF]) == 0x00FF)
    }

    @Test("an echo request as ping sends it")
    func echoRequestBytes() throws {
        let message = ICMPEchoMessage(kind: .request, identifier: 0x1234, sequence: 1, payload: [0x61, 0x62])
        // 08 00 cksum 12 34 00 01 61 62; sum = 0x0800+0x1234+0x0001+0x6162 = 0x7B97 -> ~ = 0x8468
        #expect(message.encoded() == [0x08, 0x00, 0x84, 0x68, 0x12, 0x34, 0x00, 0x01, 0x61, 0x62])
    }

    /// One row of malformed inputs with the exact error.
    struct Malformed: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let error: PacketDecodingError
        var testDescription: String { name }
    }

    static let malformedEchoes: [Malformed] = [
        Malformed(
            name: "seven bytes", bytes: [0, 0, 0, 0, 0, 0, 0],
            error: .truncated(packet: "ICMP echo message", length: 7, needed: 8)),
        Malformed(
            name: "destination unreachable", bytes: [3, 1, 0, 0, 0, 0, 0, 0], error: .notEcho(type: 3, code: 1)),
        Malformed(name: "echo with code 1", bytes: [0, 1, 0, 0, 0, 0, 0, 0], error: .notEcho(type: 0, code: 1)),
        Malformed(
            name: "bad checksum", bytes: [0, 0, 0x12, 0x34, 0, 1, 0, 2], error: .badChecksum(received: 0x1234)),
    ]

    @Test("malformed ICMP messages are named precisely", arguments: malformedEchoes)
    func malformedEcho(_ row: Malformed) {
        #expect(throws: row.error) { try ICMPEchoMessage(decoding: row.bytes) }
    }

    @Test("NTP timestamps of known instants")
    func ntpKnownValues() {
        let epoch = NTPTimestamp(WallClockTime(sinceUnixEpoch: .zero))
        #expect(epoch == NTPTimestamp(seconds: 2_208_988_800, fraction: 0))
        let half = NTPTimestamp(WallClockTime(sinceUnixEpoch: .seconds(1) + .milliseconds(500)))
        #expect(half == NTPTimestamp(seconds: 2_208_988_801, fraction: 0x8000_0000))
        #expect(half.bytes == [0x83, 0xAA, 0x7E, 0x81, 0x80, 0, 0, 0])
        #expect(half.wallClockTime == WallClockTime(sinceUnixEpoch: .milliseconds(1500)))
    }

    @Test("a reflected packet in RFC 5357 §4.2.1 field order")
    func reflectedPacketBytes() throws {
        let packet = TWAMPReflectedPacket(
            reflector: TWAMPPacketHeader(
                sequence: 0x0102_0304, timestamp: NTPTimestamp(seconds: 0x0506_0708, fraction: 0x090A_0B0C),
                errorEstimate: 0x0D0E),
            receiveTimestamp: NTPTimestamp(seconds: 0x1112_1314, fraction: 0x1516_1718),
            sender: TWAMPPacketHeader(
                sequence: 0x2122_2324, timestamp: NTPTimestamp(seconds: 0x2526_2728, fraction: 0x292A_2B2C),
                errorEstimate: 0x2D2E),
            senderTTL: 0x40, paddingLength: 2)
        let bytes: [UInt8] = [
            0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x00, 0x00,
            0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28,
            0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x00, 0x00, 0x40, 0x00, 0x00,
        ]
        #expect(packet.encoded() == bytes)
        #expect(try TWAMPReflectedPacket(decoding: bytes) == packet)
    }

    @Test("the reflector delay is send minus receive timestamp")
    func reflectorDelay() {
        let received = NTPTimestamp(WallClockTime(sinceUnixEpoch: .seconds(100)))
        let sent = NTPTimestamp(WallClockTime(sinceUnixEpoch: .seconds(100) + .microseconds(250)))
        let packet = TWAMPReflectedPacket(
            reflector: TWAMPPacketHeader(sequence: 0, timestamp: sent), receiveTimestamp: received,
            sender: TWAMPPacketHeader(sequence: 0, timestamp: received), senderTTL: 64)
        let delay = packet.reflectorDelay
        #expect(delay >= .microseconds(249) && delay <= .microseconds(250))
        #expect(packet.encoded().count == 41)
        #expect(TWAMPTestPacket(sequence: 0, timestamp: sent).encoded().count == 41)
    }
}
