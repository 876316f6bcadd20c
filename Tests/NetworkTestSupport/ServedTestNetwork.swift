import ActivatorService
import AppTestSupport
import Foundation
import Ledger
import LedgerTestSupport
import LedgerServer
import Logging
import Models
import Synchronization
import Testing

/// A served ledger for the controller and monitor tests: an embedded ledger file, its HTTP server
/// on a free loopback port and an activator, all in this process, with a small network: exchanges
/// xams (10000) and xfra (10001), devices `ams-dz01` and `fra-dz01` with both loopbacks.
public final class ServedTestNetwork: Sendable {
    /// The ledger, embedded.
    public let service: LedgerService
    /// The folder holding the ledger file.
    public let directory: URL
    /// Its HTTP server.
    public let server: LedgerHTTPServer
    let serverTask: Task<Void, any Error>
    private let activatorTask = Mutex<Task<Void, Never>?>(nil)
    /// The server's base URL.
    public let url: String
    /// The foundation's key.
    public let foundation = Keypair()
    /// The activator's key.
    public let activatorKey = Keypair()
    /// The contributor's owner key.
    public let contributorOwner = Keypair()
    /// The location and contributor every device uses.
    public let location: PublicKey, contributor: PublicKey
    /// The exchanges by code.
    public let exchanges: [String: PublicKey]

    /// The path of the ledger file.
    public var ledgerPath: String { directory.appendingPathComponent("ledger.sqlite").path }

    /// Creates the ledger, serves it, starts the activator and builds the network; the user
    /// tunnel pool is `userTunnelBlock`.
    public init(userTunnelBlock: IPv4Prefix = "169.254.0.0/16") async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "served-network-\(UUID().uuidString)")
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
        _ = try await service.submit(
            LedgerBootstrap.instructions(activatorAuthority: activatorKey.publicKey, userTunnelBlock: userTunnelBlock),
            signedBy: foundation)
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
        startActivator()
        try await addDevice("ams-dz01", exchange: "xams", number: 1)
        try await addDevice("fra-dz01", exchange: "xfra", number: 2)
    }

    /// Starts the activator (a new one when it was stopped).
    public func startActivator() {
        var logger = Logger(label: "test.activator")
        logger.logLevel = .critical
        let activator = Activator(
            ledger: service, keypair: activatorKey, logger: logger, retryDelay: .milliseconds(50))
        activatorTask.withLock { task in
            task?.cancel()
            task = Task { await activator.runUntilCancelled() }
        }
    }

    /// Stops the activator and waits until it has.
    public func stopActivator() async {
        let task = activatorTask.withLock { task in
            defer { task = nil }
            return task
        }
        task?.cancel()
        await task?.value
    }

    /// Creates device `code` (public IP 45.0.number.1) with both loopbacks, and waits until the
    /// activator has activated it and its loopbacks. Returns its key.
    @discardableResult
    public func addDevice(_ code: String, exchange: String, number: UInt8, loopbacks: Bool = true) async throws
        -> PublicKey
    {
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
        guard loopbacks else { return device }
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
        return device
    }

    /// The key users are created with.
    public let client = Keypair()

    /// Grants an access pass for `clientIp` and creates a user of `type` on `device` (the
    /// activator, when running, activates it). Returns its key.
    @discardableResult
    public func addUser(_ type: UserType, on device: PublicKey, clientIp: IPv4Address) async throws -> PublicKey {
        _ = try await service.submit(
            [.setAccessPass(SetAccessPassArgs(clientIp: clientIp, userPayer: client.publicKey))], signedBy: foundation)
        let receipt = try await service.submit(
            [.createUser(CreateUserArgs(userType: type, device: device, clientIp: clientIp))], signedBy: client)
        return receipt.changes.first { $0.ref.kind == .user }!.ref.pubkey
    }

    /// Creates physical interface `port` on devices `a` and `z` and a WAN link between them, and
    /// waits until the activator has activated it. Returns its key.
    @discardableResult
    public func addLink(_ a: PublicKey, _ z: PublicKey, code: String, port: String = "Ethernet1") async throws
        -> PublicKey
    {
        _ = try await service.submit(
            [
                .createDeviceInterface(CreateDeviceInterfaceArgs(device: a, name: port, bandwidth: 10_000_000_000)),
                .createDeviceInterface(CreateDeviceInterfaceArgs(device: z, name: port, bandwidth: 10_000_000_000)),
            ], signedBy: contributorOwner)
        let receipt = try await service.submit(
            [
                .createLink(
                    CreateLinkArgs(
                        code: code, sideA: a, sideZ: z, bandwidth: 10_000_000_000, delayNs: 10_000_000,
                        jitterNs: 100_000, sideAIfaceName: port, sideZIfaceName: port))
            ], signedBy: contributorOwner)
        let link = receipt.changes.first { $0.ref.kind == .link }!.ref.pubkey
        try await waitUntil("link \(code) is activated") { $0.links[link]?.status == .activated }
        return link
    }

    /// Waits (polling) until `condition` holds for the ledger state, or fails after `timeout`.
    public func waitUntil(
        _ what: String, timeout: Duration = .seconds(30), sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (LedgerState) -> Bool
    ) async throws {
        guard try await eventually(within: timeout, { condition(try await service.currentState()) }) else {
            Issue.record("timed out waiting until \(what)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
    }

    /// Stops the activator and the server, closes the ledger and removes the directory.
    public func tearDown() async {
        await stopActivator()
        serverTask.cancel()
        _ = try? await serverTask.value
        await service.close()
        try? FileManager.default.removeItem(at: directory)
    }
}
