import Models
import Probe

/// ICMP echo messages (first byte 0 or 1), a raw socket's datagram (2) and TWAMP-light test (3)
/// and reflected (4) packets, made by the Probe encoders.
enum ProbeSeeds {
    static var all: [(name: String, bytes: [UInt8])] {
        let payload = (0..<56).map { UInt8($0) }
        let request = ICMPEchoMessage(kind: .request, identifier: 0x1234, sequence: 1, payload: payload).encoded()
        let reply = ICMPEchoMessage(kind: .reply, identifier: 0x1234, sequence: 1, payload: payload).encoded()
        var corrupt = reply
        corrupt[2] ^= 0xFF
        let header: [UInt8] =
            [0x45, 0] + be16(UInt16(20 + reply.count)) + [0, 1, 0x40, 0, 64, 1, 0, 0, 8, 8, 8, 8, 10, 0, 0, 1]
        var shortLength = header
        shortLength[3] = 10
        let timestamp = NTPTimestamp(seconds: 3_900_000_000, fraction: 0x8000_0000)
        let test = TWAMPTestPacket(sequence: 7, timestamp: timestamp)
        let reflected = TWAMPReflectedPacket(
            reflector: TWAMPPacketHeader(
                sequence: 3, timestamp: NTPTimestamp(seconds: 3_900_000_000, fraction: 0x8000_1000)),
            receiveTimestamp: timestamp, sender: test.header, senderTTL: 255, paddingLength: 20)
        return [
            ("icmp-request", [0] + request), ("icmp-reply", [0] + reply),
            ("icmp-empty-reply", [0] + ICMPEchoMessage(kind: .reply, identifier: 1, sequence: 0).encoded()),
            ("icmp-corrupt-checksum", [1] + corrupt), ("icmp-not-echo", [1, 3, 1, 0, 0, 0, 0, 0, 0]),
            ("raw-datagram", [2] + header + reply), ("raw-datagram-short-total-length", [2] + shortLength + reply),
            ("twamp-test", [3] + test.encoded()),
            (
                "twamp-test-minimal",
                [3] + TWAMPTestPacket(sequence: 0, timestamp: timestamp, paddingLength: 0).encoded()
            ),
            ("twamp-reflected", [4] + reflected.encoded()),
        ]
    }
}
