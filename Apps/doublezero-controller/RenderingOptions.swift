import ArgumentParser

/// The options that change how device configs are rendered, shared by `render` and `serve`.
struct RenderingOptions: ParsableArguments {
    /// Leave out commands that fail on virtual (cEOS) devices.
    @Flag(name: .long, help: "Leave out commands that only work on hardware (for cEOS test devices).")
    var noHardware = false

    /// How many user tunnel interfaces each device config reserves.
    @Option(
        name: .long,
        help: ArgumentHelp("User tunnel slots rendered per device (at least 1).", valueName: "count"))
    var maxUserTunnelSlots = 128

    /// Optional features file (flex-algo); absent means all optional features off.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A features file (YAML) that turns on optional features such as flex-algo.", valueName: "path"))
    var featuresConfig: String?

    /// Rejects a slot count below 1.
    func validate() throws {
        guard maxUserTunnelSlots >= 1 else {
            throw ValidationError("--max-user-tunnel-slots must be at least 1 (got \(maxUserTunnelSlots)).")
        }
    }
}
