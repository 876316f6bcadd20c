import ArgumentParser
import CommandLineSupport
import Models

/// `doublezero device interface update`: changes fields of one interface (contributor owner or foundation).
struct UpdateDeviceInterface: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change fields of a device interface.",
        discussion: "Only the fields given change.")

    /// Which interface.
    @OptionGroup var selector: InterfaceSelector

    /// New loopback role.
    @Option(name: .long, help: ArgumentHelp("New loopback role.", valueName: "type"))
    var loopbackType: LoopbackType?

    /// New user-access type.
    @Option(
        name: [.customLong("interface-cyoa"), .customLong("cyoa")],
        help: ArgumentHelp("New user-access type.", valueName: "type"))
    var cyoa: CYOAType?

    /// New direct internet access.
    @Option(
        name: [.customLong("interface-dia"), .customLong("dia")],
        help: ArgumentHelp("New direct internet access.", valueName: "type"))
    var dia: DIAType?

    /// New bandwidth.
    @Option(name: .long, help: ArgumentHelp("New bandwidth.", valueName: "bandwidth"))
    var bandwidth: Bandwidth?

    /// New committed information rate.
    @Option(name: .long, help: ArgumentHelp("New committed information rate.", valueName: "bandwidth"))
    var cir: Bandwidth?

    /// New MTU.
    @Option(name: .long, help: ArgumentHelp("New MTU.", valueName: "bytes"))
    var mtu: UInt16?

    /// New routing mode.
    @Option(name: .long, help: ArgumentHelp("New routing mode.", valueName: "mode"))
    var routingMode: RoutingMode?

    /// New VLAN id.
    @Option(name: .long, help: ArgumentHelp("New VLAN id.", valueName: "id"))
    var vlanId: UInt16?

    /// New address.
    @Option(name: .long, help: ArgumentHelp("New address and subnet.", valueName: "prefix"))
    var ipNet: IPv4Prefix?

    /// New user-tunnel-endpoint setting.
    @Flag(name: .long, inversion: .prefixedNo, help: "Whether users may terminate GRE tunnels on this interface.")
    var userTunnelEndpoint: Bool?

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// The device manager's key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits UpdateDeviceInterface.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        try await session.submitChange(toInterface: selector, format: output.format) { device, name in
            .updateDeviceInterface(
                UpdateDeviceInterfaceArgs(
                    device: device, name: name, loopbackType: loopbackType, cyoa: cyoa, dia: dia,
                    bandwidth: bandwidth?.bitsPerSecond, cir: cir?.bitsPerSecond, mtu: mtu, routingMode: routingMode,
                    vlanId: vlanId, ipNet: ipNet, userTunnelEndpoint: userTunnelEndpoint))
        }
    }
}
