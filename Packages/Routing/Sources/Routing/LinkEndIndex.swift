import Models

/// The links that put an interface into IS-IS, by (device, interface name): only activated,
/// soft-drained and hard-drained links count; the first in ledger order wins. Also each device's
/// live link ends with their /31s (``DeviceConfigLink``), for the FRR rendering and the device model.
struct LinkEndIndex: Sendable {
    /// One end of a link.
    struct End: Hashable, Sendable {
        var device: PublicKey
        var interface: String
    }

    /// The IS-IS link of each end.
    private var ends: [End: DeviceConfigInterface.ISISLink] = [:]
    /// The live links (activated or drained, /31 allocated, two distinct devices) of each device,
    /// ledger order, with the side the device is on.
    private var liveLinks: [PublicKey: [(link: Link, isSideA: Bool)]] = [:]

    /// Indexes `links` (ledger order).
    init(links: [Link]) {
        for link in links
        where Self.isLive(link.status) && link.tunnelNet.halves != nil && link.sideA != link.sideZ
            && !link.sideAIfaceName.isEmpty && !link.sideZIfaceName.isEmpty
        {
            liveLinks[link.sideA, default: []].append((link, true))
            liveLinks[link.sideZ, default: []].append((link, false))
        }
        for link in links {
            guard let isis = Self.isisLink(of: link) else { continue }
            for end in [
                End(device: link.sideA, interface: link.sideAIfaceName),
                End(device: link.sideZ, interface: link.sideZIfaceName),
            ]
            where !end.interface.isEmpty && ends[end] == nil {
                ends[end] = isis
            }
        }
    }

    /// The IS-IS settings of `interface` on `device`, if a live link uses it.
    func isisLink(device: PublicKey, interface: String) -> DeviceConfigInterface.ISISLink? {
        ends[End(device: device, interface: interface)]
    }

    /// The live links of `device` as it sees them, sorted by its interface name (bytewise); when two
    /// links claim one interface the first in ledger order wins. `peer` describes the device at the
    /// other end: its code and, when it is healthy, its IPv4 loopback as an iBGP peer.
    func links(
        of device: PublicKey, peer: (PublicKey) -> (code: String, ibgpPeer: IBGPPeer?)
    ) -> [DeviceConfigLink] {
        var names = Set<String>()
        var result: [DeviceConfigLink] = []
        for (link, isSideA) in liveLinks[device] ?? [] {
            guard let halves = link.tunnelNet.halves else { continue }
            let interface = isSideA ? link.sideAIfaceName : link.sideZIfaceName
            guard names.insert(interface).inserted else { continue }
            let peerDevice = isSideA ? link.sideZ : link.sideA
            let described = peer(peerDevice)
            result.append(
                DeviceConfigLink(
                    code: link.code, pubkey: link.pubkey, status: link.status, interfaceName: interface,
                    tunnelNet: link.tunnelNet.network, localAddress: isSideA ? halves.lower : halves.upper,
                    peerAddress: isSideA ? halves.upper : halves.lower, peerDevice: peerDevice,
                    peerDeviceCode: described.code,
                    peerInterfaceName: isSideA ? link.sideZIfaceName : link.sideAIfaceName,
                    peer: described.ibgpPeer))
        }
        return result.sorted { $0.interfaceName.utf8.lexicographicallyPrecedes($1.interfaceName.utf8) }
    }

    /// Activated, soft-drained or hard-drained: the statuses in which a link's interfaces are configured.
    static func isLive(_ status: LinkStatus) -> Bool {
        status == .activated || status == .softDrained || status == .hardDrained
    }

    /// The metric and passive flag a link gives its interfaces, or nil when it carries no IS-IS
    /// (status other than activated or drained, or no delay measured).
    ///
    /// Metric: the delay in µs rounded up; a delay override within 10 µs...1 s replaces it; a
    /// soft-drained link gets 1000000. Hard-drained: `isis passive`, metric unchanged.
    static func isisLink(of link: Link) -> DeviceConfigInterface.ISISLink? {
        switch link.status {
        case .activated, .softDrained, .hardDrained: break
        case .pending, .requested, .deleting, .rejected: return nil
        }
        guard link.delayNs != 0 else { return nil }
        var metric = microsecondsRoundedUp(link.delayNs)
        if Link.delayRange.contains(link.delayOverrideNs) {
            metric = microsecondsRoundedUp(link.delayOverrideNs)
        }
        if link.status == .softDrained {
            metric = softDrainedMetric
        }
        return DeviceConfigInterface.ISISLink(metric: metric, isPassive: link.status == .hardDrained)
    }

    /// The IS-IS metric of a soft-drained link (1 s).
    static let softDrainedMetric: UInt32 = 1_000_000

    private static func microsecondsRoundedUp(_ nanoseconds: UInt64) -> UInt32 {
        UInt32(clamping: nanoseconds / 1000 + (nanoseconds % 1000 == 0 ? 0 : 1))
    }
}
