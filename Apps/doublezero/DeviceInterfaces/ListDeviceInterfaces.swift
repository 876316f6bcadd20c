import ArgumentParser
import CommandLineSupport
import Models

/// `doublezero device interface list`: the interfaces of one device, or of all.
struct ListDeviceInterfaces: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List device interfaces.",
        discussion: "One row per interface (a table, or a JSON array with --json / --json-compact).")

    /// Only this device's interfaces.
    @Option(name: .long, help: ArgumentHelp("Only this device's interfaces (code or pubkey).", valueName: "device"))
    var device: String?

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// The ledger to read.
    @OptionGroup var ledger: CLILedgerOption

    /// The key `me` stands for (accepted by every ledger verb).
    @OptionGroup var keypair: CLIKeypairOption

    /// Reads the devices and prints their interfaces.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        let devices: [Device]
        if let device {
            devices = [try await session.record(Device.self, reference: device)]
        } else {
            devices = try await session.records(Device.self).sorted { $0.code < $1.code }
        }
        let rows = devices.flatMap { device in
            device.interfaces.map { DeviceInterfaceRow(device: device, interface: $0) }
        }
        let text = try RecordOutput.list(
            rows, columns: DeviceInterfaceRow.columns(includingDevice: true), json: rows, format: output.format)
        print(text, terminator: "")
    }
}
