import ArgumentParser
import CommandLineSupport

/// `doublezero device interface get`: one interface as key/value lines or JSON.
struct GetDeviceInterface: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one device interface.")

    /// Which interface.
    @OptionGroup var selector: InterfaceSelector

    /// Key/value lines or JSON.
    @OptionGroup var output: OutputOptions

    /// The ledger to read.
    @OptionGroup var ledger: CLILedgerOption

    /// The key `me` stands for (accepted by every ledger verb).
    @OptionGroup var keypair: CLIKeypairOption

    /// Reads the interface and prints it.
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        let row = try await selector.row(in: session)
        let text = try RecordOutput.detail(
            row, columns: DeviceInterfaceRow.columns(includingDevice: true), json: row, format: output.format)
        print(text, terminator: "")
    }
}
