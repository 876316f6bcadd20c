import Models

/// Software GRO for the userspace datapath: merges consecutive in-order TCP/IPv4 segments of
/// one flow, received in one batch, into one large packet the TUN device accepts with a
/// `virtio_net_hdr` (`GSO_TCPV4`), so the receiving kernel handles one packet, not dozens.
///
/// Only plain data segments merge (IPv4 without options or fragmentation, ACK or ACK|PSH,
/// identical TCP options, valid TCP checksum, equal sizes but a shorter or PSH last one).
/// Anything else is written on its own. Owned by one datapath thread.
///
/// The underlay's own GRO may have merged GRE packets already (real NICs do, and so does a
/// veth with NAPI): such a packet carries several segments and a TCP checksum field that
/// holds only the pseudo-header sum, as the kernel leaves it for checksum offload. It is
/// written on its own, marked for checksum offload and, when longer than one segment, for
/// GSO with the tunnel's segment size.
struct TCPCoalescer {
    /// The largest merged packet (IPv4 total length).
    static let maximumLength = 65535

    /// The tunnel MTU: the segment size of already-merged packets is derived from it.
    let mtu: Int
    /// Packets that arrived already merged by the underlay's GRO, since the last
    /// ``takeOffloadedCount()``.
    private var offloaded = 0

    private let buffer: UnsafeMutableRawPointer
    private var length = 0  // IPv4 packet bytes held, after the virtio header; 0 = empty
    private var segments = 0
    private var segmentPayload = 0
    private var headerLength = 0
    private var nextSequence: UInt32 = 0
    private var closed = false

    /// A coalescer for a tunnel with `mtu` (upstream's 1476 by default).
    init(mtu: Int = 1476) {
        self.mtu = mtu
        buffer = UnsafeMutableRawPointer.allocate(byteCount: VirtioNetHeader.length + Self.maximumLength, alignment: 16)
    }

    func deallocate() { buffer.deallocate() }

    private var packet: UnsafeMutableRawPointer { buffer + VirtioNetHeader.length }

    /// Offers one inner packet located at `inner`, with at least `VirtioNetHeader.length`
    /// writable bytes before it. Packets that cannot merge are written through `write` (after
    /// what is held), with a plain virtio header put in front of them in place.
    mutating func add(_ inner: UnsafeMutableRawBufferPointer, write: (UnsafeRawBufferPointer) -> Void) {
        let shape: Shape
        switch Self.classify(UnsafeRawBufferPointer(inner)) {
        case .segment(let segment):
            shape = segment
        case .merged(let ipLength, let headerLength):
            flush(write: write)
            writeOffloaded(inner, ipLength: ipLength, headerLength: headerLength, write: write)
            offloaded += 1
            return
        case .other:
            flush(write: write)
            Self.writePlain(inner, write: write)
            return
        }
        if length > 0 && !closed && canAppend(inner, shape) {
            let payload = inner.count - shape.headerLength
            (packet + length).copyMemory(from: inner.baseAddress! + shape.headerLength, byteCount: payload)
            length += payload
            segments += 1
            nextSequence = shape.sequence &+ UInt32(payload)
            if shape.push {
                packet.storeBytes(
                    of: packet.load(fromByteOffset: 33, as: UInt8.self) | 0x08, toByteOffset: 33, as: UInt8.self)
            }
            closed = shape.push || payload < segmentPayload
            return
        }
        flush(write: write)
        packet.copyMemory(from: inner.baseAddress!, byteCount: inner.count)
        length = inner.count
        segments = 1
        headerLength = shape.headerLength
        segmentPayload = inner.count - shape.headerLength
        nextSequence = shape.sequence &+ UInt32(segmentPayload)
        closed = shape.push
    }

    /// Writes what is held, merged, and empties the coalescer.
    mutating func flush(write: (UnsafeRawBufferPointer) -> Void) {
        guard length > 0 else { return }
        var header = VirtioNetHeader()
        if segments > 1 {
            packet.storeBytes(of: UInt16(length).bigEndian, toByteOffset: 2, as: UInt16.self)
            packet.storeBytes(of: UInt16(0), toByteOffset: 10, as: UInt16.self)
            let ipChecksum = InternetChecksum.checksum(UnsafeRawBufferPointer(start: packet, count: 20))
            packet.storeBytes(of: ipChecksum.bigEndian, toByteOffset: 10, as: UInt16.self)
            let pseudo = InternetChecksum.pseudoHeaderSum(
                source: UInt32(bigEndian: packet.loadUnaligned(fromByteOffset: 12, as: UInt32.self)),
                destination: UInt32(bigEndian: packet.loadUnaligned(fromByteOffset: 16, as: UInt32.self)),
                protocolNumber: 6, length: length - 20)
            packet.storeBytes(of: InternetChecksum.fold(pseudo).bigEndian, toByteOffset: 36, as: UInt16.self)
            header.flags = VirtioNetHeader.needsChecksum
            header.gsoType = VirtioNetHeader.gsoTCPv4
            header.headerLength = UInt16(headerLength)
            header.gsoSize = UInt16(segmentPayload)
            header.checksumStart = 20
            header.checksumOffset = 16
        }
        header.write(to: buffer)
        write(UnsafeRawBufferPointer(start: buffer, count: VirtioNetHeader.length + length))
        length = 0
        segments = 0
    }

