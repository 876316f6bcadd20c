import LinuxHost
import Models

/// Brings a host's tunnels to a desired set, touching only the difference.
///
/// A tunnel whose spec is unchanged is not touched (not even with a netlink request), so its
/// packets keep flowing while others are added or removed. Each tunnel is provisioned on its
/// own: a failure is reported for that tunnel, which is left absent, and the rest go on.
/// Kernel GRE is used when the kernel has it; on a kernel that answers "no gre", the userspace
/// datapath (``UserspaceGRETunnel``) carries the tunnel instead. Use from one task at a time.
public final class TunnelSetReconciler {
    private struct AppliedTunnel {
        var spec: TunnelSpec
        var userspace: UserspaceGRETunnel?
        var kind: TunnelDatapathKind { userspace == nil ? .kernelGRE : .userspace }
    }

    private let session: NetlinkSession
    private let namespace: NetworkNamespace?
    private var preference: TunnelDatapathPreference
    private var applied: [LinuxInterfaceName: AppliedTunnel] = [:]

    /// A reconciler for the tunnels of `namespace` (the caller's by default).
    public init(namespace: NetworkNamespace? = nil, preference: TunnelDatapathPreference = .automatic)
        throws(NetlinkError)
    {
        self.session = try NetlinkSession(namespace: namespace)
        self.namespace = namespace
        self.preference = preference
    }

    /// The tunnels currently applied, by name, with their datapath.
    public var current: [LinuxInterfaceName: (spec: TunnelSpec, kind: TunnelDatapathKind)] {
        applied.mapValues { ($0.spec, $0.kind) }
    }

    /// The userspace tunnel carrying `name`, if it is carried in userspace (for its counters).
    public func userspaceTunnel(_ name: LinuxInterfaceName) -> UserspaceGRETunnel? {
        applied[name]?.userspace
    }

    /// Applies `desired` (one spec per name; a later duplicate replaces an earlier one) and
    /// reports what happened to each tunnel.
    @discardableResult
    public func apply(_ desired: [TunnelSpec]) -> [LinuxInterfaceName: TunnelOutcome] {
        let wanted = Dictionary(desired.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        var report: [LinuxInterfaceName: TunnelOutcome] = [:]
        var replacing: Set<LinuxInterfaceName> = []
        for (name, tunnel) in applied.sorted(by: { $0.key < $1.key }) {
            let next = wanted[name]
            if next == tunnel.spec { report[name] = .unchanged; continue }
            do throws(TunnelProvisioningError) {
                try remove(tunnel)
                applied[name] = nil
                if next == nil { report[name] = .removed } else { replacing.insert(name) }
            } catch {
                report[name] = .failed(error)
            }
        }
        for (name, spec) in wanted.sorted(by: { $0.key < $1.key }) where applied[name] == nil {
            if case .failed = report[name] { continue }
            do throws(TunnelProvisioningError) {
                let tunnel = try provision(spec)
                applied[name] = tunnel
                report[name] = replacing.contains(name) ? .replaced(tunnel.kind) : .added(tunnel.kind)
            } catch {
                report[name] = .failed(error)
            }
        }
        return report
    }

    /// Removes every tunnel (`apply([])`).
    @discardableResult
    public func removeAll() -> [LinuxInterfaceName: TunnelOutcome] {
        apply([])
    }

    private func provision(_ spec: TunnelSpec) throws(TunnelProvisioningError) -> AppliedTunnel {
        let name = spec.name.rawValue
        guard let ends = spec.overlayEnds else { throw .overlayNotSlash31(tunnel: name, overlay: spec.overlay) }
        var tunnel = AppliedTunnel(spec: spec, userspace: nil)
        if preference != .userspace {
            do {
                try session.createGRELink(
                    GRELinkSpec(name: spec.name, local: spec.local, remote: spec.remote, mtu: spec.mtu))
            } catch .linkKindUnsupported where preference == .automatic {
                preference = .userspace
            } catch .exists {
                let existing = try step(name, "look up existing link") { () throws(NetlinkError) in
                    try session.link(named: spec.name)
                }
                guard existing.kind == "gre", existing.greLocal == spec.local, existing.greRemote == spec.remote else {
                    throw .nameTaken(tunnel: name, kind: existing.kind)
                }
            } catch {
                throw .netlink(tunnel: name, step: "create gre link", error)
            }
        }
        if preference == .userspace {
            do {
                tunnel.userspace = try UserspaceGRETunnel(
                    name: spec.name, local: spec.local, remote: spec.remote, mtu: Int(spec.mtu), namespace: namespace)
            } catch {
                throw .datapath(tunnel: name, error)
            }
        }
        do throws(TunnelProvisioningError) {
            try configure(spec, ends: ends)
        } catch {
            try? remove(tunnel)
            throw error
        }
        return tunnel
    }

    /// MTU, addresses, link up, routes.
    private func configure(_ spec: TunnelSpec, ends: (local: IPv4Address, remote: IPv4Address))
        throws(TunnelProvisioningError)
    {
        let name = spec.name.rawValue
        let index = try step(name, "look up link") { () throws(NetlinkError) in try session.link(named: spec.name).index
        }
        try step(name, "set mtu \(spec.mtu)") { () throws(NetlinkError) in
            try session.setLink(index: index, mtu: spec.mtu)
        }
        var addresses = [
            InterfaceAddress(
                interfaceIndex: index, address: IPv4Prefix(uncheckedAddress: ends.local, length: 31), scope: .link)
        ]
        if let dzIP = spec.dzIP {
            addresses.append(
                InterfaceAddress(interfaceIndex: index, address: IPv4Prefix(uncheckedAddress: dzIP, length: 32)))
        }
        for address in addresses {
            try step(name, "replace address \(address.address)") { () throws(NetlinkError) in
                try session.replaceAddress(address)
            }
        }
        try step(name, "set link up") { () throws(NetlinkError) in try session.setLink(index: index, up: true) }
        for route in spec.routes {
            let kernelRoute = Route(
                destination: route.destination, gateway: ends.remote, source: route.source, interfaceIndex: index,
                table: route.table, protocol: route.protocol)
            try step(name, "replace route \(route.destination)") { () throws(NetlinkError) in
                try session.replaceRoute(kernelRoute)
            }
        }
    }

    /// Deletes the link (its addresses and routes go with it) or stops the userspace tunnel
    /// (closing the TUN device deletes it).
    private func remove(_ tunnel: AppliedTunnel) throws(TunnelProvisioningError) {
        let name = tunnel.spec.name.rawValue
        if let userspace = tunnel.userspace {
            userspace.stop()
            return
        }
        do {
            let index = try session.link(named: tunnel.spec.name).index
            try session.deleteLink(index: index)
        } catch .notFound {
            // already gone
        } catch {
            throw .netlink(tunnel: name, step: "delete link", error)
        }
    }

    private func step<T>(_ tunnel: String, _ step: String, _ body: () throws(NetlinkError) -> T)
        throws(TunnelProvisioningError) -> T
    {
        do { return try body() } catch { throw .netlink(tunnel: tunnel, step: step, error) }
    }
}
