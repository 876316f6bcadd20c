import Logging
import Models
import Tunnel

/// The kernel side of the daemon's services: their tunnels (kernel GRE where the kernel has it,
/// the userspace datapath otherwise), the routes and policy rules beside them, and the startup
/// sweep of objects a previous run left behind. Owned by ``DaemonReconciler``; used from one task
/// at a time.
final class HostDataplane {
    private let tunnels: TunnelSetReconciler
    private let netlink: NetlinkSession
    private let logger: Logger
    private var specs: [LinuxInterfaceName: TunnelSpec] = [:]

    /// The dataplane of this process's network namespace.
    init(logger: Logger) throws(NetlinkError) {
        self.tunnels = try TunnelSetReconciler()
        self.netlink = try NetlinkSession()
        self.logger = logger
    }

    /// Builds every object of `layout`; on failure removes what it built and throws.
    func build(_ layout: HostServiceLayout) throws(HostDataplaneError) {
        let name = layout.tunnel.name
        specs[name] = layout.tunnel
        let outcome = tunnels.apply(Array(specs.values))[name]
        if case .failed(let error) = outcome {
            specs[name] = nil
            throw .tunnel(error)
        }
        do throws(HostDataplaneError) {
            for route in layout.routes { try replace(route, layout: layout) }
            for rule in layout.rules {
                do {
                    try netlink.addRule(rule)
                } catch .exists {
                    // left by an earlier run and adopted
                } catch {
                    throw .netlink("add rule \(rule.priority) to table \(rule.table)", error)
                }
            }
        } catch {
            tear(layout)
            throw error
        }
    }

    /// Removes every object of `layout`: rules first, then the tunnel (its addresses and routes go with it).
    func tear(_ layout: HostServiceLayout) {
        for rule in layout.rules {
            do {
                try netlink.deleteRule(rule)
            } catch .notFound {
            } catch {
                logger.warning("rule not deleted", metadata: ["error": "\(error)"])
            }
        }
        specs[layout.tunnel.name] = nil
        let outcome = tunnels.apply(Array(specs.values))[layout.tunnel.name]
        if case .failed(let error) = outcome {
            logger.warning("tunnel not removed", metadata: ["error": "\(error)"])
        }
    }

    /// Replaces the routes beside the tunnel of `old` with those of `new` (same tunnel): deletes
    /// the routes that went, adds those that came. Multicast group changes are applied this way.
    func updateRoutes(from old: HostServiceLayout, to new: HostServiceLayout) throws(HostDataplaneError) {
        let kept = Set(new.routes)
        for route in old.routes where !kept.contains(route) {
            do {
                try netlink.deleteRoute(kernelRoute(route, layout: old))
            } catch .notFound {
            } catch {
                throw .netlink("delete route \(route.destination)", error)
            }
        }
        let had = Set(old.routes)
        for route in new.routes where !had.contains(route) { try replace(route, layout: new) }
    }

    /// The userspace datapath's counters of a tunnel, when it runs in userspace.
    func userspaceTunnel(_ name: LinuxInterfaceName) -> UserspaceGRETunnel? {
        tunnels.userspaceTunnel(name)
    }

    /// Removes what an earlier run left that `wanted` does not call for: `doublezero0`/`doublezero1`
    /// links whose endpoints differ (or that are not wanted) and the EdgeFiltering rules
    /// (priorities 100/101 to tables 100/101) that are not wanted. Returns what it removed.
    func sweep(keeping wanted: [HostServiceLayout]) -> [String] {
        var removed: [String] = []
        let wantedTunnels = Dictionary(wanted.map { ($0.tunnel.name.rawValue, $0.tunnel) }, uniquingKeysWith: { $1 })
        for slot in TunnelSlot.allCases {
            let name = slot.interfaceName
            guard let link = try? netlink.link(named: name) else { continue }
            if let spec = wantedTunnels[name.rawValue], link.kind == "gre", link.greLocal == spec.local,
                link.greRemote == spec.remote
            {
                continue
            }
            do {
                try netlink.deleteLink(index: link.index)
                removed.append("link \(name) (\(link.kind ?? "?"))")
            } catch {
                logger.warning("leftover link not deleted", metadata: ["link": "\(name)", "error": "\(error)"])
            }
        }
        let wantedRules = Set(wanted.flatMap(\.rules))
        let rules = (try? netlink.rules()) ?? []
        for rule in rules where Self.isServiceRule(rule) && !wantedRules.contains(rule) {
            do {
                try netlink.deleteRule(rule)
                removed.append(
                    "rule \(rule.priority) \(rule.source.map { "from \($0) " } ?? "")"
                        + "\(rule.destination.map { "to \($0) " } ?? "")lookup \(rule.table)")
            } catch {
                logger.warning("leftover rule not deleted", metadata: ["error": "\(error)"])
            }
        }
        return removed
    }

    /// Whether `rule` has the shape of the rules EdgeFiltering creates.
    static func isServiceRule(_ rule: PolicyRule) -> Bool {
        [100, 101].contains(rule.priority)
            && [
                HostServiceLayout.edgeFilteringLearnedTable,
                HostServiceLayout.edgeFilteringDefaultTable,
            ].contains(rule.table)
    }

    private func replace(_ route: TunnelRoute, layout: HostServiceLayout) throws(HostDataplaneError) {
        do {
            try netlink.replaceRoute(kernelRoute(route, layout: layout))
        } catch {
            throw .netlink("replace route \(route.destination) in table \(route.table)", error)
        }
    }

    private func kernelRoute(_ route: TunnelRoute, layout: HostServiceLayout) -> Route {
        Route(
            destination: route.destination, gateway: layout.tunnel.overlayEnds?.remote, source: route.source,
            table: route.table, protocol: route.protocol)
    }
}
