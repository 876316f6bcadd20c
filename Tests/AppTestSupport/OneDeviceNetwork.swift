import Ledger
import Models

/// The smallest network a user host can join, written to a fresh ledger as its operators would:
/// the bootstrap (``LedgerBootstrap``), one metro (`ams1`/`xams`), a contributor, one device
/// (`ams-dz01`) with a DoubleZero prefix and, optionally, a user-tunnel-endpoint loopback, and
/// the host's access pass. The device is left pending: an activator activates it.
public struct OneDeviceNetwork: Sendable {
    /// The foundation (founder of the ledger).
    public let foundation: Keypair
    /// The activator authority.
    public let activator: Keypair
    /// The contributor that owns the device.
    public let contributor: Keypair
    /// The payer of the host's users.
    public let client: Keypair
    /// The device.
    public let device: PublicKey

    /// Writes the network to `ledger` (created with `foundation` as founder).
    public static func create(
        on ledger: any LedgerAPI, foundation: Keypair, hostIP: IPv4Address, devicePublicIP: IPv4Address,
        dzPrefix: IPv4Prefix, tunnelEndpoint: IPv4Address? = nil
    ) async throws -> OneDeviceNetwork {
        let activator = Keypair()
        let contributor = Keypair()
        let client = Keypair()
        _ = try await ledger.submit(
            LedgerBootstrap.instructions(activatorAuthority: activator.publicKey), signedBy: foundation)
        let receipt = try await ledger.submit(
            [
                .createLocation(
                    CreateLocationArgs(code: "ams1", name: "Amsterdam 1", country: "NL", latitude: 52, longitude: 4)),
                .createExchange(CreateExchangeArgs(code: "xams", name: "Amsterdam", latitude: 52, longitude: 4)),
                .createContributor(CreateContributorArgs(code: "co01", owner: contributor.publicKey)),
                .setAccessPass(SetAccessPassArgs(clientIp: hostIP, userPayer: client.publicKey)),
            ], signedBy: foundation)
        func created(_ kind: EntityKind) -> PublicKey { receipt.changes.first { $0.ref.kind == kind }!.ref.pubkey }
        let deviceReceipt = try await ledger.submit(
            [
                .createDevice(
                    CreateDeviceArgs(
                        code: "ams-dz01", contributor: created(.contributor), location: created(.location),
                        exchange: created(.exchange), publicIp: devicePublicIP, dzPrefixes: [dzPrefix]))
            ], signedBy: contributor)
        let device = deviceReceipt.changes.first { $0.ref.kind == .device }!.ref.pubkey
        if let tunnelEndpoint {
            _ = try await ledger.submit(
                [
                    .createDeviceInterface(
                        CreateDeviceInterfaceArgs(
                            device: device, name: "Loopback100", loopbackType: .ipv4,
                            ipNet: IPv4Prefix(uncheckedAddress: tunnelEndpoint, length: 32), userTunnelEndpoint: true))
                ], signedBy: contributor)
        }
        return OneDeviceNetwork(
            foundation: foundation, activator: activator, contributor: contributor, client: client, device: device)
    }
}
