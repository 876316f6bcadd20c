import FuzzSupport
import Models

@testable import Tunnel

/// One `recvmmsg` batch of the userspace GRE tunnel: the received packets (outer IPv4 header
/// included), its MTU, and what the tunnel's endpoints are.
///
/// Input: a flags byte (``Fixups``), an MTU choice, then up to ``UserspaceGRETunnel/batchSize``
/// packets, each framed (``FuzzSupport/FuzzInput/chunk()``).
struct GREBatch {
    /// The tunnel's local underlay address: the outer destination of what it accepts.
    static let local = IPv4Address(192, 0, 2, 1)
    /// The tunnel's remote underlay address: the outer source of what it accepts.
    static let remote = IPv4Address(198, 51, 100, 1)
    /// The MTUs a batch may be decapsulated with (upstream's 1476 first).
    static let mtus = [1476, 1500, 9000, 1280, 576, 68]

    /// The packets, fixed up.
    let packets: [[UInt8]]
    /// The tunnel MTU.
    let mtu: Int

    /// A batch read from `input`.
    init(_ input: inout FuzzInput) {
        let fixups = Fixups(rawValue: input.byte())
        mtu = input.element(of: Self.mtus)
        var packets: [[UInt8]] = []
        while packets.count < UserspaceGRETunnel.batchSize, var packet = input.chunk() {
            fixups.apply(to: &packet, local: Self.local, remote: Self.remote)
            packets.append(packet)
        }
        self.packets = packets
    }

    /// What the decapsulation loop does with the batch: each packet in a buffer of exactly its
    /// size (so AddressSanitizer sees any read or write beyond it), its headers parsed,
    /// ``UserspaceGRETunnel/innerPacket(_:local:remote:)`` applied, the inner packets offered to a
    /// ``TCPCoalescer`` and the coalescer flushed; every packet it writes is checked
    /// (``DecapsulatedPacket``).
    func decapsulate() {
        var coalescer = TCPCoalescer(mtu: mtu)
        let slots = packets.map { packet in
            let slot = UnsafeMutableRawBufferPointer.allocate(byteCount: packet.count, alignment: 16)
            packet.withUnsafeBytes { slot.copyMemory(from: $0) }
            return slot
        }
        defer {
            coalescer.deallocate()
            slots.forEach { $0.deallocate() }
        }
        let write = { (written: UnsafeRawBufferPointer) in DecapsulatedPacket.check(written) }
        for slot in slots {
            let packet = UnsafeRawBufferPointer(slot)
            HeaderChecks.check(packet)
            guard let inner = UserspaceGRETunnel.innerPacket(packet, local: Self.local, remote: Self.remote) else {
                continue
            }
            precondition(inner.count > 0 && inner.baseAddress! - packet.baseAddress! >= VirtioNetHeader.length)
            precondition(inner.baseAddress! + inner.count <= packet.baseAddress! + packet.count)
            coalescer.add(UnsafeMutableRawBufferPointer(mutating: inner), write: write)
        }
        coalescer.flush(write: write)
        _ = coalescer.takeOffloadedCount()
    }
}
