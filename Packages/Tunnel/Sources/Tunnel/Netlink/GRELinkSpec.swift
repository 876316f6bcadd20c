import Models

/// A kernel GRE link to create: `ip link add NAME mtu MTU type gre local L remote R ttl T [no]pmtudisc`.
///
/// No keys, no sequence numbers, no checksums (RFC 13 demultiplexes by endpoint pair).
public struct GRELinkSpec: Hashable, Sendable {
    /// The interface name (`doublezero0`, `doublezero1`).
    public var name: LinuxInterfaceName
    /// The underlay source address.
    public var local: IPv4Address
    /// The underlay destination address (the device's tunnel endpoint).
    public var remote: IPv4Address
    /// The outer TTL (upstream uses 64).
    public var ttl: UInt8
    /// Whether path MTU discovery sets DF on outer packets (upstream turns it off).
    public var pathMTUDiscovery: Bool
    /// The link MTU, or nil for the kernel's default (upstream uses 1476).
    public var mtu: UInt32?

    /// A GRE link with the upstream defaults: TTL 64, no PMTU discovery, MTU 1476.
    public init(
        name: LinuxInterfaceName, local: IPv4Address, remote: IPv4Address, ttl: UInt8 = 64,
        pathMTUDiscovery: Bool = false, mtu: UInt32? = 1476
    ) {
        self.name = name
        self.local = local
        self.remote = remote
        self.ttl = ttl
        self.pathMTUDiscovery = pathMTUDiscovery
        self.mtu = mtu
    }
}
