import ActivatorService
import AppTestSupport
import Foundation
import Ledger
import LinuxHostTesting
import Logging
import Models
import Testing

/// A user host and a device in two scratch namespaces joined by a veth pair, a ledger file with
/// one activated device (public IP 45.0.1.1, a user-tunnel endpoint 45.0.1.9, DoubleZero prefix
/// 46.0.1.0/29), an in-process activator, and `doublezerod` running in the host namespace against
/// the same ledger file — as a server owner runs it.
///
/// The host is 185.1.0.1 on the underlay. Everything (namespaces, daemon, files) is removed by
/// ``tearDown()``, which ``with(_:)`` calls even when the test fails.
final class DaemonHostScenario: @unchecked Sendable {
    static let hostIP: IPv4Address = "185.1.0.1"
    static let devicePublicIP: IPv4Address = "45.0.1.1"
    static let deviceEndpoint: IPv4Address = "45.0.1.9"

    let directory: URL
    let ledger: LedgerService
    let host: ScratchNamespace
    let device: ScratchNamespace
    let foundation = Keypair()
    private var network: OneDeviceNetwork?
    var activatorKey: Keypair { network!.activator }
    var client: Keypair { network!.client }
    var devicePubkey: PublicKey { network!.device }
    var contributor: Keypair { network!.contributor }
    private(set) var daemon: BackgroundApp?
    private var activatorTask: Task<Void, Never>?

    var socketPath: String { directory.appendingPathComponent("run/doublezerod.sock").path }
    var stateDirectory: String { directory.appendingPathComponent("state").path }
    var ledgerPath: String { directory.appendingPathComponent("ledger.sqlite").path }

    /// Runs `body` with a fresh scenario and tears it down afterwards, also on failure.
    static func with(_ body: (DaemonHostScenario) async throws -> Void) async throws {
        let scenario = try await DaemonHostScenario()
        do {
            try await body(scenario)
        } catch {
            await scenario.tearDown()
            throw error
        }
        await scenario.tearDown()
    }

