import Models

@testable import Tunnel

/// What the decapsulation path writes to the TUN device: a `virtio_net_hdr` and an inner packet.
/// Every byte is read (so AddressSanitizer checks the whole buffer), and an offload request
/// must point inside a TCP/IPv4 packet the kernel can segment.
enum DecapsulatedPacket {
    /// Checks one written packet.
    static func check(_ written: UnsafeRawBufferPointer) {
        precondition(written.count > VirtioNetHeader.length, "a write of \(written.count) bytes")
        _ = InternetChecksum.sum(written)
        let header = VirtioNetHeader(at: written.baseAddress!)
        let packet = UnsafeRawBufferPointer(rebasing: written[VirtioNetHeader.length...])
        guard header.flags & VirtioNetHeader.needsChecksum != 0 || header.gsoType != VirtioNetHeader.gsoNone else {
            return
        }
        guard let ip = try? IPv4Header(parsing: packet), ip.protocolNumber == 6 else {
            preconditionFailure("offload requested for a packet that is not TCP/IPv4: \(header)")
        }
        let checksumEnd = Int(header.checksumStart) + Int(header.checksumOffset) + 2
        precondition(Int(header.checksumStart) >= ip.headerLength && checksumEnd <= packet.count, "\(header)")
        if header.gsoType == VirtioNetHeader.gsoTCPv4 {
            precondition(
                header.gsoSize > 0 && Int(header.headerLength) < packet.count, "\(header), \(packet.count) bytes")
        }
    }
}
