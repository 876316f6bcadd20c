import Models
import Routing
import Synchronization
import Tunnel

/// The device ends of the user tunnels in the agent's namespace: the Tunnel package's
/// ``TunnelSetReconciler`` with device-side specs (kernel GRE where the kernel has it, else the
/// userspace datapath running in the agent's process), plus a pinned underlay path per tunnel.
///
/// **The underlay pin.** An IBRL user's DZ IP is its public address, and bgpd installs that `/32`
/// via the user's tunnel; the tunnel's own GRE packets to the same address would then be routed
/// into the tunnel. A hardware device keeps user tunnels in a VRF; here every GRE packet leaves
/// from a device endpoint address, so a rule `from <endpoint> lookup 150` (priority 150) sends
/// them by table 150, which holds the underlay route to each client as it was before any BGP
/// route existed.
final class UserTunnelEndpoints: Sendable {
    /// The routing table (and rule priority) of the pinned underlay routes.
    static let underlayTable: UInt32 = 150

    private struct State {
        var reconciler: TunnelSetReconciler
        var netlink: NetlinkSession
        var pinned: [IPv4Address: Route] = [:]
        var rules: Set<IPv4Address> = []
    }

    private let state: Mutex<State>

    /// The tunnels of the caller's namespace (none yet).
    init() throws(DeviceAgentError) {
        do {
            state = Mutex(State(reconciler: try TunnelSetReconciler(), netlink: try NetlinkSession()))
        } catch {
            throw .tunnelFailed(interface: "-", reason: "cannot open netlink: \(error)")
        }
    }

    /// The device-side spec of `tunnel`.
    static func spec(_ tunnel: DeviceModel.UserTunnel) throws(DeviceAgentError) -> TunnelSpec {
        do {
            return TunnelSpec(
                name: try LinuxInterfaceName(tunnel.interfaceName), local: tunnel.deviceEndpoint,
                remote: tunnel.clientUnderlay, overlay: tunnel.overlay, side: .device)
        } catch {
            throw .tunnelFailed(interface: tunnel.interfaceName, reason: "\(error)")
        }
    }

    /// Brings the tunnels to `tunnels`: pins each new client's underlay path, then adds, replaces
    /// and removes device ends, touching only what changed. Returns the failures by interface.
    func apply(_ tunnels: [DeviceModel.UserTunnel]) -> [String: String] {
        var failures: [String: String] = [:]
        var specs: [TunnelSpec] = []
        for tunnel in tunnels {
            do {
                specs.append(try Self.spec(tunnel))
            } catch {
                failures[tunnel.interfaceName] = "\(error)"
            }
        }
        return state.withLock { state in
            for tunnel in tunnels where failures[tunnel.interfaceName] == nil {
                if let reason = Self.pin(tunnel, &state) { failures[tunnel.interfaceName] = reason }
            }
            let outcomes = state.reconciler.apply(specs.filter { failures[$0.name.rawValue] == nil })
            for (name, outcome) in outcomes {
                if case .failed(let error) = outcome { failures[name.rawValue] = "\(error)" }
            }
            Self.unpin(keeping: Set(tunnels.map(\.clientUnderlay)), &state)
            return failures
        }
    }

    /// The packets each userspace tunnel moved, by interface (sent, received).
    func packetCounts() -> [String: (sent: UInt64, received: UInt64)] {
        state.withLock { state in
            var counts: [String: (sent: UInt64, received: UInt64)] = [:]
            for name in state.reconciler.current.keys {
                guard let tunnel = state.reconciler.userspaceTunnel(name) else { continue }
                counts[name.rawValue] = (
                    tunnel.counters.packetsSent.load(ordering: .relaxed),
                    tunnel.counters.packetsReceived.load(ordering: .relaxed)
                )
            }
            return counts
        }
    }

    /// Removes every tunnel, pinned route and rule.
    func removeAll() {
        state.withLock { state in
            state.reconciler.removeAll()
            Self.unpin(keeping: [], &state)
            for endpoint in state.rules {
                try? state.netlink.deleteRule(Self.rule(endpoint))
            }
            state.rules = []
        }
    }

    private static func rule(_ endpoint: IPv4Address) -> PolicyRule {
        PolicyRule(
            priority: underlayTable, source: IPv4Prefix(uncheckedAddress: endpoint, length: 32), table: underlayTable)
    }

    /// Copies the current route to the client into the underlay table (once per client) and adds
    /// the endpoint's rule (once per endpoint); the reason when it cannot.
    private static func pin(_ tunnel: DeviceModel.UserTunnel, _ state: inout State) -> String? {
        if state.pinned[tunnel.clientUnderlay] == nil {
            do {
                guard let found = try state.netlink.routeLookup(to: tunnel.clientUnderlay),
                    found.interfaceIndex != nil
                else { return "no route to the client \(tunnel.clientUnderlay)" }
                let route = Route(
                    destination: IPv4Prefix(uncheckedAddress: tunnel.clientUnderlay, length: 32),
                    gateway: found.gateway,
                    interfaceIndex: found.interfaceIndex, table: underlayTable, protocol: .static)
                try state.netlink.replaceRoute(route)
                state.pinned[tunnel.clientUnderlay] = route
            } catch {
                return "cannot pin the underlay route to \(tunnel.clientUnderlay): \(error)"
            }
        }
        if !state.rules.contains(tunnel.deviceEndpoint) {
            do {
                try state.netlink.addRule(rule(tunnel.deviceEndpoint))
            } catch .exists {
                // Left by an earlier run: it is the same rule.
            } catch {
                return "cannot add the underlay rule for \(tunnel.deviceEndpoint): \(error)"
            }
            state.rules.insert(tunnel.deviceEndpoint)
        }
        return nil
    }

    /// Removes the pinned routes of clients no longer served.
    private static func unpin(keeping clients: Set<IPv4Address>, _ state: inout State) {
        for (client, route) in state.pinned where !clients.contains(client) {
            try? state.netlink.deleteRoute(route)
            state.pinned[client] = nil
        }
    }
}
