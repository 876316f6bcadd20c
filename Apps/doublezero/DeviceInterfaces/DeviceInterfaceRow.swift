import CommandLineSupport
import Models

/// One interface of one device, as a table row and as JSON (the interface's fields plus `device_pk`
/// and `device_code`).
struct DeviceInterfaceRow: Encodable {
    /// The device the interface belongs to.
    let device: Device
    /// The interface.
    let interface: DeviceInterface

    /// The columns of `device interface list` (upstream's order), optionally without the device column
    /// (the interface table under `device get`).
    static func columns(includingDevice: Bool) -> [TableColumn<DeviceInterfaceRow>] {
        let device: [TableColumn<DeviceInterfaceRow>] = includingDevice ? [.init("device") { $0.device.code }] : []
        return device + [
            .init("name") { $0.interface.name },
            .init("interface_type") { $0.interface.interfaceType.rawValue },
            .init("loopback_type") { $0.interface.loopbackType.rawValue },
            .init("interface_cyoa") { $0.interface.cyoa.rawValue },
            .init("interface_dia") { $0.interface.dia.rawValue },
            .init("bandwidth") { Bandwidth(bitsPerSecond: $0.interface.bandwidth).description },
            .init("cir") { Bandwidth(bitsPerSecond: $0.interface.cir).description },
            .init("mtu") { "\($0.interface.mtu)" },
            .init("routing_mode") { $0.interface.routingMode.rawValue },
            .init("vlan_id") { "\($0.interface.vlanId)" },
            .init("ip_net") { $0.interface.ipNet?.description ?? "" },
            .init("node_segment_idx") { "\($0.interface.nodeSegmentIdx)" },
            .init("user_tunnel_endpoint") { "\($0.interface.userTunnelEndpoint)" },
            .init("status") { $0.interface.status.rawValue },
        ]
    }

    private enum CodingKeys: String, CodingKey {
        case devicePubkey = "device_pk"
        case deviceCode = "device_code"
    }

    /// The interface's own JSON object with `device_pk` and `device_code` added.
    func encode(to encoder: any Encoder) throws {
        try interface.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(device.pubkey, forKey: .devicePubkey)
        try container.encode(device.code, forKey: .deviceCode)
    }
}
