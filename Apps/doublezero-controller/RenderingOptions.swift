import ArgumentParser
import Routing

/// The options that change how device configs are rendered, shared by `render` and `serve`.
struct RenderingOptions: ParsableArguments {
    /// Leave out commands that fail on virtual (cEOS) devices.
    @Flag(name: .long, help: "Leave out commands that only work on hardware (for cEOS test devices).")
    var noHardware = false

    /// How many user tunnel interfaces each device config reserves.
    @Option(
        name: .long,
        help: ArgumentHelp("User tunnel slots rendered per device (at least 1).", valueName: "count"))
    var maxUserTunnelSlots = DeviceConfigOptions.defaultTunnelSlotCount

    /// The `local-as` of user BGP sessions; default: the global config's remote ASN.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The ASN devices present to users (local-as on user BGP sessions); default: the ledger's remote_asn.",
            valueName: "asn"))
    var deviceLocalAsn: UInt32?

    /// Optional features file (flex-algo); not supported: the ledger has no topologies.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A features file (YAML) for optional features such as flex-algo. Not supported yet: the ledger has no "
                + "topologies, so giving one is an error.", valueName: "path"))
    var featuresConfig: String?

    /// Rejects a slot count below 1 (or beyond the tunnel id range), an ASN of 0 and a features file.
    func validate() throws {
        guard maxUserTunnelSlots >= 1 else {
            throw ValidationError("--max-user-tunnel-slots must be at least 1 (got \(maxUserTunnelSlots)).")
        }
        guard maxUserTunnelSlots <= 4096 else {
            throw ValidationError(
                "--max-user-tunnel-slots must be at most 4096 (tunnel ids 500...4595; got \(maxUserTunnelSlots)).")
        }
        if let deviceLocalAsn, deviceLocalAsn == 0 || deviceLocalAsn == UInt32.max {
            throw ValidationError("--device-local-asn must be within 1...4294967294 (got \(deviceLocalAsn)).")
        }
        if let featuresConfig {
            throw ValidationError(
                "--features-config \(featuresConfig): flex-algo features are not supported (the ledger has no "
                    + "topologies); leave the option out.")
        }
    }

    /// The renderer's options.
    var deviceConfigOptions: DeviceConfigOptions {
        DeviceConfigOptions(noHardware: noHardware, tunnelSlotCount: maxUserTunnelSlots, localASN: deviceLocalAsn)
    }
}
