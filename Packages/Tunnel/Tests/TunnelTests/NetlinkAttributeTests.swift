import Models
import PropertyBased
import Testing

@testable import Tunnel

/// Attribute encoding through libmnl and decoding in Swift, round trip.
@Suite("netlink attributes")
struct NetlinkAttributeTests {
    private static let attribute = zip(Gen.uint16(in: 1...0x3FFF), Gen.uint8().array(of: 0...40))
        .map { NetlinkAttribute(type: $0, payload: $1) }

    @Test("attributes written by libmnl parse back to the same types and payloads")
    func libmnlRoundTrip() async {
        await propertyCheck(count: 300, input: Self.attribute.array(of: 0...12)) { attributes in
            let writer = NetlinkRequestWriter(type: 16, flags: 0)
            for attribute in attributes { writer.put(attribute.type, bytes: attribute.payload) }
            let message = writer.bytes
            #expect(message.count == 16 + NetlinkAttribute.encode(attributes).count)
            #expect(Array(message[16...]) == NetlinkAttribute.encode(attributes))
            #expect((try? NetlinkAttribute.parse(message[16...])) == attributes)
        }
    }

    @Test("nested attributes round trip")
    func nestedRoundTrip() async {
        await propertyCheck(count: 200, input: Self.attribute.array(of: 0...6)) { inner in
            let writer = NetlinkRequestWriter(type: 16, flags: 0)
            writer.nest(18) { for attribute in inner { writer.put(attribute.type, bytes: attribute.payload) } }
            let outer = try NetlinkAttribute.parse(writer.bytes[16...])
            #expect(outer.count == 1 && outer[0].type == 18)
            #expect(outer[0].nested == inner)
        }
    }

    @Test("typed accessors read what the writer puts")
    func typedValues() async {
        await propertyCheck(count: 200, input: zip(Gen.uint32(), Gen.uint16(), Gen.uint8())) { word, half, byte in
            let writer = NetlinkRequestWriter(type: 16, flags: 0)
            writer.put(1, u32: word)
            writer.put(2, u16: half)
            writer.put(3, u8: byte)
            writer.put(4, address: IPv4Address(word))
            writer.put(5, string: "gre\(byte)")
            let parsed = try NetlinkAttribute.parse(writer.bytes[16...])
            #expect(parsed.first(1)?.u32 == word)
            #expect(parsed.first(2)?.u16 == half)
            #expect(parsed.first(3)?.u8 == byte)
            #expect(parsed.first(4)?.ipv4 == IPv4Address(word))
            #expect(parsed.first(5)?.string == "gre\(byte)")
        }
    }

    @Test("truncated or short lengths are rejected")
    func malformed() {
        #expect(throws: NetlinkAttributeError.badLength(offset: 0, length: 9)) {
            try NetlinkAttribute.parse([9, 0, 1, 0, 0, 0, 0, 0][...])
        }
        #expect(throws: NetlinkAttributeError.badLength(offset: 0, length: 2)) {
            try NetlinkAttribute.parse([2, 0, 1, 0][...])
        }
    }

    @Test("messages split and re-encode")
    func messages() async {
        let message = zip(Gen.uint16(), Gen.uint16(), Gen.uint32(), Gen.uint8().array(of: 0...30))
            .map { NetlinkMessage(type: $0, flags: $1, sequence: $2, portID: 7, payload: $3) }
        await propertyCheck(count: 200, input: message.array(of: 1...4)) { messages in
            let datagram = messages.flatMap(\.bytes)
            let split = try NetlinkMessage.split(datagram)
            #expect(split.map(\.type) == messages.map(\.type))
            #expect(split.map(\.sequence) == messages.map(\.sequence))
            #expect(split.map(\.bytes) == messages.map(\.bytes))
        }
    }
}
