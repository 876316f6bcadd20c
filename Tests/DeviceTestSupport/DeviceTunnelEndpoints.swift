import LinuxHost
import Models
import Synchronization
import Tunnel

/// The device ends of user tunnels in a device namespace: the Tunnel package's
/// ``TunnelSetReconciler`` with ``TunnelSpec/OverlaySide/device`` specs (kernel GRE where the
/// kernel has it, else the userspace datapath running in this process), plus a pinned underlay
/// path for every tunnel.
///
/// **The underlay pin.** A user's DZ IP can be its underlay address (IBRL), and bgpd installs
/// that `/32` via the tunnel; the tunnel's own GRE packets to that address would then be routed
/// into the tunnel. A real device keeps user tunnels in a VRF; here every GRE packet the device
/// sends leaves from its endpoint address, so a policy rule `from <endpoint> lookup 150`
/// (priority 150) sends them by table 150, which holds the underlay route to each client as it
/// was before any BGP route existed.
final class DeviceTunnelEndpoints: Sendable {
    /// The routing table (and rule priority) of the pinned underlay routes.
    static let underlayTable = 150

    private struct State {
        var reconciler: TunnelSetReconciler
        var specs: [UInt16: TunnelSpec] = [:]
        var pinnedEndpoints: Set<IPv4Address> = []
    }

    private let namespaceName: String
    private let state: Mutex<State>

    /// The tunnels of the namespace `namespaceName` (none yet).
    init(namespace namespaceName: String) throws(FRRDeviceError) {
        self.namespaceName = namespaceName
        do {
            let namespace = try NetworkNamespace(named: namespaceName)
            state = Mutex(State(reconciler: try TunnelSetReconciler(namespace: namespace)))
        } catch {
            throw .cannotRun(command: "open namespace \(namespaceName)", reason: "\(error)")
        }
    }

    /// Pins `tunnel`'s underlay path, then adds (or replaces) its device end.
    func add(_ tunnel: DeviceUserTunnel) async throws(FRRDeviceError) {
        try await pin(tunnel)
        let outcome = state.withLock { state -> TunnelOutcome? in
            state.specs[tunnel.id] = tunnel.deviceSpec
            return state.reconciler.apply(Array(state.specs.values))[tunnel.interfaceName]
        }
        if case .failed(let error) = outcome {
            state.withLock { _ = $0.specs.removeValue(forKey: tunnel.id) }
            throw .tunnelFailed(tunnel: tunnel.interfaceName.rawValue, reason: "\(error)")
        }
    }

    /// Removes `tunnel`'s device end and its pinned route.
    func remove(_ tunnel: DeviceUserTunnel) async {
        state.withLock { state in
            state.specs[tunnel.id] = nil
            state.reconciler.apply(Array(state.specs.values))
        }
        _ = try? await SystemCommand.ip(
            namespaceName, ["route", "del", "\(tunnel.clientUnderlay)/32", "table", "\(Self.underlayTable)"])
    }

    /// Removes every tunnel, pinned route and rule.
    func removeAll() async {
        let endpoints = state.withLock { state -> Set<IPv4Address> in
            state.specs = [:]
            state.reconciler.removeAll()
            defer { state.pinnedEndpoints = [] }
            return state.pinnedEndpoints
        }
        for endpoint in endpoints {
            _ = try? await SystemCommand.ip(
                namespaceName, ["rule", "del", "from", "\(endpoint)", "lookup", "\(Self.underlayTable)"])
        }
        _ = try? await SystemCommand.ip(namespaceName, ["route", "flush", "table", "\(Self.underlayTable)"])
    }

    /// The userspace tunnel carrying `tunnel`, when it is carried in userspace (for its counters).
    func userspaceTunnel(_ tunnel: DeviceUserTunnel) -> UserspaceGRETunnel? {
        state.withLock { $0.reconciler.userspaceTunnel(tunnel.interfaceName) }
    }

    /// Copies the current route from the endpoint to the client into the underlay table, and adds
    /// the endpoint's rule once.
    private func pin(_ tunnel: DeviceUserTunnel) async throws(FRRDeviceError) {
        let lookup = try await SystemCommand.ip(
            namespaceName, ["-4", "route", "get", "\(tunnel.clientUnderlay)", "from", "\(tunnel.deviceEndpoint)"])
        let words = lookup.split(whereSeparator: \.isWhitespace).map(String.init)
        func value(after key: String) -> String? {
            words.firstIndex(of: key).flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
        }
        guard let device = value(after: "dev") else {
            throw .unexpectedOutput(command: "ip route get \(tunnel.clientUnderlay)", output: lookup)
        }
        var route = ["route", "replace", "\(tunnel.clientUnderlay)/32"]
        if let gateway = value(after: "via") { route += ["via", gateway] }
        route += ["dev", device, "table", "\(Self.underlayTable)"]
        try await SystemCommand.ip(namespaceName, route)
        let isNew = state.withLock { $0.pinnedEndpoints.insert(tunnel.deviceEndpoint).inserted }
        if isNew {
            try await SystemCommand.ip(
                namespaceName,
                [
                    "rule", "add", "from", "\(tunnel.deviceEndpoint)", "lookup", "\(Self.underlayTable)", "priority",
                    "\(Self.underlayTable)",
                ])
        }
    }
}
