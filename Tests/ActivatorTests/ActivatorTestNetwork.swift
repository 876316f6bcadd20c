import ActivatorService
import AppTestSupport
import Foundation
import Ledger
import LedgerTestSupport
import Logging
import Models
import Testing

/// A ledger (embedded in a temporary directory, or any other), initialised with a foundation
/// key, an activator authority, a location, an exchange and a contributor, plus helpers that
/// create the entities the activator acts on.
final class ActivatorTestNetwork: Sendable {
    /// The ledger.
    let ledger: any LedgerAPI
    /// The embedded ledger, when this network made one.
    let service: LedgerService?
    /// The directory holding the embedded ledger file.
    let directory: URL?
    /// The key every test ledger of this process is founded by.
    static let sharedFoundation = Keypair()
    /// The foundation key.
    let foundation = ActivatorTestNetwork.sharedFoundation
    /// The activator authority.
    let activatorKey = Keypair()
    /// The contributor's owner.
    let contributorOwner = Keypair()
    /// The one user payer every access pass is for.
    let client = Keypair()
    /// Location, exchange and contributor keys.
    let location: PublicKey, exchange: PublicKey, contributor: PublicKey

    /// Creates and initialises the ledger; `userTunnelBlock` sizes the user tunnel pool.
    convenience init(userTunnelBlock: IPv4Prefix = "169.254.0.0/16") async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "activator-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let service = try LedgerService(
            path: directory.appendingPathComponent("ledger.sqlite").path,
            creating: LedgerGenesis(foundation: Self.sharedFoundation.publicKey))
        try await self.init(ledger: service, service: service, directory: directory, userTunnelBlock: userTunnelBlock)
    }

    /// Initialises `ledger` (a fresh one) for the tests.
    init(
        ledger: any LedgerAPI, service: LedgerService? = nil, directory: URL? = nil,
        userTunnelBlock: IPv4Prefix = "169.254.0.0/16"
    ) async throws {
        self.ledger = ledger
        self.service = service
        self.directory = directory
        _ = try await ledger.submit(
            LedgerBootstrap.instructions(
                activatorAuthority: activatorKey.publicKey, userTunnelBlock: userTunnelBlock), signedBy: foundation)
        let receipt = try await ledger.submit(
            [
                .createLocation(
                    CreateLocationArgs(code: "lax", name: "lax", country: "US", latitude: 34, longitude: -118)),
                .createExchange(CreateExchangeArgs(code: "xlax", name: "xlax", latitude: 34, longitude: -118)),
                .createContributor(CreateContributorArgs(code: "co01", owner: contributorOwner.publicKey)),
            ], signedBy: foundation)
        func created(_ kind: EntityKind) -> PublicKey { receipt.changes.first { $0.ref.kind == kind }!.ref.pubkey }
        location = created(.location)
        exchange = created(.exchange)
        contributor = created(.contributor)
    }

    /// Closes the ledger and removes the directory.
    func tearDown() async {
        await service?.close()
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// A fresh activator on this ledger, or on `other` (another way into the same ledger).
    func makeActivator(label: String = "activator", batchLimit: Int = 64, on other: (any LedgerAPI)? = nil)
        -> Activator
    {
        var logger = Logger(label: "test.\(label)")
        logger.logLevel = .warning
        return Activator(
            ledger: other ?? ledger, keypair: activatorKey, logger: logger, batchLimit: batchLimit,
            retryDelay: .milliseconds(50))
    }

    /// Submits `instructions` signed by `signer` (the foundation by default).
    @discardableResult
    func run(_ instructions: [Instruction], as signer: Keypair? = nil) async throws -> SubmitReceipt {
        try await ledger.submit(instructions, signedBy: signer ?? foundation)
    }

    /// Creates pending device `number` (public IP 45.0.number.1, dz_prefix 46.0.number.0/29) with
    /// physical interfaces Ethernet1/1 and Ethernet2/1; returns its key.
    func createDevice(_ number: UInt8) async throws -> PublicKey {
        let receipt = try await run(
            [
                .createDevice(
                    CreateDeviceArgs(
                        code: "dz\(number)", contributor: contributor, location: location, exchange: exchange,
                        publicIp: IPv4Address(45, 0, number, 1),
                        dzPrefixes: [IPv4Prefix(uncheckedAddress: IPv4Address(46, 0, number, 0), length: 29)]))
            ],
            as: contributorOwner)
        return receipt.changes.first { $0.ref.kind == .device }!.ref.pubkey
    }

    /// Adds interfaces to `device`: physical Ethernet1/1 and Ethernet2/1, a VPNv4 and an IPv4 loopback.
    func addInterfaces(to device: PublicKey) async throws {
        try await run(
            [
                .createDeviceInterface(
                    CreateDeviceInterfaceArgs(device: device, name: "Ethernet1/1", bandwidth: 100_000_000_000)),
                .createDeviceInterface(
                    CreateDeviceInterfaceArgs(device: device, name: "Ethernet2/1", bandwidth: 100_000_000_000)),
                .createDeviceInterface(
                    CreateDeviceInterfaceArgs(device: device, name: "Loopback255", loopbackType: .vpnv4)),
                .createDeviceInterface(
                    CreateDeviceInterfaceArgs(device: device, name: "Loopback256", loopbackType: .ipv4)),
            ], as: contributorOwner)
    }

    /// Creates a WAN link between two devices; returns its key.
    func createLink(_ code: String, _ sideA: PublicKey, _ aInterface: String, _ sideZ: PublicKey, _ zInterface: String)
        async throws -> PublicKey
    {
        let receipt = try await run(
            [
                .createLink(
                    CreateLinkArgs(
                        code: code, sideA: sideA, sideZ: sideZ, bandwidth: 10_000_000_000, delayNs: 1_000_000,
                        jitterNs: 50_000,
                        sideAIfaceName: aInterface, sideZIfaceName: zInterface))
            ],
            as: contributorOwner)
        return receipt.changes.first { $0.ref.kind == .link }!.ref.pubkey
    }

    /// Creates a pending multicast group; returns its key.
    func createGroup(_ code: String) async throws -> PublicKey {
        let receipt = try await run([
            .createMulticastGroup(
                CreateMulticastGroupArgs(code: code, maxBandwidth: 1_000_000_000, owner: foundation.publicKey))
        ])
        return receipt.changes.first { $0.ref.kind == .multicastGroup }!.ref.pubkey
    }

    /// Puts the client on the group's publisher and subscriber allowlists.
    func allowClient(in group: PublicKey) async throws {
        try await run([
            .addMulticastGroupPublisher(MulticastAllowlistArgs(group: group, userPayer: client.publicKey)),
            .addMulticastGroupSubscriber(MulticastAllowlistArgs(group: group, userPayer: client.publicKey)),
        ])
    }

    /// The client IP of user number `number` (globally routable, distinct per number).
    static func clientIp(_ number: Int) -> IPv4Address {
        IPv4Address(185, UInt8(1 + number / 65_536 % 200), UInt8(number / 256 % 256), UInt8(number % 256))
    }

    /// Grants an access pass for `ip` and creates a user of `type` on `device`; returns its key.
    @discardableResult
    func createUser(_ type: UserType, number: Int, on device: PublicKey) async throws -> PublicKey {
        let ip = Self.clientIp(number)
        try await run([.setAccessPass(SetAccessPassArgs(clientIp: ip, userPayer: client.publicKey))])
        try await run([.createUser(CreateUserArgs(userType: type, device: device, clientIp: ip))], as: client)
        return EntitySeed.user(clientIp: ip, userType: type).publicKey
    }

    /// Grants an access pass for `ip` and creates a multicast user in `group`; returns its key.
    @discardableResult
    func createMulticastUser(number: Int, on device: PublicKey, group: PublicKey, publisher: Bool) async throws
        -> PublicKey
    {
        let ip = Self.clientIp(number)
        try await run([.setAccessPass(SetAccessPassArgs(clientIp: ip, userPayer: client.publicKey))])
        try await run(
            [
                .createSubscribeUser(
                    CreateSubscribeUserArgs(
                        device: device, clientIp: ip, group: group, publisher: publisher, subscriber: !publisher))
            ],
            as: client)
        return EntitySeed.user(clientIp: ip, userType: .multicast).publicKey
    }

    /// The ledger's state now.
    func state() async throws -> LedgerState {
        if let service { return try await service.currentState() }
        var state = LedgerState()
        for kind in [EntityKind.globalConfig, .device, .link, .user, .multicastGroup] {
            for entity in try await ledger.entities(of: kind, matching: .all) { state.put(entity) }
        }
        return state
    }

    /// Waits (polling) until `condition` holds for the ledger state, or fails the test after `timeout`.
    func waitUntil(
        _ what: String, timeout: Duration = .seconds(30), sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (LedgerState) -> Bool
    ) async throws {
        guard try await eventually(within: timeout, { condition(try await state()) }) else {
            Issue.record("timed out waiting until \(what)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
    }
}

/// Runs `activator` in a task; cancel the task to stop it.
func start(_ activator: Activator) -> Task<Void, any Error> {
    Task { await activator.runUntilCancelled() }
}
