import CMnl
import Glibc
import LinuxHost
import Models
import Synchronization

/// One GRE tunnel carried in userspace, for kernels without the GRE module: a TUN device for
/// the overlay and a raw protocol-47 socket for the underlay, wire-compatible with kernel GRE
/// (4-byte header: no checksum, key or sequence number; version 0; protocol type 0x0800).
///
/// Two threads move packets: TUN → GRE (reads until the device is empty — with TSO on, one
/// read can bring a 64 KB TCP super-packet, segmented here — then `sendmmsg` of up to
/// ``batchSize`` packets) and GRE → TUN (one `recvmmsg` of up to ``batchSize`` packets, TCP
/// segments of one flow merged into one write, as GRO would). Each tunnel has
/// its own device, socket and threads, so adding or removing one leaves the others untouched.
/// The overlay addresses, routes, MTU and link state of the device are set through netlink.
public final class UserspaceGRETunnel: Sendable {
    /// Packets moved per system call, at most.
    public static let batchSize = 64
    /// Room for one packet to send: GRE header plus an inner packet of up to this many bytes
    /// minus 4. Larger than any MTU a DoubleZero tunnel uses (1476).
    static let slotSize = 16 * 1024
    /// Room for one received packet: the largest IPv4 packet, as the underlay's GRO may merge
    /// GRE packets up to that size.
    static let receiveSlotSize = 65536

    /// The TUN device (the tunnel interface, `doublezero0` / `doublezero1`).
    public let device: TunDevice
    /// The underlay socket, bound to the local and connected to the remote endpoint.
    public let socket: GRERawSocket
    /// Packet and byte counters.
    public let counters = TunnelCounters()
    private let stopSignal = StopSignal()
    private let threads: Mutex<[DedicatedThread]>

    /// Creates the TUN device `name` and the underlay socket in `namespace`, and starts moving
    /// packets. The local address must already be configured in the namespace; `mtu` is the
    /// tunnel interface's (upstream: 1476), which sizes segments the underlay delivers merged.
    public init(
        name: LinuxInterfaceName, local: IPv4Address, remote: IPv4Address, mtu: Int = 1476,
        namespace: NetworkNamespace? = nil
    ) throws(TunnelDatapathError) {
        let socket = try GRERawSocket(local: local, remote: remote, tunnel: name.rawValue, namespace: namespace)
        let device = try TunDevice(name: name, namespace: namespace)
        self.socket = socket
        self.device = device
        let stop = stopSignal
        let counters = counters
        threads = Mutex([
            DedicatedThread(name: "\(name)-tx") {
                Self.encapsulate(device: device, socket: socket, stop: stop, counters: counters)
            },
            DedicatedThread(name: "\(name)-rx") {
                Self.decapsulate(device: device, socket: socket, mtu: mtu, stop: stop, counters: counters)
            },
        ])
    }

    deinit {
        stop()
    }

    /// The interface name.
    public var name: LinuxInterfaceName { device.name }

    /// Stops both threads, waits for them, and closes the device (the kernel deletes it with
    /// its addresses and routes) and the socket. Later calls do nothing.
    public func stop() {
        stopSignal.fire()
        threads.withLock { threads in
            for thread in threads { thread.join() }
            threads.removeAll()
        }
        device.close()
        socket.close()
    }

