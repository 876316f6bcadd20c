#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Logging
import Models
import Synchronization
import Tunnel

/// Multicast forwarding in userspace, for kernels without IPv4 multicast routing (this machine's:
/// `MRT_INIT` fails with ENOPROTOOPT, so pimd can take joins but cannot install a route).
///
/// One packet socket sees every IPv4 packet the device receives. A packet to a group of the
/// multicast block, from source S on interface I, is forwarded when I is the interface of the
/// route to S (the RPF check, which keeps floods from looping), with its TTL lowered, to:
///
/// - every user tunnel where pimd holds a (*,G) or (S,G) join for the group (the subscriber's PIM
///   Join, pruned by its Prune, filtered by the tunnel's boundary);
/// - every link but I (dense flooding between devices: pimd's own cross-device state needs the
///   kernel routes this kernel cannot hold).
final class MulticastForwarder: Sendable {
    /// `ETH_P_IP`.
    static let ipProtocol: UInt16 = 0x0800
    /// `PACKET_OUTGOING`: a copy of what this host sends.
    static let outgoing: UInt8 = 4
    /// Every multicast group.
    static let multicast = IPv4Prefix(uncheckedAddress: IPv4Address(224, 0, 0, 0), length: 4)
    /// Link-local groups (PIM, IGMP): never forwarded.
    static let linkLocal = IPv4Prefix(uncheckedAddress: IPv4Address(224, 0, 0, 0), length: 24)

    private struct State {
        /// Groups joined per tunnel interface index.
        var joins: [Int32: Set<IPv4Address>] = [:]
        /// Link interface indexes.
        var links: Set<Int32> = []
        /// The RPF interface of each source, with when it was looked up.
        var rpf: [IPv4Address: (index: Int32?, at: ContinuousClock.Instant)] = [:]
        var stopped = false
        var forwarded = 0
        var droppedRPF = 0
    }

    private let groupBlock: IPv4Prefix
    private let socket: Int32
    private let netlink: Mutex<NetlinkSession>
    private let state = Mutex(State())
    private let logger: Logger

    /// A forwarder of `groupBlock`'s groups; not running until ``start()``.
    init(groupBlock: IPv4Prefix, logger: Logger) throws(DeviceAgentError) {
        self.groupBlock = groupBlock
        self.logger = logger
        let fd = Glibc.socket(
            AF_PACKET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), Int32(Self.ipProtocol.bigEndian))
        guard fd >= 0 else {
            throw .cannotRun(command: "socket(AF_PACKET)", reason: String(cString: strerror(errno)))
        }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        socket = fd
        do {
            netlink = Mutex(try NetlinkSession())
        } catch {
            close(fd)
            throw .cannotRun(command: "netlink", reason: "\(error)")
        }
    }

    deinit {
        close(socket)
    }

    /// How many packets were forwarded (each copy counts) and dropped by the RPF check.
    var counts: (forwarded: Int, droppedRPF: Int) { state.withLock { ($0.forwarded, $0.droppedRPF) } }

    /// Takes the joins (interface name → groups) and the link interface names now in force.
    func update(joins: [String: Set<IPv4Address>], links: [String]) {
        var byIndex: [Int32: Set<IPv4Address>] = [:]
        for (name, groups) in joins {
            let index = Int32(if_nametoindex(name))
            if index > 0 { byIndex[index] = groups }
        }
        let linkIndexes = Set(links.map { Int32(if_nametoindex($0)) }.filter { $0 > 0 })
        state.withLock { state in
            state.joins = byIndex
            state.links = linkIndexes
        }
    }

    /// Runs the receive loop on a thread of its own until ``stop()``.
    func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "multicast-forwarder"
        thread.start()
    }

    /// Stops the loop (within 200 ms).
    func stop() {
        state.withLock { $0.stopped = true }
    }

    private func loop() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !state.withLock(\.stopped) {
            var from = PacketSocketAddress()
            var length = socklen_t(MemoryLayout<PacketSocketAddress>.size)
            let received = buffer.withUnsafeMutableBytes { bytes in
                withUnsafeMutablePointer(to: &from) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(socket, bytes.baseAddress, bytes.count, 0, $0, &length)
                    }
                }
            }
            guard received > 20, from.sll_pkttype != Self.outgoing else { continue }
            forward(Array(buffer[0..<received]), ingress: from.sll_ifindex)
        }
    }

    /// Forwards one received IPv4 packet if it is a group packet that passes the RPF check.
    private func forward(_ packet: [UInt8], ingress: Int32) {
        guard packet[0] >> 4 == 4 else { return }
        let headerLength = Int(packet[0] & 0x0F) * 4
        guard headerLength >= 20, packet.count >= headerLength, packet[8] > 1 else { return }
        let destination = IPv4Address(
            UInt32(packet[16]) << 24 | UInt32(packet[17]) << 16 | UInt32(packet[18]) << 8 | UInt32(packet[19]))
        guard groupBlock.contains(destination), !Self.linkLocal.contains(destination) else { return }
        let source = IPv4Address(
            UInt32(packet[12]) << 24 | UInt32(packet[13]) << 16 | UInt32(packet[14]) << 8 | UInt32(packet[15]))
        guard rpfInterface(of: source) == ingress else {
            state.withLock { $0.droppedRPF += 1 }
            return
        }
        let outputs = state.withLock { state -> [Int32] in
            var outputs = state.links.subtracting([ingress])
            for (index, groups) in state.joins where index != ingress && groups.contains(destination) {
                outputs.insert(index)
            }
            return outputs.sorted()
        }
        guard !outputs.isEmpty else { return }
        var copy = packet
        copy[8] -= 1
        copy[10] = 0
        copy[11] = 0
        let checksum = InternetChecksum.checksum(copy[0..<headerLength])
        copy[10] = UInt8(checksum >> 8)
        copy[11] = UInt8(checksum & 0xFF)
        var sent = 0
        for output in outputs where send(copy, to: destination, on: output) { sent += 1 }
        state.withLock { $0.forwarded += sent }
    }

    /// The interface of the route to `source`, looked up at most once a second.
    private func rpfInterface(of source: IPv4Address) -> Int32? {
        let now = ContinuousClock.now
        if let cached = state.withLock({ $0.rpf[source] }), now - cached.at < .seconds(1) { return cached.index }
        let index = netlink.withLock { session in (try? session.routeLookup(to: source))??.interfaceIndex }
        state.withLock { $0.rpf[source] = (index, now) }
        return index
    }

    /// Sends `packet` out of interface `index` (the group's MAC as the link-layer destination).
    private func send(_ packet: [UInt8], to group: IPv4Address, on index: Int32) -> Bool {
        var address = PacketSocketAddress()
        address.sll_family = UInt16(AF_PACKET)
        address.sll_protocol = Self.ipProtocol.bigEndian
        address.sll_ifindex = index
        address.sll_halen = 6
        let value = group.value
        withUnsafeMutableBytes(of: &address.sll_addr) { mac in
            mac[0] = 0x01
            mac[1] = 0x00
            mac[2] = 0x5E
            mac[3] = UInt8((value >> 16) & 0x7F)
            mac[4] = UInt8((value >> 8) & 0xFF)
            mac[5] = UInt8(value & 0xFF)
        }
        let sent = packet.withUnsafeBytes { bytes in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(
                        socket, bytes.baseAddress, bytes.count, 0, $0, socklen_t(MemoryLayout<PacketSocketAddress>.size)
                    )
                }
            }
        }
        return sent == packet.count
    }
}
