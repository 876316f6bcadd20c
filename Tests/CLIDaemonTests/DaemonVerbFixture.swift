import ActivatorService
import AppTestSupport
import DaemonService
import DaemonTestSupport
import Foundation
import Ledger
import Logging
import Models
import ServiceLifecycle
import Synchronization
import Testing

/// What the CLI's daemon verbs run against: a ledger file with a small network (this process
/// writes it and runs the activator on it; the CLI is the other process), doublezerod's API on a
/// temporary Unix socket over a ``FakeDaemonBackend``, and a key file for the host's owner.
///
/// The network: exchange `xams` with devices `ams-dz01` (public IP 45.0.1.1 and a
/// user-tunnel-endpoint loopback 45.0.1.2) and `fra-dz01` (45.0.2.1), multicast group `mg01`
/// whose allowlists hold the host key, and — unless told otherwise — an access pass for the host
/// IP 203.0.113.10 and the host key. The fake reports latency for all three addresses.
final class DaemonVerbFixture: Sendable {
    /// The host's client IP, as the daemon reports it.
    static let clientIP: IPv4Address = "45.33.32.10"

    let directory: URL
    let ledger: LedgerService
    let foundation = Keypair()
    let activatorKey = Keypair()
    let contributorOwner = Keypair()
    /// The host's key (the user payer); its file is ``keypairPath``.
    let hostKey = Keypair()
    let backend = FakeDaemonBackend()
    let devices: [String: PublicKey]
    let group: PublicKey
    private let running: Task<Void, Never>
    private let standIns = Mutex<[ReconcilerStandIn]>([])
    private let group_: ServiceGroup

    /// The ledger file.
    var ledgerPath: String { directory.appendingPathComponent("ledger.sqlite").path }
    /// The host key's file.
    var keypairPath: String { directory.appendingPathComponent("id.json").path }
    /// The daemon's socket.
    var socketPath: String { directory.appendingPathComponent("d.sock").path }