    /// How many packets arrived already merged by the underlay since the last call; resets
    /// the count.
    mutating func takeOffloadedCount() -> Int {
        defer { offloaded = 0 }
        return offloaded
    }

    /// Puts a plain virtio header (no offload) just before `inner` and writes both.
    static func writePlain(_ inner: UnsafeMutableRawBufferPointer, write: (UnsafeRawBufferPointer) -> Void) {
        let start = inner.baseAddress! - VirtioNetHeader.length
        VirtioNetHeader().write(to: start)
        write(UnsafeRawBufferPointer(start: start, count: VirtioNetHeader.length + inner.count))
    }

    /// Writes a packet the underlay already merged: checksum offload from the TCP header on,
    /// and GSO when its payload is longer than one segment of this tunnel's MTU.
    private func writeOffloaded(
        _ inner: UnsafeMutableRawBufferPointer, ipLength: Int, headerLength: Int,
        write: (UnsafeRawBufferPointer) -> Void
    ) {
        let segmentSize = max(1, mtu - headerLength)
        var header = VirtioNetHeader()
        header.flags = VirtioNetHeader.needsChecksum
        header.checksumStart = UInt16(ipLength)
        header.checksumOffset = 16
        if inner.count - headerLength > segmentSize {
            header.gsoType = VirtioNetHeader.gsoTCPv4
            header.gsoSize = UInt16(segmentSize)
            header.headerLength = UInt16(headerLength)
        }
        let start = inner.baseAddress! - VirtioNetHeader.length
        header.write(to: start)
        write(UnsafeRawBufferPointer(start: start, count: VirtioNetHeader.length + inner.count))
    }

    private struct Shape {
        var headerLength: Int
        var sequence: UInt32
        var push: Bool
    }

    /// What an inner packet is to the coalescer.
    private enum Kind {
        /// A plain TCP/IPv4 data segment with a valid checksum: it may merge.
        case segment(Shape)
        /// TCP/IPv4 the underlay's GRO already merged (`ipLength`: the IPv4 header,
        /// `headerLength`: IPv4 + TCP headers).
        case merged(ipLength: Int, headerLength: Int)
        /// Anything else: written as it is.
        case other
    }

    private static func classify(_ inner: UnsafeRawBufferPointer) -> Kind {
        guard inner.count >= 40, let ip = try? IPv4Header(parsing: inner), ip.protocolNumber == 6 else { return .other }
        let ipLength = ip.headerLength
        // The whole packet, not a fragment (MF clear, offset 0).
        guard ip.totalLength == inner.count, !ip.isFragment, ip.totalLength >= ipLength + 20 else { return .other }
        let tcpLength = Int(inner[ipLength + 12] >> 4) * 4
        guard tcpLength >= 20, ipLength + tcpLength <= inner.count else { return .other }
        let tcp = UnsafeRawBufferPointer(rebasing: inner[ipLength...])
        let pseudo = InternetChecksum.pseudoHeaderSum(
            source: ip.source.value, destination: ip.destination.value, protocolNumber: 6, length: tcp.count)
        guard InternetChecksum.fold(InternetChecksum.sum(tcp, initial: pseudo)) == 0xFFFF else {
            // GRO left the field holding the folded pseudo-header sum (0 and 0xFFFF are the
            // same in ones' complement); any other value is a corrupt segment.
            let field = UInt16(bigEndian: tcp.loadUnaligned(fromByteOffset: 16, as: UInt16.self))
            let seed = InternetChecksum.fold(pseudo)
            let matches = field == seed || (field == 0 && seed == 0xFFFF) || (field == 0xFFFF && seed == 0)
            guard matches && tcp.count > tcpLength else { return .other }
            return .merged(ipLength: ipLength, headerLength: ipLength + tcpLength)
        }
        let flags = tcp[13]
        guard ipLength == 20, tcp.count > tcpLength, flags == 0x10 || flags == 0x18 else { return .other }
        return .segment(
            Shape(
                headerLength: 20 + tcpLength,
                sequence: UInt32(bigEndian: tcp.loadUnaligned(fromByteOffset: 4, as: UInt32.self)),
                push: flags == 0x18))
    }

    /// Whether `inner` continues the held packet: same addresses, ports, ACK, window and TCP
    /// options, the next sequence number, no larger than the first segment, and room left.
    private func canAppend(_ inner: UnsafeMutableRawBufferPointer, _ shape: Shape) -> Bool {
        let payload = inner.count - shape.headerLength
        guard shape.headerLength == headerLength, shape.sequence == nextSequence, payload <= segmentPayload,
            length + payload <= Self.maximumLength
        else { return false }
        // Addresses (12..<20), then ports, ACK number, data offset, window (20..<36 but for
        // the sequence number 24..<28 and flags 33), then options: all must match.
        let held = UnsafeRawBufferPointer(start: packet, count: headerLength)
        let incoming = UnsafeRawBufferPointer(start: inner.baseAddress!, count: headerLength)
        for range in [12..<24, 28..<33, 34..<36] where !held[range].elementsEqual(incoming[range]) { return false }
        return headerLength <= 40 || held[40..<headerLength].elementsEqual(incoming[40..<headerLength])
    }
}