    /// TUN → GRE: read packets until the device is empty, segment TCP super-packets and
    /// complete partial checksums, prefix each packet with the GRE header, and send up to
    /// ``batchSize`` packets per `sendmmsg`.
    private static func encapsulate(device: TunDevice, socket: GRERawSocket, stop: StopSignal, counters: TunnelCounters)
    {
        let batch = PacketBatch(count: batchSize, slotSize: slotSize)
        let inputSize = VirtioNetHeader.length + 65536
        let input = UnsafeMutableRawPointer.allocate(byteCount: inputSize, alignment: 16)
        defer {
            batch.deallocate()
            input.deallocate()
        }
        var count = 0
        var bytes = 0
        func flush() {
            var sent = 0
            var retried = false
            while sent < count {
                let result = cmnl_sendmmsg(socket.fileDescriptor, batch.messages + sent, UInt32(count - sent), 0)
                if result > 0 {
                    sent += Int(result)
                    retried = false
                } else if errno == EINTR {
                    continue
                } else if !retried && [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH].contains(errno) {
                    retried = true  // an earlier ICMP error reported on this send; the packet was not sent
                } else {
                    counters.add(counters.packetsDropped, 1)  // this packet is refused; go on with the rest
                    sent += 1
                    retried = false
                }
            }
            counters.add(counters.packetsSent, count)
            counters.add(counters.bytesSent, bytes)
            count = 0
            bytes = 0
        }
        func nextSlot() -> UnsafeMutableRawPointer {
            if count == batchSize { flush() }
            return batch.slot(count) + 4
        }
        func emit(_ length: Int) {
            let slot = batch.slot(count)
            let version = slot.load(fromByteOffset: 4, as: UInt8.self) >> 4
            slot.storeBytes(of: UInt32(version == 6 ? GREHeader.ipv6 : GREHeader.ipv4).bigEndian, as: UInt32.self)
            batch.setLength(count, 4 + length)
            bytes += length
            count += 1
        }
        while stop.wait(readable: device.fileDescriptor) {
            while true {
                let length = read(device.fileDescriptor, input, inputSize)
                if length <= VirtioNetHeader.length { break }
                let header = VirtioNetHeader(at: input)
                let packet = UnsafeMutableRawBufferPointer(
                    start: input + VirtioNetHeader.length, count: length - VirtioNetHeader.length)
                switch header.gsoType {
                case VirtioNetHeader.gsoNone:
                    if header.flags & VirtioNetHeader.needsChecksum != 0,
                        !TCPSegmentation.completeChecksum(
                            packet, start: Int(header.checksumStart), offset: Int(header.checksumOffset))
                    {
                        counters.add(counters.packetsDropped, 1)
                        continue
                    }
                    guard packet.count <= slotSize - 4 else {
                        counters.add(counters.packetsDropped, 1)
                        continue
                    }
                    nextSlot().copyMemory(from: packet.baseAddress!, byteCount: packet.count)
                    emit(packet.count)
                case VirtioNetHeader.gsoTCPv4:
                    if TCPSegmentation.segment(
                        UnsafeRawBufferPointer(packet), segmentSize: Int(header.gsoSize), nextSlot: nextSlot, emit: emit
                    ) {
                        counters.add(counters.superPacketsSegmented, 1)
                    } else {
                        counters.add(counters.packetsDropped, 1)
                    }
                default:
                    counters.add(counters.packetsDropped, 1)  // offloads we did not enable
                }
                if count == batchSize { flush() }
            }
            if count > 0 { flush() }
        }
    }

    /// GRE → TUN: receive a batch with one `recvmmsg`, check each packet's endpoints and GRE
    /// header, merge consecutive TCP segments (`TCPCoalescer`), write to the device.
    private static func decapsulate(
        device: TunDevice, socket: GRERawSocket, mtu: Int, stop: StopSignal, counters: TunnelCounters
    ) {
        let batch = PacketBatch(count: batchSize, slotSize: receiveSlotSize)
        var coalescer = TCPCoalescer(mtu: mtu)
        defer {
            batch.deallocate()
            coalescer.deallocate()
        }
        let write = { (packet: UnsafeRawBufferPointer) in
            if Glibc.write(device.fileDescriptor, packet.baseAddress, packet.count) == packet.count {
                counters.add(counters.packetsReceived, 1)
                counters.add(counters.bytesReceived, packet.count - VirtioNetHeader.length)
                if packet[1] == VirtioNetHeader.gsoTCPv4 { counters.add(counters.mergedWrites, 1) }
            } else {
                counters.add(counters.packetsDropped, 1)
            }
        }
        while stop.wait(readable: socket.fileDescriptor) {
            // Drain the socket: poll again only once a batch comes back short.
            var received = Int32(batchSize)
            while received == Int32(batchSize) {
                received = cmnl_recvmmsg(socket.fileDescriptor, batch.messages, UInt32(batchSize), Int32(MSG_DONTWAIT))
                for index in 0..<Int(max(received, 0)) {
                    let packet = UnsafeRawBufferPointer(
                        start: batch.slot(index), count: Int(batch.messages[index].msg_len))
                    // The outer IPv4 and GRE headers (24 bytes at least) leave room for the
                    // virtio header in front of the inner packet.
                    guard let inner = innerPacket(packet, local: socket.local, remote: socket.remote) else {
                        counters.add(counters.packetsDropped, 1)
                        continue
                    }
                    coalescer.add(UnsafeMutableRawBufferPointer(mutating: inner), write: write)
                }
                coalescer.flush(write: write)
            }
            counters.add(counters.underlayMergedPackets, coalescer.takeOffloadedCount())
        }
    }

    /// The inner packet of a received GRE packet (outer IPv4 header included), or nil when the
    /// packet is not GRE between exactly this tunnel's endpoints or its header is not plain GRE.
    static func innerPacket(_ packet: UnsafeRawBufferPointer, local: IPv4Address, remote: IPv4Address)
        -> UnsafeRawBufferPointer?
    {
        guard let outer = try? IPv4Header(parsing: packet), outer.protocolNumber == 47,
            outer.source == remote, outer.destination == local,
            let payload = outer.payloadRange(inPacketOf: packet.count)
        else { return nil }
        let gre = UnsafeRawBufferPointer(rebasing: packet[payload])
        guard let header = try? GREHeader(decoding: gre), header.key == nil,
            header.protocolType == GREHeader.ipv4 || header.protocolType == GREHeader.ipv6,
            gre.count > header.length
        else { return nil }
        return UnsafeRawBufferPointer(rebasing: gre[header.length...])
    }
}
