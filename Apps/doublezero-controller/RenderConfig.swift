import ArgumentParser
import CommandLineSupport
import ControllerService
import Foundation
import Ledger
import LedgerClient
import Routing

/// `doublezero-controller render`: prints one device's config.
struct RenderConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the config of one device, rendered from the ledger's current state.",
        discussion: """
            Writes the EOS config text to standard output, exactly as `serve` would send it, and exits. \
            A device that cannot be configured (missing or unassigned VPNv4/IPv4 loopback, exchange \
            without a valid BGP community) is an error naming every reason; so is an unknown device.
            """
    )

    /// The ledger to read.
    @OptionGroup var ledger: LedgerOption

    /// The device whose config to render.
    @Option(name: .long, help: ArgumentHelp("The device's code (e.g. ny5-dz01) or public key.", valueName: "code"))
    var device: String

    /// How to render.
    @OptionGroup var rendering: RenderingOptions

    /// Loads the ledger's state, renders the device and prints the text.
    func run() async throws {
        let connection: any LedgerAPI
        do {
            connection = try LedgerConnection.open(ledger.location.description)
        } catch {
            throw CommandFailure("cannot open the ledger \(ledger.location): \(error)")
        }
        let loaded: Result<LedgerState, ControllerError>
        do {
            loaded = .success(try await LedgerStateLoader.load(from: connection).state)
        } catch {
            loaded = .failure(error)
        }
        await LedgerConnection.close(connection)
        do {
            let snapshot = try DeviceConfigSnapshot(state: loaded.get())
            let configs = NetworkDeviceConfigs(snapshot: snapshot, options: rendering.deviceConfigOptions)
            let text = try configs.render(device)
            FileHandle.standardOutput.write(Data(text.utf8))
        } catch let error as ControllerError {
            throw CommandFailure("cannot read the ledger \(ledger.location): \(error)")
        } catch let error as DeviceConfigError {
            throw CommandFailure(error.description)
        }
    }
}
