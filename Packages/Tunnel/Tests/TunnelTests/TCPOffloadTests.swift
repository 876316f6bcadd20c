import Models
import PropertyBased
import Testing

@testable import Tunnel

/// The userspace datapath's software TSO (segmentation) and GRO (coalescing), and the
/// Internet checksum they rely on.
@Suite("TCP segmentation and coalescing")
struct TCPOffloadTests {
    /// The checksum as RFC 1071 states it, 16 bits at a time.
    private static func referenceChecksum(_ bytes: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        var index = 0
        while index < bytes.count {
            let high = UInt32(bytes[index]) << 8
            let low = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            sum += high | low
            sum = (sum & 0xFFFF) + (sum >> 16)
            index += 2
        }
        return ~UInt16(sum)
    }

    @Test("the Internet checksum matches the 16-bit reference for any bytes")
    func checksum() async {
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...300)) { bytes in
            let fast = bytes.withUnsafeBytes { InternetChecksum.checksum($0) }
            #expect(fast == Self.referenceChecksum(bytes))
        }
    }

    /// A TCP/IPv4 super-packet with `payload`, optional timestamp-like options and PSH|ACK flags.
    private static func superPacket(payload: [UInt8], options: Bool, sequence: UInt32) -> [UInt8] {
        let tcpLength = options ? 32 : 20
        let total = 20 + tcpLength + payload.count
        var ip: [UInt8] = [0x45, 0, UInt8(total >> 8 & 0xFF), UInt8(total & 0xFF), 0x12, 0x34, 0x40, 0, 64, 6, 0, 0]
        ip += [169, 254, 0, 1, 169, 254, 0, 0]
        var tcp: [UInt8] = [0x9C, 0x40, 0x14, 0x51]
        tcp += [
            UInt8(sequence >> 24), UInt8(sequence >> 16 & 0xFF), UInt8(sequence >> 8 & 0xFF), UInt8(sequence & 0xFF),
        ]
        tcp += [0, 0, 0x10, 0x01, UInt8(tcpLength / 4) << 4, 0x18, 0x01, 0xF6, 0, 0, 0, 0]
        if options { tcp += [1, 1, 8, 10, 0, 0, 1, 2, 0, 0, 3, 4] }
        return ip + tcp + payload
    }

    /// Whether an IPv4/TCP packet's IP and TCP checksums are valid.
    private static func checksumsValid(_ packet: [UInt8]) -> Bool {
        let ip = packet.withUnsafeBytes { buffer in
            InternetChecksum.fold(InternetChecksum.sum(UnsafeRawBufferPointer(rebasing: buffer[0..<20]))) == 0xFFFF
        }
        return ip && tcpChecksumValid(packet)
    }

    /// Whether an IPv4 (no options)/TCP packet's TCP checksum is valid.
    private static func tcpChecksumValid(_ packet: [UInt8]) -> Bool {
        packet.withUnsafeBytes { buffer in
            let pseudo = InternetChecksum.pseudoHeaderSum(
                source: UInt32(bigEndian: buffer.loadUnaligned(fromByteOffset: 12, as: UInt32.self)),
                destination: UInt32(bigEndian: buffer.loadUnaligned(fromByteOffset: 16, as: UInt32.self)),
                protocolNumber: 6, length: packet.count - 20)
            return InternetChecksum.fold(
                InternetChecksum.sum(UnsafeRawBufferPointer(rebasing: buffer[20...]), initial: pseudo)) == 0xFFFF
        }
    }

    /// Segments `packet` with `segmentSize`.
    private static func segments(of packet: [UInt8], segmentSize: Int) -> [[UInt8]] {
        let slot = UnsafeMutableRawPointer.allocate(byteCount: 70_000, alignment: 16)
        defer { slot.deallocate() }
        var result: [[UInt8]] = []
        _ = packet.withUnsafeBytes { buffer in
            TCPSegmentation.segment(buffer, segmentSize: segmentSize, nextSlot: { slot }) { length in
                result.append(Array(UnsafeRawBufferPointer(start: slot, count: length)))
            }
        }
        return result
    }

    private static let input = zip(Gen.uint8().array(of: 1...5000), Gen.int(in: 100...1448), Gen.bool, Gen.uint32())

    @Test("segments carry the payload in order, with advancing sequence numbers, valid checksums, PSH only last")
    func segmentation() async {
        await propertyCheck(count: 100, input: Self.input) { payload, segmentSize, options, sequence in
            let packet = Self.superPacket(payload: payload, options: options, sequence: sequence)
            let headerLength = options ? 52 : 40
            let segments = Self.segments(of: packet, segmentSize: segmentSize)
            #expect(segments.count == (payload.count + segmentSize - 1) / segmentSize)
            #expect(segments.flatMap { $0[headerLength...] } == payload)
            for (index, segment) in segments.enumerated() {
                #expect(Self.checksumsValid(segment))
                #expect(Int(segment[2]) << 8 | Int(segment[3]) == segment.count)
                let segmentSequence = segment[24..<28].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                #expect(segmentSequence == sequence &+ UInt32(index * segmentSize))
                #expect(segment[33] == (index == segments.count - 1 ? 0x18 : 0x10))
                #expect(Array(segment[40..<headerLength]) == Array(packet[40..<headerLength]), "options copied")
            }
        }
    }

    @Test("coalescing the segments gives back the super-packet, marked for GSO")
    func coalescing() async {
        await propertyCheck(count: 100, input: Self.input) { payload, segmentSize, options, sequence in
            let packet = Self.superPacket(payload: payload, options: options, sequence: sequence)
            let segments = Self.segments(of: packet, segmentSize: segmentSize)
            let (writes, offloaded) = Self.coalesce(segments)
            #expect(offloaded == 0)
            #expect(writes.count == 1)
            guard let merged = writes.first else { return }
            let header = merged.withUnsafeBytes { VirtioNetHeader(at: $0.baseAddress!) }
            var inner = Array(merged[VirtioNetHeader.length...])
            #expect(inner.count == packet.count)
            #expect(inner[(options ? 52 : 40)...] == packet[(options ? 52 : 40)...], "payload")
            #expect(inner[33] == 0x18, "PSH from the last segment")
            if segments.count > 1 {
                #expect(header.gsoType == VirtioNetHeader.gsoTCPv4)
                #expect(Int(header.gsoSize) == segmentSize)
                #expect(
                    header.flags == VirtioNetHeader.needsChecksum && header.checksumStart == 20
                        && header.checksumOffset == 16)
                // What the kernel does with the offload request: the rewritten IPv4 header and
                // the pseudo-header seed must give valid checksums.
                inner.withUnsafeMutableBytes { buffer in
                    _ = TCPSegmentation.completeChecksum(buffer, start: 20, offset: 16)
                }
            } else {
                #expect(header == VirtioNetHeader())
            }
            #expect(Self.checksumsValid(inner), "total length, IPv4 checksum and TCP checksum after the merge")
        }
    }

    /// `packet` as the underlay's GRO leaves it: the TCP checksum field holds the folded
    /// pseudo-header sum (what checksum offload completes), not the checksum.
    private static func mergedByUnderlay(_ packet: [UInt8]) -> [UInt8] {
        var merged = packet
        let seed = packet.withUnsafeBytes { buffer in
            InternetChecksum.fold(
                InternetChecksum.pseudoHeaderSum(
                    source: UInt32(bigEndian: buffer.loadUnaligned(fromByteOffset: 12, as: UInt32.self)),
                    destination: UInt32(bigEndian: buffer.loadUnaligned(fromByteOffset: 16, as: UInt32.self)),
                    protocolNumber: 6, length: packet.count - 20))
        }
        merged[36] = UInt8(seed >> 8)
        merged[37] = UInt8(seed & 0xFF)
        return merged
    }

    /// Offers each packet to a fresh coalescer (tunnel MTU `mtu`), flushes, and returns the
    /// writes and the count of packets taken as merged by the underlay.
    private static func coalesce(_ packets: [[UInt8]], mtu: Int = 1476) -> (writes: [[UInt8]], offloaded: Int) {
        var coalescer = TCPCoalescer(mtu: mtu)
        defer { coalescer.deallocate() }
        var writes: [[UInt8]] = []
        let write = { (bytes: UnsafeRawBufferPointer) in writes.append(Array(bytes)) }
        for packet in packets {
            var room = [UInt8](repeating: 0, count: VirtioNetHeader.length) + packet
            room.withUnsafeMutableBytes { buffer in
                coalescer.add(UnsafeMutableRawBufferPointer(rebasing: buffer[VirtioNetHeader.length...]), write: write)
            }
        }
        coalescer.flush(write: write)
        return (writes, coalescer.takeOffloadedCount())
    }

    @Test(
        "a packet the underlay's GRO merged is written alone, for checksum offload and GSO at the tunnel's segment size"
    )
    func mergedByUnderlayIsOffloaded() async {
        let input = zip(Gen.uint8().array(of: 1...6000), Gen.bool, Gen.uint32(), Gen.int(in: 576...3000))
        await propertyCheck(count: 100, input: input) { payload, options, sequence, mtu in
            let packet = Self.superPacket(payload: payload, options: options, sequence: sequence)
            let (writes, offloaded) = Self.coalesce([Self.mergedByUnderlay(packet)], mtu: mtu)
            #expect(offloaded == 1)
            #expect(writes.count == 1)
            guard let written = writes.first else { return }
            let header = written.withUnsafeBytes { VirtioNetHeader(at: $0.baseAddress!) }
            var inner = Array(written[VirtioNetHeader.length...])
            let headerLength = options ? 52 : 40
            #expect(header.flags == VirtioNetHeader.needsChecksum)
            #expect(header.checksumStart == 20 && header.checksumOffset == 16)
            if payload.count > mtu - headerLength {
                #expect(header.gsoType == VirtioNetHeader.gsoTCPv4)
                #expect(Int(header.gsoSize) == mtu - headerLength)
                #expect(Int(header.headerLength) == headerLength)
            } else {
                #expect(header.gsoType == VirtioNetHeader.gsoNone && header.gsoSize == 0)
            }
            // What the kernel does with the offload request: the checksum comes out right.
            inner.withUnsafeMutableBytes { buffer in
                _ = TCPSegmentation.completeChecksum(
                    buffer, start: Int(header.checksumStart), offset: Int(header.checksumOffset))
            }
            #expect(Self.tcpChecksumValid(inner))
            #expect(inner[..<36] == packet[..<36] && inner[38...] == packet[38...], "all but the checksum as received")
        }
    }

    @Test("segments held before a packet the underlay merged are written first, in order")
    func heldSegmentsGoFirst() {
        let payload = [UInt8](repeating: 0x5A, count: 3000)
        let segments = Self.segments(
            of: Self.superPacket(payload: payload, options: true, sequence: 7), segmentSize: 1000)
        let later = Self.mergedByUnderlay(Self.superPacket(payload: payload, options: true, sequence: 3007))
        let (writes, offloaded) = Self.coalesce([segments[0], segments[1], later])
        #expect(offloaded == 1)
        #expect(writes.count == 2)
        guard writes.count == 2 else { return }
        #expect(writes[0].count == VirtioNetHeader.length + 52 + 2000, "the two held segments, merged")
        #expect(Array(writes[1][VirtioNetHeader.length...]) == later)
    }

    @Test("segments of another flow, out of order, or with a bad checksum are not merged")
    func notMerged() {
        let payload = [UInt8](repeating: 0xAB, count: 3000)
        let segments = Self.segments(
            of: Self.superPacket(payload: payload, options: false, sequence: 1000), segmentSize: 1000)
        var corrupted = segments[1]
        corrupted[100] ^= 0xFF
        var otherFlow = segments[1]
        otherFlow[21] ^= 1  // source port
        for (sequence, expectedWrites) in [
            ([segments[0], segments[2], segments[1]], 3), ([segments[0], corrupted, segments[2]], 3),
            ([segments[0], otherFlow], 2),
        ] {
            let (writes, offloaded) = Self.coalesce(sequence)
            #expect(offloaded == 0, "a corrupt segment is not taken as merged by the underlay")
            #expect(writes.count == expectedWrites)
        }
    }
}
