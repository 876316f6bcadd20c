import Models

/// Software TSO for the userspace datapath: splits a TCP/IPv4 super-packet the kernel handed
/// us through TUN (`VIRTIO_NET_HDR_GSO_TCPV4`) into MTU-sized packets with correct IPv4 and
/// TCP checksums, and completes partial checksums (`VIRTIO_NET_HDR_F_NEEDS_CSUM`).
enum TCPSegmentation {
    /// Completes the checksum of a packet whose field at `start + offset` holds the
    /// pseudo-header sum: sums from `start` to the end and stores the complement.
    static func completeChecksum(_ packet: UnsafeMutableRawBufferPointer, start: Int, offset: Int) -> Bool {
        guard start + offset + 2 <= packet.count else { return false }
        let sum = InternetChecksum.sum(UnsafeRawBufferPointer(rebasing: packet[start...]))
        var value = ~InternetChecksum.fold(sum)
        if value == 0 && packet[9] == 17 { value = 0xFFFF }  // UDP sends 0 as all ones
        packet.storeBytes(of: value.bigEndian, toByteOffset: start + offset, as: UInt16.self)
        return true
    }

    /// Splits `packet` (IPv4 + TCP + payload) into segments of at most `segmentSize` payload
    /// bytes; `emit` receives each finished segment's length after it was written at the
    /// pointer `nextSlot` returns. Returns false (nothing emitted) for a packet it cannot split.
    static func segment(
        _ packet: UnsafeRawBufferPointer, segmentSize: Int,
        nextSlot: () -> UnsafeMutableRawPointer, emit: (Int) -> Void
    ) -> Bool {
        guard packet.count >= 40, segmentSize > 0, let ip = try? IPv4Header(parsing: packet), ip.protocolNumber == 6
        else { return false }
        let ipLength = ip.headerLength
        guard packet.count >= ipLength + 20 else { return false }
        let tcpLength = Int(packet[ipLength + 12] >> 4) * 4
        let headerLength = ipLength + tcpLength
        guard tcpLength >= 20, packet.count >= headerLength else { return false }
        let payloadLength = packet.count - headerLength
        let identification = ip.identification
        let sequence = UInt32(bigEndian: packet.loadUnaligned(fromByteOffset: ipLength + 4, as: UInt32.self))
        let flags = packet[ipLength + 13]
        let (source, destination) = (ip.source.value, ip.destination.value)
        var offset = 0
        var index = 0
        repeat {
            let chunk = min(segmentSize, payloadLength - offset)
            let isFirst = index == 0
            let isLast = offset + chunk >= payloadLength
            let out = nextSlot()
            out.copyMemory(from: packet.baseAddress!, byteCount: headerLength)
            out.advanced(by: headerLength).copyMemory(
                from: packet.baseAddress! + headerLength + offset, byteCount: chunk)
            let total = headerLength + chunk
            // IPv4: total length, identification, checksum.
            out.storeBytes(of: UInt16(total).bigEndian, toByteOffset: 2, as: UInt16.self)
            out.storeBytes(
                of: (identification &+ UInt16(truncatingIfNeeded: index)).bigEndian, toByteOffset: 4, as: UInt16.self)
            out.storeBytes(of: UInt16(0), toByteOffset: 10, as: UInt16.self)
            let ipChecksum = InternetChecksum.checksum(UnsafeRawBufferPointer(start: out, count: ipLength))
            out.storeBytes(of: ipChecksum.bigEndian, toByteOffset: 10, as: UInt16.self)
            // TCP: sequence number, flags (FIN and PSH on the last segment only, CWR on the first only), checksum.
            out.storeBytes(of: (sequence &+ UInt32(offset)).bigEndian, toByteOffset: ipLength + 4, as: UInt32.self)
            var segmentFlags = flags
            if !isLast { segmentFlags &= ~0x09 }
            if !isFirst { segmentFlags &= ~0x80 }
            out.storeBytes(of: segmentFlags, toByteOffset: ipLength + 13, as: UInt8.self)
            out.storeBytes(of: UInt16(0), toByteOffset: ipLength + 16, as: UInt16.self)
            let pseudo = InternetChecksum.pseudoHeaderSum(
                source: source, destination: destination, protocolNumber: 6, length: total - ipLength)
            let tcpChecksum = InternetChecksum.checksum(
                UnsafeRawBufferPointer(start: out + ipLength, count: total - ipLength), initial: pseudo)
            out.storeBytes(of: tcpChecksum.bigEndian, toByteOffset: ipLength + 16, as: UInt16.self)
            emit(total)
            offset += chunk
            index += 1
        } while offset < payloadLength
        return true
    }
}