    /// Builds the ledger, starts the activator and the daemon API.
    ///
    /// - Parameters:
    ///   - accessPass: whether the host key gets an access pass for the host IP.
    ///   - clientIP: what the daemon reports as its client IP (nil: not discovered).
    ///   - caller: the credentials every API request is taken to come from.
    init(
        accessPass: Bool = true, clientIP: String? = DaemonVerbFixture.clientIP.description,
        caller: PeerCredentials? = PeerCredentials(processID: 1, userID: 0, groupID: 0)
    ) async throws {
        directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("cdt-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        ledger = try LedgerService(
            path: directory.appendingPathComponent("ledger.sqlite").path,
            creating: LedgerGenesis(foundation: foundation.publicKey))
        try hostKey.file.write(to: directory.appendingPathComponent("id.json").path)
        var logger = Logger(label: "test.cli.daemon")
        logger.logLevel = .critical

        let activator = Activator(ledger: ledger, keypair: activatorKey, logger: logger, retryDelay: .milliseconds(50))
        let activating = Task { await activator.runUntilCancelled() }
        _ = try await ledger.submit(
            LedgerBootstrap.instructions(activatorAuthority: activatorKey.publicKey), signedBy: foundation)
        let setup = try await ledger.submit(
            [
                .createLocation(
                    CreateLocationArgs(code: "ams1", name: "Amsterdam", country: "NL", latitude: 52, longitude: 4)),
                .createExchange(CreateExchangeArgs(code: "xams", name: "Amsterdam", latitude: 52, longitude: 4)),
                .createContributor(CreateContributorArgs(code: "co01", owner: contributorOwner.publicKey)),
                .createMulticastGroup(
                    CreateMulticastGroupArgs(code: "mg01", maxBandwidth: 10_000_000_000, owner: foundation.publicKey)),
            ], signedBy: foundation)
        func created(_ kind: EntityKind) -> PublicKey {
            setup.changes.first { $0.ref.kind == kind }!.ref.pubkey
        }
        let location = created(.location)
        let exchange = created(.exchange)
        let contributor = created(.contributor)
        group = created(.multicastGroup)
        var devices: [String: PublicKey] = [:]
        for (code, number) in [("ams-dz01", UInt8(1)), ("fra-dz01", 2)] {
            let receipt = try await ledger.submit(
                [
                    .createDevice(
                        CreateDeviceArgs(
                            code: code, contributor: contributor, location: location, exchange: exchange,
                            publicIp: IPv4Address(45, 0, number, 1),
                            dzPrefixes: [IPv4Prefix(uncheckedAddress: IPv4Address(46, 0, number, 0), length: 29)]))
                ], signedBy: contributorOwner)
            devices[code] = receipt.changes.first { $0.ref.kind == .device }!.ref.pubkey
        }
        self.devices = devices
        _ = try await ledger.submit(
            [
                .createDeviceInterface(
                    CreateDeviceInterfaceArgs(
                        device: devices["ams-dz01"]!, name: "Loopback100", loopbackType: .ipv4,
                        ipNet: "45.0.1.2/32", userTunnelEndpoint: true))
            ], signedBy: contributorOwner)
        let groupKey = group
        try await Self.waitUntil("the devices and the group are activated", in: ledger) { state in
            devices.values.allSatisfy { state.devices[$0]?.status == .activated }
                && state.devices[devices["ams-dz01"]!]?.interfaces.allSatisfy { $0.status == .activated } == true
                && state.multicastGroups[groupKey]?.status == .activated
        }
        var grants: [Instruction] = [
            .addMulticastGroupPublisher(MulticastAllowlistArgs(group: group, userPayer: hostKey.publicKey)),
            .addMulticastGroupSubscriber(MulticastAllowlistArgs(group: group, userPayer: hostKey.publicKey)),
        ]
        if accessPass {
            grants.append(.setAccessPass(SetAccessPassArgs(clientIp: Self.clientIP, userPayer: hostKey.publicKey)))
        }
        _ = try await ledger.submit(grants, signedBy: foundation)

        backend.with { contents in
            contents.latency = LatencyReport(
                ready: true,
                results: [
                    Self.row(devices["fra-dz01"]!, "fra-dz01", "45.0.2.1", microseconds: 3_000),
                    Self.row(devices["ams-dz01"]!, "ams-dz01", "45.0.1.2", microseconds: 1_200),
                    Self.row(devices["ams-dz01"]!, "ams-dz01", "45.0.1.1", microseconds: 1_000),
                ])
        }
        let state = try DaemonStateStore(file: DaemonStateFile(directory: directory.path), backend: backend)
        let api = DaemonAPI(
            backend: backend, state: state,
            configuration: DaemonConfiguration(
                ledger: directory.appendingPathComponent("ledger.sqlite").path,
                socketPath: directory.appendingPathComponent("d.sock").path, clientIP: clientIP,
                stateDirectory: directory.path, network: "localnet"),
            writeAccess: WriteAccessRule(groupName: "doublezero"), peerCredentials: { _ in caller }, logger: logger)
        let (listening, listened) = AsyncStream<String>.makeStream()
        let server = DaemonAPIServer(
            api: api, socketPath: directory.appendingPathComponent("d.sock").path, logger: logger
        ) {
            listened.yield($0)
        }
        let serviceGroup = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [server], logger: logger))
        group_ = serviceGroup
        running = Task {
            defer { listened.finish() }
            try? await serviceGroup.run()
            activating.cancel()
            await activating.value
        }
        guard await listening.first(where: { _ in true }) != nil else {
            throw FixtureFailure(description: "the daemon API did not start")
        }
    }

    /// A reachable latency row with min = `microseconds`, avg and max a little above.
    static func row(_ device: PublicKey, _ code: String, _ address: IPv4Address, microseconds: UInt64)
        -> LatencyResult
    {
        LatencyResult(
            devicePubkey: device, deviceIP: address, deviceCode: code, minLatencyNanoseconds: microseconds * 1000,
            maxLatencyNanoseconds: microseconds * 1000 + 400_000,
            averageLatencyNanoseconds: microseconds * 1000 + 200_000,
            lossPercentage: 0, interfaceName: address.description.hasSuffix(".2") ? "Loopback100" : nil,
            reachable: true)
    }

    /// Stops the reconciler stand-ins, the daemon API and the activator, closes the ledger (one
    /// fixture at a time: ``TeardownTurns``) and removes the directory.
    func tearDown() async {
        for standIn in standIns.withLock({ $0 }) { await standIn.stopAndWait() }
        await group_.triggerGracefulShutdown()
        await running.value
        await TeardownTurns.shared.take { await self.ledger.close() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Registers a stand-in that ``tearDown()`` stops before closing the ledger.
    func register(_ standIn: ReconcilerStandIn) {
        standIns.withLock { $0.append(standIn) }
    }

    /// Runs `doublezero` with `arguments` (nothing added), `HOME` in the fixture and no
    /// `DOUBLEZERO_*` variables but `environment`'s.
    func run(_ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(60))
        async throws -> AppRun
    {
        let binary = try AppBinary.locate("doublezero")
        let unset = ["DOUBLEZERO_CONFIG", "DOUBLEZERO_LEDGER", "DOUBLEZERO_KEYPAIR", "DOUBLEZERO_SOCKET"]
            .flatMap { ["-u", $0] }
        let assignments = (["HOME": directory.path].merging(environment) { $1 }).sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value)" }
        return try await AppRun.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"), unset + assignments + [binary.url.path] + arguments,
            label: "doublezero", timeout: timeout)
    }

    /// Runs a host verb with the fixture's socket (`status`, `latency`, …).
    func daemonVerb(_ arguments: [String], environment: [String: String] = [:]) async throws -> AppRun {
        try await run(arguments + ["--sock-file", socketPath], environment: environment)
    }

    /// Runs `connect`/`disconnect` with the fixture's socket, ledger and key.
    func connection(_ arguments: [String]) async throws -> AppRun {
        try await run(arguments + ["--sock-file", socketPath, "--ledger", ledgerPath, "--keypair", keypairPath])
    }

    /// The users of the host IP.
    func hostUsers() async throws -> [User] {
        try await ledger.currentState().users.values.filter { $0.clientIp == Self.clientIP }
    }

    /// Waits (polling the state) until `condition` holds, for up to 30 s.
    func waitUntil(_ what: String, _ condition: (LedgerState) -> Bool) async throws {
        try await Self.waitUntil(what, in: ledger, condition)
    }

    /// Waits (polling the state of `ledger`) until `condition` holds, for up to 30 s.
    static func waitUntil(_ what: String, in ledger: LedgerService, _ condition: (LedgerState) -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !condition(try await ledger.currentState()) {
            guard ContinuousClock.now < deadline else { throw FixtureFailure(description: "timed out: \(what)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// A fixture that could not be set up.
struct FixtureFailure: Error, CustomStringConvertible {
    let description: String
}
