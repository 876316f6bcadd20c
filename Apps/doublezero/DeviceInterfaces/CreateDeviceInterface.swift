import ArgumentParser
import CommandLineSupport
import Models

/// `doublezero device interface create`: adds an interface to a device (contributor owner or foundation).
struct CreateDeviceInterface: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Add an interface to a device.")

    /// The device and the new interface's name.
    @OptionGroup var selector: InterfaceSelector

    /// Loopback role.
    @Option(name: .long, help: ArgumentHelp("Loopback role (loopbacks only).", valueName: "type"))
    var loopbackType = LoopbackType.none

    /// User-access type.
    @Option(
        name: [.customLong("interface-cyoa"), .customLong("cyoa")],
        help: ArgumentHelp("User-access type (physical only).", valueName: "type"))
    var cyoa = CYOAType.none

    /// Direct internet access.
    @Option(
        name: [.customLong("interface-dia"), .customLong("dia")],
        help: ArgumentHelp("Direct internet access.", valueName: "type"))
    var dia = DIAType.none

    /// Bandwidth.
    @Option(name: .long, help: ArgumentHelp("Bandwidth (e.g. 10Gbps; CYOA/DIA need one).", valueName: "bandwidth"))
    var bandwidth = Bandwidth(bitsPerSecond: 0)

    /// Committed information rate.
    @Option(name: .long, help: ArgumentHelp("Committed information rate (e.g. 1Gbps).", valueName: "bandwidth"))
    var cir = Bandwidth(bitsPerSecond: 0)

    /// MTU.
    @Option(name: .long, help: ArgumentHelp("MTU. (default: 9000, or 1500 for CYOA/DIA)", valueName: "bytes"))
    var mtu: UInt16?

    /// Routing mode.
    @Option(name: .long, help: ArgumentHelp("How routes are exchanged.", valueName: "mode"))
    var routingMode = RoutingMode.static

    /// VLAN id.
    @Option(name: .long, help: ArgumentHelp("VLAN id, 0–4094 (0: untagged).", valueName: "id"))
    var vlanId: UInt16 = 0

    /// Address.
    @Option(name: .long, help: ArgumentHelp("Its address and subnet (e.g. 64.86.249.81/30).", valueName: "prefix"))
    var ipNet: IPv4Prefix?

    /// User tunnel endpoint.
    @Flag(name: .long, help: "Users may terminate GRE tunnels on this interface's address (RFC 13).")
    var userTunnelEndpoint = false

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// The device manager's key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits CreateDeviceInterface.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        let device = try await session.key(of: Device.self, reference: selector.device)
        let args = CreateDeviceInterfaceArgs(
            device: device, name: selector.name, loopbackType: loopbackType, cyoa: cyoa, dia: dia,
            bandwidth: bandwidth.bitsPerSecond, cir: cir.bitsPerSecond, mtu: mtu, routingMode: routingMode,
            vlanId: vlanId, ipNet: ipNet, userTunnelEndpoint: userTunnelEndpoint)
        try await session.submit([.createDeviceInterface(args)], reportingOn: device, format: output.format)
    }
}
