import Models
import PropertyBased
import Testing

@testable import Probe

/// Round trips and corruption detection for the wire codecs.
@Suite("Packet codec properties")
struct PacketCodecPropertyTests {
    static let bytes = Gen.uint8().array(of: 0...200)
    static let echo = zip(Gen.bool, Gen.uint16(), Gen.uint16(), Gen.uint8().array(of: 0...120))
        .map { isRequest, identifier, sequence, payload in
            ICMPEchoMessage(
                kind: isRequest ? .request : .reply, identifier: identifier, sequence: sequence, payload: payload)
        }
    static let ntp = zip(Gen.uint32(), Gen.uint32()).map { NTPTimestamp(seconds: $0, fraction: $1) }

    @Test("the checksum of data with its checksum appended is zero")
    func checksumSelfVerifies() async {
        await propertyCheck(count: 300, input: Self.bytes) { data in
            var padded = data
            if padded.count % 2 == 1 { padded.append(0) }
            let checksum = InternetChecksum.checksum(padded)
            let withChecksum = padded + [UInt8(checksum >> 8), UInt8(checksum & 0xFF)]
            #expect(InternetChecksum.isValid(withChecksum))
            #expect(InternetChecksum.checksum(data) == InternetChecksum.checksum(padded))
        }
    }

    @Test("the checksum agrees with a direct 32-bit one's complement sum")
    func checksumAgreesWithDefinition() async {
        await propertyCheck(count: 300, input: Self.bytes) { data in
            var sum = 0
            for index in stride(from: 0, to: data.count, by: 2) {
                sum += Int(data[index]) << 8 | (index + 1 < data.count ? Int(data[index + 1]) : 0)
            }
            while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
            #expect(InternetChecksum.checksum(data) == ~UInt16(sum))
        }
    }

    @Test("ICMP echo messages survive encode then decode")
    func echoRoundTrip() async throws {
        await propertyCheck(count: 300, input: Self.echo) { message throws in
            let encoded = message.encoded()
            #expect(encoded.count == ICMPEchoMessage.headerLength + message.payload.count)
            #expect(InternetChecksum.isValid(encoded))
            #expect(try ICMPEchoMessage(decoding: encoded) == message)
        }
    }

    @Test("flipping any bit of an echo message is detected")
    func echoCorruptionDetected() async throws {
        await propertyCheck(count: 300, input: zip(Self.echo, Gen.int(in: 0...10_000), Gen.int(in: 0...7))) {
            message, position, bit in
            var encoded = message.encoded()
            let index = position % encoded.count
            encoded[index] ^= UInt8(1 << bit)
            #expect(throws: PacketDecodingError.self) { try ICMPEchoMessage(decoding: encoded) }
        }
    }

    @Test("NTP timestamps survive bytes and wall-clock conversion")
    func ntpRoundTrip() async {
        await propertyCheck(count: 300, input: Self.ntp) { timestamp in
            #expect(NTPTimestamp(reading: timestamp.bytes, at: 0) == timestamp)
            // Through nanoseconds and back loses under a nanosecond: at most 5 units of 2^-32 s.
            let again = NTPTimestamp(timestamp.wallClockTime)
            #expect(again.seconds == timestamp.seconds)
            #expect(timestamp.fraction &- again.fraction <= 5)
        }
    }

    @Test("TWAMP test packets survive encode then decode")
    func twampTestRoundTrip() async throws {
        let packets = zip(Gen.uint32(), Self.ntp, Gen.uint16(), Gen.int(in: 0...100)).map {
            TWAMPTestPacket(sequence: $0, timestamp: $1, errorEstimate: $2, paddingLength: $3)
        }
        await propertyCheck(count: 300, input: packets) { packet throws in
            let encoded = packet.encoded()
            #expect(encoded.count == TWAMPTestPacket.minimumLength + packet.paddingLength)
            #expect(try TWAMPTestPacket(decoding: encoded) == packet)
        }
    }

    @Test("TWAMP reflected packets survive encode then decode")
    func twampReflectedRoundTrip() async throws {
        let packets = zip(
            zip(Gen.uint32(), Self.ntp, Gen.uint16(), Self.ntp), zip(Gen.uint32(), Self.ntp, Gen.uint16(), Gen.uint8()),
            Gen.int(in: 0...60)
        ).map { first, second, padding in
            TWAMPReflectedPacket(
                reflector: TWAMPPacketHeader(sequence: first.0, timestamp: first.1, errorEstimate: first.2),
                receiveTimestamp: first.3,
                sender: TWAMPPacketHeader(sequence: second.0, timestamp: second.1, errorEstimate: second.2),
                senderTTL: second.3, paddingLength: padding)
        }
        await propertyCheck(count: 300, input: packets) { packet throws in
            let encoded = packet.encoded()
            #expect(encoded.count == TWAMPReflectedPacket.minimumLength + packet.paddingLength)
            #expect(try TWAMPReflectedPacket(decoding: encoded) == packet)
        }
    }

    @Test("short inputs are rejected as truncated, never crash")
    func truncatedInputs() async {
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...13)) { data in
            #expect(throws: PacketDecodingError.truncated(packet: "TWAMP test packet", length: data.count, needed: 14))
            {
                try TWAMPTestPacket(decoding: data)
            }
            #expect(
                throws: PacketDecodingError.truncated(
                    packet: "TWAMP reflected packet", length: data.count + 27, needed: 41)
            ) { try TWAMPReflectedPacket(decoding: data + [UInt8](repeating: 0, count: 27)) }
        }
    }
}
