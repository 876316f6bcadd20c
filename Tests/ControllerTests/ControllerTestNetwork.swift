import ActivatorService
import AppTestSupport
import Foundation
import Ledger
import LedgerTestSupport
import LedgerServer
import Logging
import Models
import Testing

/// A served ledger for the controller app tests: an embedded ledger file, its HTTP server on a
/// free loopback port and an activator, all in this process, with a small network: exchanges
/// xams (10000) and xfra (10001), devices `ams-dz01` and `fra-dz01` with both loopbacks.
final class ControllerTestNetwork: Sendable {
    let service: LedgerService
    let directory: URL
    let server: LedgerHTTPServer
    let serverTask: Task<Void, any Error>
    let activatorTask: Task<Void, any Error>
    let url: String
    let foundation = Keypair()
    let activatorKey = Keypair()
    let contributorOwner = Keypair()
    let location: PublicKey, contributor: PublicKey
    let exchanges: [String: PublicKey]

    /// The path of the ledger file.
    var ledgerPath: String { directory.appendingPathComponent("ledger.sqlite").path }

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "controller-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        service = try LedgerService(
            path: directory.appendingPathComponent("ledger.sqlite").path,
            creating: LedgerGenesis(foundation: foundation.publicKey))
        var logger = Logger(label: "test.controller")
        logger.logLevel = .critical
        server = LedgerHTTPServer(
            ledger: service, configuration: LedgerServerConfiguration(host: "127.0.0.1", port: 0), logger: logger)
        let server = self.server
        serverTask = Task { try await server.run() }
        url = "http://\(try await server.listeningAddress())"
        let activator = Activator(ledger: service, keypair: activatorKey, logger: logger, retryDelay: .milliseconds(50))
        activatorTask = Task { await activator.runUntilCancelled() }

        _ = try await service.submit(
            LedgerBootstrap.instructions(activatorAuthority: activatorKey.publicKey), signedBy: foundation)
        let receipt = try await service.submit(
            [
                .createLocation(
                    CreateLocationArgs(code: "ams1", name: "Amsterdam", country: "NL", latitude: 52, longitude: 4)),
                .createExchange(CreateExchangeArgs(code: "xams", name: "Amsterdam", latitude: 52, longitude: 4)),
                .createExchange(CreateExchangeArgs(code: "xfra", name: "Frankfurt", latitude: 50, longitude: 8)),
                .createContributor(CreateContributorArgs(code: "co01", owner: contributorOwner.publicKey)),
            ], signedBy: foundation)
        func created(_ kind: EntityKind) -> [PublicKey] {
            receipt.changes.filter { $0.ref.kind == kind }.map(\.ref.pubkey)
        }
        location = created(.location)[0]
        contributor = created(.contributor)[0]
        var exchanges: [String: PublicKey] = [:]
        for key in created(.exchange) {
            if case .exchange(let exchange)? = try await service.entity(EntityRef(kind: .exchange, pubkey: key)) {
                exchanges[exchange.code] = key
            }
        }
        self.exchanges = exchanges
        try await addDevice("ams-dz01", exchange: "xams", number: 1)
        try await addDevice("fra-dz01", exchange: "xfra", number: 2)
    }

    /// Creates device `code` (public IP 45.0.number.1) with both loopbacks, and waits until the
    /// activator has activated it and its loopbacks.
    func addDevice(_ code: String, exchange: String, number: UInt8, loopbacks: Bool = true) async throws {
        let receipt = try await service.submit(
            [
                .createDevice(
                    CreateDeviceArgs(
                        code: code, contributor: contributor, location: location, exchange: exchanges[exchange]!,
                        publicIp: IPv4Address(45, 0, number, 1),
                        dzPrefixes: [IPv4Prefix(uncheckedAddress: IPv4Address(46, 0, number, 0), length: 29)]))
            ], signedBy: contributorOwner)
        let device = receipt.changes.first { $0.ref.kind == .device }!.ref.pubkey
        try await waitUntil("\(code) is activated") { $0.devices[device]?.status == .activated }
        guard loopbacks else { return }
        _ = try await service.submit(
            [
                .createDeviceInterface(
                    CreateDeviceInterfaceArgs(device: device, name: "Loopback255", loopbackType: .vpnv4)),
                .createDeviceInterface(
                    CreateDeviceInterfaceArgs(device: device, name: "Loopback256", loopbackType: .ipv4)),
            ], signedBy: contributorOwner)
        try await waitUntil("\(code)'s loopbacks are activated") { state in
            let interfaces = state.devices[device]?.interfaces ?? []
            return interfaces.count == 2 && interfaces.allSatisfy { $0.status == .activated && $0.ipNet != nil }
        }
    }

    /// Waits (polling) until `condition` holds for the ledger state, or fails after `timeout`.
    func waitUntil(
        _ what: String, timeout: Duration = .seconds(30), sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (LedgerState) -> Bool
    ) async throws {
        guard try await eventually(within: timeout, { condition(try await service.currentState()) }) else {
            Issue.record("timed out waiting until \(what)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
    }

    /// Stops the activator and the server, closes the ledger and removes the directory.
    func tearDown() async {
        activatorTask.cancel()
        serverTask.cancel()
        _ = try? await activatorTask.value
        _ = try? await serverTask.value
        await service.close()
        try? FileManager.default.removeItem(at: directory)
    }
}
