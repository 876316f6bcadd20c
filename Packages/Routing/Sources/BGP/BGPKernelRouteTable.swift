import BGPWire
import Models

/// Maps a ``BGPSpeaker``'s events to the kernel routes `doublezerod` should hold for one
/// tunnel (`reference/client.md` §2.7, §2.9): every announced prefix becomes a route via the
/// announced NEXT_HOP with the tunnel's table, protocol and source; a withdrawal deletes it;
/// a closed session deletes every route it learned. A route to the policy's own source address
/// (the DZ IP as a /32) is never installed, whatever announced it.
///
/// The ``Policy`` covers the upstream variants: IBRL (main table, install and uninstall),
/// IBRL with allocated IP (``Policy/uninstalls`` false: routes are never deleted, they go with
/// the link), EdgeFiltering (table 100) and multicast (``Policy/installs`` false: nothing).
public struct BGPKernelRouteTable: Sendable {
    /// How learned routes become kernel routes.
    public struct Policy: Hashable, Sendable {
        /// The routing table (254 = main).
        public var table: UInt32
        /// The route protocol tag (186 = bgp).
        public var routeProtocol: UInt8
        /// The preferred source address (the DZ IP).
        public var source: IPv4Address?
        /// Whether learned routes are installed at all (false for multicast: "NoInstall").
        public var installs: Bool
        /// Whether withdrawals and closes delete routes (false: "NoUninstall").
        public var uninstalls: Bool

        /// Creates a policy; defaults are IBRL's (main table, protocol 186, install and uninstall).
        public init(
            table: UInt32 = 254, routeProtocol: UInt8 = 186, source: IPv4Address?, installs: Bool = true,
            uninstalls: Bool = true
        ) {
            self.table = table
            self.routeProtocol = routeProtocol
            self.source = source
            self.installs = installs
            self.uninstalls = uninstalls
        }
    }

    /// The policy applied to every event.
    public let policy: Policy
    /// The routes currently wanted, by destination.
    public private(set) var routes: [IPv4Prefix: DesiredKernelRoute] = [:]

    /// Creates an empty table.
    public init(policy: Policy) {
        self.policy = policy
    }

    /// Applies one event and returns the kernel changes it calls for, in order.
    ///
    /// An announcement without NEXT_HOP (impossible after decoding, which requires it) changes
    /// nothing; re-announcing a prefix with the same gateway changes nothing; an announcement of
    /// the source address's /32 (our own DZ IP echoed back) changes nothing.
    public mutating func apply(_ event: BGPSpeakerEvent) -> [KernelRouteChange] {
        guard policy.installs else { return [] }
        switch event {
        case .routesAnnounced(let prefixes, let attributes):
            guard let gateway = attributes.nextHop else { return [] }
            let own = policy.source.map { IPv4Prefix(uncheckedAddress: $0, length: 32) }
            var changes: [KernelRouteChange] = []
            for prefix in prefixes where prefix != own {
                let route = DesiredKernelRoute(
                    destination: prefix, gateway: gateway, source: policy.source, table: policy.table,
                    routeProtocol: policy.routeProtocol)
                guard routes[prefix] != route else { continue }
                routes[prefix] = route
                changes.append(.replace(route))
            }
            return changes
        case .routesWithdrawn(let prefixes):
            var changes: [KernelRouteChange] = []
            for prefix in prefixes {
                guard let route = routes.removeValue(forKey: prefix) else { continue }
                if policy.uninstalls { changes.append(.delete(route)) }
            }
            return changes
        case .sessionClosed:
            let all = routes.values.sorted {
                ($0.destination.address, $0.destination.length) < ($1.destination.address, $1.destination.length)
            }
            routes = [:]
            return policy.uninstalls ? all.map { .delete($0) } : []
        case .statusChanged, .established:
            return []
        }
    }
}