    private init() async throws {
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("daemon-host-\(tag)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        host = try ScratchNamespace(name: "dzh-\(tag)")
        do {
            device = try ScratchNamespace(name: "dzd-\(tag)")
        } catch {
            host.delete()
            throw error
        }
        ledger = try LedgerService(
            path: directory.appendingPathComponent("ledger.sqlite").path,
            creating: LedgerGenesis(foundation: foundation.publicKey))
        do {
            try Self.wire(host: host.name, device: device.name, tag: tag)
            try await bootstrap()
            startActivator()
            try await waitUntil("the device activated") {
                if case .device(let state)? = try await ledger.entity(EntityRef(kind: .device, pubkey: devicePubkey)) {
                    return state.status == .activated
                }
                return false
            }
        } catch {
            await tearDown()
            throw error
        }
    }

    /// The veth underlay: host 185.1.0.1/16 (default route through it), device 45.0.1.1 and 45.0.1.9.
    private static func wire(host: String, device: String, tag: String) throws {
        let hostEnd = "vh\(tag)".prefix(15)
        let deviceEnd = "vd\(tag)".prefix(15)
        try run(
            "ip", "link", "add", String(hostEnd), "netns", host, "type", "veth", "peer", "name", String(deviceEnd),
            "netns", device)
        try run("ip", "-n", host, "addr", "add", "185.1.0.1/16", "dev", String(hostEnd))
        try run("ip", "-n", device, "addr", "add", "45.0.1.1/24", "dev", String(deviceEnd))
        try run("ip", "-n", device, "addr", "add", "45.0.1.9/32", "dev", String(deviceEnd))
        for (namespace, link) in [(host, String(hostEnd)), (device, String(deviceEnd))] {
            try run("ip", "-n", namespace, "link", "set", "lo", "up")
            try run("ip", "-n", namespace, "link", "set", link, "up")
        }
        try run("ip", "-n", host, "route", "add", "default", "dev", String(hostEnd))
        try run("ip", "-n", device, "route", "add", "185.1.0.0/16", "dev", String(deviceEnd))
    }

    /// The ledger side: ``OneDeviceNetwork`` with the device's second endpoint.
    private func bootstrap() async throws {
        network = try await OneDeviceNetwork.create(
            on: ledger, foundation: foundation, hostIP: Self.hostIP, devicePublicIP: Self.devicePublicIP,
            dzPrefix: "46.0.1.0/29", tunnelEndpoint: Self.deviceEndpoint)
    }

    private func startActivator() {
        var logger = Logger(label: "test.activator")
        logger.logLevel = .warning
        let activator = Activator(ledger: ledger, keypair: activatorKey, logger: logger, retryDelay: .milliseconds(50))
        activatorTask = Task { await activator.runUntilCancelled() }
    }

    /// Creates a user of this host and returns its key (activation follows by the activator).
    @discardableResult
    func createUser(_ type: UserType, endpoint: IPv4Address = .unspecified) async throws -> PublicKey {
        try await ledger.submit(
            [
                .createUser(
                    CreateUserArgs(
                        userType: type, device: devicePubkey, clientIp: Self.hostIP,
                        tunnelEndpoint: endpoint))
            ], signedBy: client)
        return EntitySeed.user(clientIp: Self.hostIP, userType: type).publicKey
    }

    /// Creates a multicast user of this host on the device's second endpoint.
    @discardableResult
    func createMulticastUser(group: PublicKey, publisher: Bool) async throws -> PublicKey {
        try await ledger.submit(
            [
                .createSubscribeUser(
                    CreateSubscribeUserArgs(
                        device: devicePubkey, clientIp: Self.hostIP, tunnelEndpoint: Self.deviceEndpoint,
                        group: group, publisher: publisher, subscriber: !publisher))
            ], signedBy: client)
        return EntitySeed.user(clientIp: Self.hostIP, userType: .multicast).publicKey
    }

    /// Creates a multicast group the host's payer may publish and subscribe to, and waits until it is activated.
    func createGroup(_ code: String) async throws -> PublicKey {
        let receipt = try await ledger.submit(
            [
                .createMulticastGroup(
                    CreateMulticastGroupArgs(
                        code: code, maxBandwidth: 1_000_000_000,
                        owner: foundation.publicKey))
            ], signedBy: foundation)
        let group = receipt.changes.first { $0.ref.kind == .multicastGroup }!.ref.pubkey
        _ = try await ledger.submit(
            [
                .addMulticastGroupPublisher(MulticastAllowlistArgs(group: group, userPayer: client.publicKey)),
                .addMulticastGroupSubscriber(MulticastAllowlistArgs(group: group, userPayer: client.publicKey)),
            ], signedBy: foundation)
        try await waitUntil("group \(code) activated") {
            if case .multicastGroup(let state)? = try await ledger.entity(
                EntityRef(kind: .multicastGroup, pubkey: group))
            {
                return state.status == .activated
            }
            return false
        }
        return group
    }

    /// Sets a multicast user's roles in a group.
    func setRoles(_ user: PublicKey, in group: PublicKey, publisher: Bool, subscriber: Bool) async throws {
        _ = try await ledger.submit(
            [
                .updateMulticastRoles(
                    UpdateMulticastRolesArgs(
                        user: user, group: group, publisher: publisher,
                        subscriber: subscriber))
            ], signedBy: client)
    }

    /// Deletes a user (the daemon sees it leave the activated set at once).
    func deleteUser(_ user: PublicKey) async throws {
        _ = try await ledger.submit([.deleteUser(PubkeyArgs(pubkey: user))], signedBy: client)
    }

    /// The user as the ledger holds it now.
    func user(_ key: PublicKey) async throws -> User? {
        try await ledger.entity(EntityRef(kind: .user, pubkey: key)).flatMap {
            if case .user(let user) = $0 { user } else { nil }
        }
    }

    /// Starts `doublezerod run` in the host namespace and waits until its socket listens.
    func startDaemon(enabled: Bool = true) async throws {
        let daemon = try BackgroundApp(
            "doublezerod",
            [
                "run", "--ledger", ledgerPath, "--sock-file", socketPath, "--state-dir", stateDirectory,
                "--client-ip", Self.hostIP.description, "--env", "localnet", "--no-latency-probing",
                "--reconciler-poll-interval", "2",
            ], in: directory, networkNamespace: host.name)
        self.daemon = daemon
        let listening = await daemon.waitForOutputLine(startingWith: "listening on ")
        try #require(listening != nil, "doublezerod did not start: \(daemon.standardError)")
        if enabled { try await api("POST", "/enable") }
    }

    /// Stops the daemon with `signal` and returns its exit code (nil when it had to be killed).
    @discardableResult
    func stopDaemon(signal: Int32 = SIGTERM) async -> Int32? {
        guard let daemon else { return nil }
        self.daemon = nil
        let code = await daemon.stop(signal: signal)
        return code
    }

    /// The daemon's standard error so far.
    var daemonLog: String { daemon?.standardError ?? "" }

    /// Sends a request to the daemon's API and returns the body; fails the test on a non-200.
    @discardableResult
    func api(_ method: String, _ path: String, body: String? = nil) async throws -> String {
        let client = RawHTTPClient(address: .unix(socketPath))
        let response = try await (method == "GET" ? client.get(path) : client.send(method, path, body: body ?? ""))
        try #require(response.status == 200, "\(method) \(path): \(response.status) \(response.body)")
        return response.body
    }

    /// Sends a request to the daemon's API and returns status and body, whatever the status.
    func apiReply(_ method: String, _ path: String, body: String? = nil) async throws -> (status: Int, body: String) {
        let reply = try await RawHTTPClient(address: .unix(socketPath)).send(method, path, body: body)
        return (reply.status, reply.body)
    }

    /// `ip -j ARGS` in the host namespace, parsed.
    func ipJSON(_ arguments: String...) throws -> [[String: Any]] {
        let output = try Self.output("ip", ["-n", host.name, "-j"] + arguments)
        let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8))
        return parsed as? [[String: Any]] ?? []
    }

    /// `ip ARGS` in the host namespace, as text.
    func ipText(_ arguments: String...) throws -> String {
        try Self.output("ip", ["-n", host.name] + arguments)
    }

    /// Waits up to `timeout` for `condition`.
    func waitUntil(
        _ what: String, timeout: Duration = .seconds(20), _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("timed out waiting for \(what); daemon log:\n\(daemonLog)")
        throw CancellationError()
    }

    /// Stops everything and deletes the namespaces and files.
    func tearDown() async {
        await stopDaemon(signal: SIGTERM)
        activatorTask?.cancel()
        await activatorTask?.value
        await ledger.close()
        device.delete()
        host.delete()
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: - Processes

    static func run(_ arguments: String...) throws {
        _ = try output(arguments[0], Array(arguments.dropFirst()))
    }

    static func output(_ command: String, _ arguments: [String]) throws -> String {
        try CommandOutput.run(command, arguments)
    }
}
