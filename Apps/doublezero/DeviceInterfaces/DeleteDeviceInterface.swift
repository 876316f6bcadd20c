import ArgumentParser
import CommandLineSupport
import Models

/// `doublezero device interface delete`: marks an interface for removal (contributor owner or foundation).
struct DeleteDeviceInterface: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Remove a device interface.",
        discussion: "Fails while a link is bound to it. Interfaces holding an allocation wait for the activator.")

    /// Which interface.
    @OptionGroup var selector: InterfaceSelector

    /// The ledger to write to.
    @OptionGroup var ledger: CLILedgerOption

    /// The device manager's key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits DeleteDeviceInterface.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        try await session.submitChange(toInterface: selector, format: output.format) { device, name in
            .deleteDeviceInterface(InterfaceArgs(device: device, name: name))
        }
    }
}
