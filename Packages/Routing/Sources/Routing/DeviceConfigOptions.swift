/// The controller-wide settings that shape every rendered device configuration.
public struct DeviceConfigOptions: Hashable, Sendable {
    /// The id of the first user tunnel slot (`Tunnel500`).
    public static let firstTunnelSlot: UInt16 = 500
    /// The default number of user tunnel slots per device (ids 500...627).
    public static let defaultTunnelSlotCount = 128
    /// The TWAMP light port device telemetry listens on.
    public static let defaultTWAMPPort: UInt16 = 862

    /// Leave out commands that fail on virtual (cEOS) devices: the hardware preamble, the second
    /// `hardware access-list` line and the `ip access-group` lines of user tunnels.
    public var noHardware: Bool
    /// How many user tunnel slots each device renders, from ``firstTunnelSlot`` on; at least 1.
    public var tunnelSlotCount: Int
    /// The `local-as` presented on user BGP sessions; nil takes the global config's `remote_asn`
    /// (the ASN users see the devices as).
    public var localASN: UInt32?
    /// The TWAMP port permitted by the control-plane ACL.
    public var twampPort: UInt16

    /// Creates options; the defaults match the upstream controller's.
    public init(
        noHardware: Bool = false, tunnelSlotCount: Int = defaultTunnelSlotCount, localASN: UInt32? = nil,
        twampPort: UInt16 = defaultTWAMPPort
    ) {
        precondition(tunnelSlotCount >= 1, "a device needs at least one tunnel slot")
        precondition(
            tunnelSlotCount <= Int(UInt16.max - Self.firstTunnelSlot), "too many tunnel slots (\(tunnelSlotCount))")
        self.noHardware = noHardware
        self.tunnelSlotCount = tunnelSlotCount
        self.localASN = localASN
        self.twampPort = twampPort
    }

    /// The slot ids rendered on every device, in order.
    public var tunnelSlotIds: ClosedRange<UInt16> {
        Self.firstTunnelSlot...(Self.firstTunnelSlot + UInt16(tunnelSlotCount) - 1)
    }
}
