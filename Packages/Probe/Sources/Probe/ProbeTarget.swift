import Models

/// One address of one device to measure: its public IP or a `user-tunnel-endpoint` interface.
public struct ProbeTarget: Hashable, Sendable {
    /// The device's key.
    public var device: PublicKey
    /// The device's code, for display.
    public var deviceCode: String
    /// The address probed.
    public var address: IPv4Address
    /// The interface carrying the address; nil for the device's public IP.
    public var interfaceName: String?

    /// Creates a target.
    public init(device: PublicKey, deviceCode: String, address: IPv4Address, interfaceName: String? = nil) {
        self.device = device
        self.deviceCode = deviceCode
        self.address = address
        self.interfaceName = interfaceName
    }

    /// Every address to probe for `devices`, in device order: each device's public IP (unless
    /// unspecified), then, with `includeTunnelEndpoints`, every live `user-tunnel-endpoint`
    /// interface address (as ``Models/Device/userTunnelEndpoints`` counts them) that is not
    /// the public IP nor an address already listed for the device. No status filter: the
    /// selection policy decides what may be chosen.
    public static func targets(for devices: [Device], includeTunnelEndpoints: Bool = true) -> [ProbeTarget] {
        devices.flatMap { device in
            var targets: [ProbeTarget] = []
            var seen: Set<IPv4Address> = [.unspecified]
            if seen.insert(device.publicIp).inserted {
                targets.append(ProbeTarget(device: device.pubkey, deviceCode: device.code, address: device.publicIp))
            }
            guard includeTunnelEndpoints else { return targets }
            for interface in device.interfaces where interface.userTunnelEndpoint {
                guard interface.status == .activated || interface.status == .unlinked,
                    let address = interface.ipNet?.address, seen.insert(address).inserted
                else { continue }
                targets.append(
                    ProbeTarget(
                        device: device.pubkey, deviceCode: device.code, address: address,
                        interfaceName: interface.name))
            }
            return targets
        }
    }
}
