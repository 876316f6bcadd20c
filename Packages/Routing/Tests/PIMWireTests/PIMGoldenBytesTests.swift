import Models
import PIMWire
import Testing

@Suite("PIM codec: golden bytes")
struct PIMGoldenBytesTests {
    @Test("default Hello: holdtime 105, generation ID 3614426332, DR priority 1, byte for byte")
    func defaultHello() throws {
        let expected: [UInt8] = [
            0x20, 0x00, 0x43, 0x17,  // version 2 | type 0 (Hello), reserved, checksum over all 26 octets
            0x00, 0x01, 0x00, 0x02, 0x00, 0x69,  // option 1 Holdtime, length 2: 105
            0x00, 0x14, 0x00, 0x04, 0xD7, 0x6F, 0xC4, 0xDC,  // option 20 Generation ID, length 4: 3614426332
            0x00, 0x13, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01,  // option 19 DR Priority, length 4: 1
        ]
        let hello = PIMHello()
        #expect(hello.encoded() == expected)
        #expect(PIMMessage.hello(hello).encoded() == expected)
        #expect(referenceChecksum(expected) == 0, "the checksum field makes the whole message sum to zero")
        #expect(try PIMMessage.decode(expected) == .hello(hello))
    }

    @Test("Join of 233.84.178.0 and .1 toward RP 10.0.0.0 via 169.254.0.0, byte for byte")
    func join() throws {
        let expected: [UInt8] = [
            0x23, 0x00, 0xD4, 0x58,  // version 2 | type 3 (Join/Prune), reserved, checksum over all 54 octets
            0x01, 0x00, 169, 254, 0, 0,  // upstream neighbor: encoded-unicast, family 1, encoding 0, 169.254.0.0
            0x00, 0x02, 0x00, 0x78,  // reserved, 2 groups, holdtime 120
            // group 1: encoded-group (family 1, encoding 0, flags 0, mask 32, 233.84.178.0)
            0x01, 0x00, 0x00, 32, 233, 84, 178, 0,
            0x00, 0x01, 0x00, 0x00,  // 1 joined source, 0 pruned
            0x01, 0x00, 0x07, 32, 10, 0, 0, 0,  // encoded-source: family 1, encoding 0, S|W|R, mask 32, RP 10.0.0.0
            // group 2: 233.84.178.1, the same (*,G) join
            0x01, 0x00, 0x00, 32, 233, 84, 178, 1,
            0x00, 0x01, 0x00, 0x00,
            0x01, 0x00, 0x07, 32, 10, 0, 0, 0,
        ]
        let join = try PIMJoinPrune.join(
            groups: ["233.84.178.0", "233.84.178.1"], rp: "10.0.0.0", upstream: "169.254.0.0")
        #expect(join.holdtime == 120)
        #expect(join.encoded() == expected)
        #expect(referenceChecksum(expected) == 0)
        #expect(try PIMMessage.decode(expected) == .joinPrune(join))
    }

    @Test("Prune of the same groups: holdtime 5, nothing joined, the RP pruned with S|W|R")
    func prune() throws {
        let prune = try PIMJoinPrune.prune(
            groups: ["233.84.178.0", "233.84.178.1"], rp: "10.0.0.0", upstream: "169.254.0.0")
        let bytes = prune.encoded()
        #expect(bytes.count == 54)
        #expect(Array(bytes[10..<14]) == [0x00, 0x02, 0x00, 0x05], "reserved, 2 groups, holdtime 5")
        #expect(Array(bytes[22..<26]) == [0x00, 0x00, 0x00, 0x01], "group 1: 0 joined, 1 pruned")
        #expect(Array(bytes[26..<34]) == [0x01, 0x00, 0x07, 32, 10, 0, 0, 0])
        #expect(Array(bytes[42..<46]) == [0x00, 0x00, 0x00, 0x01], "group 2: 0 joined, 1 pruned")
        #expect(referenceChecksum(bytes) == 0)
        #expect(try PIMMessage.decode(bytes) == .joinPrune(prune))
    }

