import ArgumentParser
import CommandLineSupport
import Models

/// `--device DEVICE --name NAME`: one interface of one device.
struct InterfaceSelector: ParsableArguments {
    /// The device (code or pubkey).
    @Option(name: .long, help: ArgumentHelp("The device (code or pubkey).", valueName: "device"))
    var device: String

    /// The interface name, e.g. `Ethernet1/1` or `Loopback255`.
    @Option(name: .long, help: ArgumentHelp("The interface name (e.g. Ethernet1/1, Loopback255).", valueName: "name"))
    var name: String

    /// The device and its interface with that name (compared as the ledger normalises names).
    func row(in session: LedgerSession) async throws -> DeviceInterfaceRow {
        let device = try await session.record(Device.self, reference: device)
        let normalized = (try? InterfaceName.normalize(name)) ?? name
        guard let interface = device.interface(named: normalized) else {
            let known = device.interfaces.map(\.name)
            throw CommandFailure(
                "device \(device.code) has no interface '\(name)' (known: \(known.isEmpty ? "none yet" : known.joined(separator: ", ")))"
            )
        }
        return DeviceInterfaceRow(device: device, interface: interface)
    }
}
