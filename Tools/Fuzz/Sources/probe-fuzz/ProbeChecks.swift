import Models
import Probe

/// The probe decoders on any packet: no trap, and what decodes re-encodes to what decodes the same.
enum ProbeChecks {
    /// `ICMPEchoMessage(decoding:verifyChecksum:)`, with and without the checksum check.
    static func icmp(_ bytes: [UInt8], fixingChecksum: Bool) {
        var bytes = bytes
        if fixingChecksum { fixICMPChecksum(&bytes) }
        let unchecked = try? ICMPEchoMessage(decoding: bytes, verifyChecksum: false)
        guard let message = try? ICMPEchoMessage(decoding: bytes) else { return }
        precondition(unchecked == message, "the checksum check changed the message")
        precondition(message.payload.count == bytes.count - ICMPEchoMessage.headerLength)
        let encoded = message.encoded()
        precondition(encoded.count == bytes.count && InternetChecksum.isValid(encoded))
        precondition((try? ICMPEchoMessage(decoding: encoded)) == message, "ICMP round trip: \(message)")
    }

    /// What `ICMPSocket.receiveEchoReply()` does with a raw socket's datagram: the IPv4 header,
    /// the payload by its total length (or the rest of the datagram when that does not fit),
    /// then the echo message.
    static func rawICMPDatagram(_ datagram: [UInt8]) {
        guard let header = try? IPv4Header(parsing: datagram) else { return }
        let payload = header.payloadRange(inPacketOf: datagram.count) ?? header.headerLength..<datagram.count
        precondition(payload.lowerBound >= IPv4Header.minimumLength && payload.upperBound <= datagram.count)
        icmp(Array(datagram[payload]), fixingChecksum: true)
    }

    /// What the reflector does with a test packet: decode it and answer with a reflected packet
    /// of at least its size that echoes its header.
    static func twampTest(_ bytes: [UInt8]) {
        guard let test = try? TWAMPTestPacket(decoding: bytes) else { return }
        precondition(test.paddingLength == bytes.count - TWAMPTestPacket.minimumLength)
        let reply = TWAMPReflectedPacket(
            reflector: TWAMPPacketHeader(sequence: test.sequence &+ 1, timestamp: test.timestamp),
            receiveTimestamp: test.timestamp, sender: test.header, senderTTL: 64,
            paddingLength: bytes.count - TWAMPReflectedPacket.minimumLength)
        let encoded = reply.encoded()
        precondition(encoded.count == max(bytes.count, TWAMPReflectedPacket.minimumLength))
        let decoded = try? TWAMPReflectedPacket(decoding: encoded)
        precondition(decoded == reply && decoded?.sender == test.header, "reflected round trip: \(reply)")
        precondition((try? TWAMPTestPacket(decoding: test.encoded())) == test, "test packet round trip: \(test)")
    }

    /// What the sender does with a reflected packet: decode it and take the reflector's delay.
    static func twampReflected(_ bytes: [UInt8]) {
        guard let reply = try? TWAMPReflectedPacket(decoding: bytes) else { return }
        precondition(reply.paddingLength == bytes.count - TWAMPReflectedPacket.minimumLength)
        _ = reply.reflectorDelay
        precondition((try? TWAMPReflectedPacket(decoding: reply.encoded())) == reply, "round trip: \(reply)")
    }

    /// Writes the checksum a sender would into an ICMP message of at least 4 bytes.
    private static func fixICMPChecksum(_ bytes: inout [UInt8]) {
        guard bytes.count >= 4 else { return }
        bytes[2] = 0
        bytes[3] = 0
        let checksum = InternetChecksum.checksum(bytes)
        bytes[2] = UInt8(checksum >> 8)
        bytes[3] = UInt8(checksum & 0xFF)
    }
}