    @Test("heartbeat Register from 185.1.0.2 to 233.84.178.0, byte for byte, inner checksums recomputed")
    func heartbeatRegister() throws {
        let expected: [UInt8] = [
            0x21, 0x00, 0xDE, 0xFF,  // version 2 | type 1 (Register), reserved, checksum over octets 0-7 only
            0x00, 0x00, 0x00, 0x00,  // Border 0, Null-Register 0, reserved
            // inner IPv4 header: version 4, IHL 5, TOS 0, total length 32
            0x45, 0x00, 0x00, 0x20,
            0x00, 0x00, 0x00, 0x00,  // identification 0, flags 0 (DF clear), fragment offset 0
            0x20, 0x11, 0x46, 0x75,  // TTL 32, protocol 17 (UDP), header checksum
            185, 1, 0, 2,  // source: the publisher's DZ IP
            233, 84, 178, 0,  // destination: the group
            // UDP: source port 5765, destination port 5765, length 12, checksum
            0x16, 0x85, 0x16, 0x85, 0x00, 0x0C, 0x3A, 0x18,
            0x44, 0x5A, 0x00, 0x01,  // heartbeat payload "DZ", version 1
        ]
        let register = PIMRegister.heartbeat(source: "185.1.0.2", group: "233.84.178.0")
        #expect(!register.border && !register.nullRegister)
        #expect(register.encoded() == expected)
        #expect(try PIMMessage.decode(expected) == .register(register))

        // The PIM checksum covers the first 8 octets only.
        #expect(referenceChecksum(Array(expected[0..<8])) == 0)
        // Inner IPv4 header checksum, recomputed over the 20 octets with the field zeroed.
        var ipHeader = Array(expected[8..<28])
        let ipChecksum = word(ipHeader, at: 10)
        ipHeader[10] = 0
        ipHeader[11] = 0
        #expect(referenceChecksum(ipHeader) == ipChecksum)
        // UDP checksum over the pseudo-header (source, destination, 0, 17, UDP length) and the segment.
        var udp = Array(expected[28...])
        let udpChecksum = word(udp, at: 6)
        udp[6] = 0
        udp[7] = 0
        let pseudo = octets("185.1.0.2") + octets("233.84.178.0") + [0, 17, 0, UInt8(udp.count)]
        #expect(referenceChecksum(pseudo + udp) == udpChecksum)
        // And Models' IPv4 parser agrees on the header.
        let header = try IPv4Header(parsing: register.packet)
        #expect(header.totalLength == 32 && header.ttl == 32 && header.protocolNumber == 17 && !header.dontFragment)
        #expect(header.source == "185.1.0.2" && header.destination == "233.84.178.0")
    }

    @Test("the heartbeat constants are the UDP heartbeat's")
    func heartbeatConstants() {
        #expect(MulticastHeartbeat.payload == [0x44, 0x5A, 0x00, 0x01])
        #expect(MulticastHeartbeat.port == 5765)
        #expect(MulticastHeartbeat.interval == .seconds(10))
        #expect(MulticastHeartbeat.ttl == 32)
        #expect(
            Array(MulticastHeartbeat.ipv4Datagram(source: "185.1.0.2", group: "233.84.178.0").suffix(4))
                == MulticastHeartbeat.payload)
    }

    @Test("Register flag word: Border is bit 31, Null-Register bit 30")
    func registerFlags() throws {
        let both = PIMRegister(border: true, nullRegister: true, packet: [])
        #expect(Array(both.encoded()[4..<8]) == [0xC0, 0x00, 0x00, 0x00])
        #expect(Array(PIMRegister(border: true, packet: []).encoded()[4..<8]) == [0x80, 0x00, 0x00, 0x00])
        #expect(Array(PIMRegister(nullRegister: true, packet: []).encoded()[4..<8]) == [0x40, 0x00, 0x00, 0x00])
        #expect(try PIMMessage.decode(both.encoded()) == .register(both))
    }
}
