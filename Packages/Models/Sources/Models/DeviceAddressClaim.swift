/// One address or prefix a device claims as its own: its public IP, one of its dz_prefixes, or
/// the address of one of its user-tunnel-endpoint interfaces (where user tunnels terminate).
///
/// No two devices may claim overlapping space: a public IP or tunnel endpoint must differ from
/// every other device's public IP and tunnel endpoints and lie outside every other device's
/// dz_prefixes, and a dz_prefix must overlap no other device's dz_prefix and contain no other
/// device's public IP or tunnel endpoint. Otherwise a contributor could put another device's
/// address on its own device and draw that device's users or traffic.
public struct DeviceAddressClaim: Hashable, Sendable, CustomStringConvertible {
    /// What the claimed space is on its device.
    public enum Kind: Hashable, Sendable {
        /// The device's `public_ip`.
        case publicIp
        /// One of the device's `dz_prefixes`.
        case dzPrefix
        /// The `ip_net` address of the named user-tunnel-endpoint interface.
        case tunnelEndpoint(interface: String)
    }

    /// What the claimed space is.
    public var kind: Kind
    /// The claimed space: a /32 for an address, the prefix itself for a dz_prefix.
    public var space: IPv4Prefix

    /// Creates a claim.
    public init(kind: Kind, space: IPv4Prefix) {
        self.kind = kind
        self.space = space
    }

    /// The snake_case field the claim comes from: `public_ip`, `dz_prefixes` or `ip_net`.
    public var field: String {
        switch kind {
        case .publicIp: "public_ip"
        case .dzPrefix: "dz_prefixes"
        case .tunnelEndpoint: "ip_net"
        }
    }

    /// `public_ip 45.0.0.1`, `dz_prefix 45.0.2.0/29` or
    /// `ip_net 45.0.1.1 of user-tunnel-endpoint interface Loopback100`.
    public var description: String {
        switch kind {
        case .publicIp: "public_ip \(space.address)"
        case .dzPrefix: "dz_prefix \(space)"
        case .tunnelEndpoint(let interface): "ip_net \(space.address) of user-tunnel-endpoint interface \(interface)"
        }
    }

    /// Whether the two claims share an address.
    public func overlaps(_ other: DeviceAddressClaim) -> Bool {
        space.overlaps(other.space)
    }
}

extension Device {
    /// The address space the device claims: its public IP (unless 0.0.0.0), its dz_prefixes and
    /// the address of every user-tunnel-endpoint interface that has one, whatever its status.
    public var addressClaims: [DeviceAddressClaim] {
        var claims: [DeviceAddressClaim] = []
        if !publicIp.isUnspecified {
            claims.append(
                DeviceAddressClaim(kind: .publicIp, space: IPv4Prefix(uncheckedAddress: publicIp, length: 32)))
        }
        claims += dzPrefixes.map { DeviceAddressClaim(kind: .dzPrefix, space: $0.network) }
        for interface in interfaces where interface.userTunnelEndpoint {
            guard let ipNet = interface.ipNet else { continue }
            claims.append(
                DeviceAddressClaim(
                    kind: .tunnelEndpoint(interface: interface.name),
                    space: IPv4Prefix(uncheckedAddress: ipNet.address, length: 32)))
        }
        return claims
    }

    /// Fails with `AddressInUse` if space this device claims overlaps space `other` claims,
    /// naming the other device's code and both fields.
    ///
    /// - Parameters:
    ///   - other: another device (the caller leaves the device itself out).
    ///   - claims: the claims to check, by default all of ``addressClaims`` (an update checks
    ///     only the claims it adds).
    public func requireNoAddressOverlap(with other: Device, among claims: [DeviceAddressClaim]? = nil)
        throws(ProgramError)
    {
        let theirs = other.addressClaims
        for mine in claims ?? addressClaims {
            guard let clash = theirs.first(where: { mine.overlaps($0) }) else { continue }
            throw ProgramError(
                .addressInUse,
                "\(mine) of device \(code) overlaps \(clash) of device \(other.code); a device may claim only addresses no other device claims",
                field: mine.field)
        }
    }
}
