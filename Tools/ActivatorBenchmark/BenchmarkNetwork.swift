import AppTestSupport
import Foundation
import Ledger
import Models

/// The benchmark's ledger: initialised, devices activated by hand, and an access pass for every
/// client IP the run will use, all before any clock starts.
struct BenchmarkNetwork: Sendable {
    /// The foundation key (the ledger's founder).
    let foundation: Keypair
    /// The activator authority.
    let activatorKey = Keypair()
    /// The user payer of every pass.
    let client = Keypair()
    /// The ledger.
    let ledger: LedgerService
    /// The devices users are spread over.
    let devices: [PublicKey]
    /// Users per device.
    static let usersPerDevice = 4_000

    /// Sets up a ledger founded by `foundation` for `users` users.
    init(ledger: LedgerService, foundation: Keypair, users: Int) async throws {
        self.ledger = ledger
        self.foundation = foundation
        let owner = Keypair()
        _ = try await ledger.submit(
            LedgerBootstrap.instructions(activatorAuthority: activatorKey.publicKey) + [
                .createLocation(
                    CreateLocationArgs(code: "lax", name: "lax", country: "US", latitude: 34, longitude: -118)),
                .createExchange(CreateExchangeArgs(code: "xlax", name: "xlax", latitude: 34, longitude: -118)),
                .createContributor(CreateContributorArgs(code: "co01", owner: owner.publicKey)),
            ], signedBy: foundation)
        let state = try await ledger.currentState()
        let location = state.locations.keys.first!, exchange = state.exchanges.keys.first!
        let contributor = state.contributors.keys.first!
        var devices: [PublicKey] = []
        let deviceCount = (users + Self.usersPerDevice - 1) / Self.usersPerDevice
        for number in 0..<deviceCount {
            let receipt = try await ledger.submit(
                [
                    .createDevice(
                        CreateDeviceArgs(
                            code: "dz\(number)", contributor: contributor, location: location, exchange: exchange,
                            publicIp: IPv4Address(45, 0, UInt8(number), 1),
                            dzPrefixes: [
                                IPv4Prefix(uncheckedAddress: IPv4Address(46, 0, UInt8(number), 0), length: 29)
                            ],
                            maxUnicastUsers: UInt16(Self.usersPerDevice), maxMulticastUsers: 0))
                ], signedBy: owner)
            let key = receipt.changes.first { $0.ref.kind == .device }!.ref.pubkey
            _ = try await ledger.submit([.activateDevice(PubkeyArgs(pubkey: key))], signedBy: activatorKey)
            devices.append(key)
        }
        self.devices = devices
        var start = 0
        while start < users {
            let end = min(start + SignedTransaction.maxInstructions, users)
            _ = try await ledger.submit(
                (start..<end).map {
                    .setAccessPass(SetAccessPassArgs(clientIp: Self.clientIp($0), userPayer: client.publicKey))
                }, signedBy: foundation)
            start = end
        }
    }

    /// The client IP of user `index`.
    static func clientIp(_ index: Int) -> IPv4Address {
        IPv4Address(185, UInt8(1 + index / 65_536 % 200), UInt8(index / 256 % 256), UInt8(index % 256))
    }

    /// Creates IBRL user `index` (pending); returns its key.
    func createUser(_ index: Int) async throws -> PublicKey {
        let ip = Self.clientIp(index)
        _ = try await ledger.submit(
            [.createUser(CreateUserArgs(userType: .ibrl, device: devices[index % devices.count], clientIp: ip))],
            signedBy: client)
        return EntitySeed.user(clientIp: ip, userType: .ibrl).publicKey
    }
}
