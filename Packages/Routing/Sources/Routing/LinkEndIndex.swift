import Models

/// The links that put an interface into IS-IS, by (device, interface name): only activated,
/// soft-drained and hard-drained links count; the first in ledger order wins.
struct LinkEndIndex: Sendable {
    /// One end of a link.
    struct End: Hashable, Sendable {
        var device: PublicKey
        var interface: String
    }

    /// The IS-IS link of each end.
    private var ends: [End: DeviceConfigInterface.ISISLink] = [:]

    /// Indexes `links` (ledger order).
    init(links: [Link]) {
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
