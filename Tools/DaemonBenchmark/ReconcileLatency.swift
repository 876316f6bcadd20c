import ActivatorService
import AppTestSupport
import BenchmarkSupport
import DaemonService
import Foundation
import Ledger
import LinuxHost
import Logging
import Models
import Tunnel

/// `daemon.reconcile_ms`: from the `ActivateUser` entry reaching the ledger to `doublezero0` up
/// with its address and the BGP OPEN sent — measured where the OPEN arrives, on the device.
///
/// The parent (root namespace) makes a host and a device namespace joined by veth and re-runs
/// this executable inside the host namespace (`reconcile-child`), so the reconciler, its tunnels
/// and its BGP sockets live there exactly as `doublezerod` would. The child runs an in-process
/// ledger (SQLite file), activator and `DaemonReconciler`; on the device side it keeps a userspace
/// GRE tunnel to the host and a TCP listener on the device's overlay address, port 179. Each
/// round: create an IBRL user of the host (pending: the reconciler does nothing), then time from
/// the moment a ledger follower receives the activation entry to the moment the first BGP OPEN
/// message is read on the device; then delete the user and wait until the tunnel is gone.
enum ReconcileLatency {
    static let hostIP: IPv4Address = "185.1.0.1"
    static let deviceIP: IPv4Address = "45.0.1.1"
    /// The /31 the activator gives the first user of an empty block (reused after each deletion).
    static let tunnelNet: IPv4Prefix = "169.254.0.0/31"

    /// Sets up the namespaces, runs the child and returns its `rounds` measurements.
    static func measure(rounds: Int) throws -> [Duration] {
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let host = "dzbh-\(tag)"
        let device = "dzbd-\(tag)"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("daemon-bench-\(tag)")
        defer {
            _ = try? ShellCommand.run(["ip", "netns", "delete", host], allowFailure: true)
            _ = try? ShellCommand.run(["ip", "netns", "delete", device], allowFailure: true)
            try? FileManager.default.removeItem(at: directory)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in [host, device] { _ = try ShellCommand.run(["ip", "netns", "add", name]) }
        let hostEnd = "vh\(tag)".prefix(15)
        let deviceEnd = "vd\(tag)".prefix(15)
        for command in [
            [
                "ip", "link", "add", String(hostEnd), "netns", host, "type", "veth", "peer", "name", String(deviceEnd),
                "netns", device,
            ],
            ["ip", "-n", host, "addr", "add", "\(hostIP)/16", "dev", String(hostEnd)],
            ["ip", "-n", device, "addr", "add", "\(deviceIP)/24", "dev", String(deviceEnd)],
            ["ip", "-n", host, "link", "set", "lo", "up"], ["ip", "-n", device, "link", "set", "lo", "up"],
            ["ip", "-n", host, "link", "set", String(hostEnd), "up"],
            ["ip", "-n", device, "link", "set", String(deviceEnd), "up"],
            ["ip", "-n", host, "route", "add", "default", "dev", String(hostEnd)],
            ["ip", "-n", device, "route", "add", "185.1.0.0/16", "dev", String(deviceEnd)],
        ] {
            _ = try ShellCommand.run(command)
        }
        let output = try ShellCommand.run([
            "ip", "netns", "exec", host, CommandLine.arguments[0], "reconcile-child", device, "\(rounds)",
            directory.path,
        ])
        let values = output.split(separator: "\n").compactMap { line -> Duration? in
            guard line.hasPrefix("reconcile_ns "), let value = Int64(line.dropFirst("reconcile_ns ".count)) else {
                return nil
            }
            return .nanoseconds(value)
        }
        guard values.count == rounds else {
            throw BenchmarkError("the reconcile child measured \(values.count) of \(rounds) rounds:\n\(output)")
        }
        return values
    }

    /// The child, inside the host namespace: prints one `reconcile_ns N` line per round.
    static func runChild(deviceNamespace: String, rounds: Int, directory: String) async throws {
        let foundation = Keypair()
        let activatorKey = Keypair()
        let contributor = Keypair()
        let client = Keypair()
        let ledger = try LedgerService(
            path: directory + "/ledger.sqlite", creating: LedgerGenesis(foundation: foundation.publicKey))
        _ = try await ledger.submit(
            LedgerBootstrap.instructions(activatorAuthority: activatorKey.publicKey), signedBy: foundation)
        let receipt = try await ledger.submit(
            [
                .createLocation(
                    CreateLocationArgs(code: "ams1", name: "Amsterdam", country: "NL", latitude: 52, longitude: 4)),
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
                        exchange: created(.exchange), publicIp: deviceIP, dzPrefixes: ["46.0.1.0/29"]))
            ], signedBy: contributor)
        let device = deviceReceipt.changes.first { $0.ref.kind == .device }!.ref.pubkey

        var quiet = Logger(label: "bench")
        quiet.logLevel = .critical
        let activator = Activator(ledger: ledger, keypair: activatorKey, logger: quiet, retryDelay: .milliseconds(50))
        let reconciler = DaemonReconciler(
            ledger: ledger, clientIP: hostIP, pollInterval: .seconds(10), logger: quiet)
        reconciler.reconcilerEnabledChanged(to: true)
        let tasks = [
            Task { await activator.runUntilCancelled() }, Task { await reconciler.runUntilCancelled() },
        ]
        defer { for task in tasks { task.cancel() } }
        let activatedBy = ContinuousClock.now + .seconds(10)
        while case .device(let state)? = try await ledger.entity(EntityRef(kind: .device, pubkey: device)),
            state.status != .activated
        {
            guard ContinuousClock.now < activatedBy else { throw BenchmarkError("the device was never activated") }
            try await Task.sleep(for: .milliseconds(5))
        }

        // The device: a userspace GRE tunnel to the host and a BGP "listener" that notes the first OPEN.
        let namespace = try NetworkNamespace(named: deviceNamespace)
        let deviceTunnels = try TunnelSetReconciler(namespace: namespace)
        let outcome = deviceTunnels.apply([
            TunnelSpec(
                name: LinuxInterfaceName(constant: "dz-user0"), local: deviceIP, remote: hostIP, overlay: tunnelNet,
                side: .device)
        ])
        guard case .added = outcome.values.first else { throw BenchmarkError("device tunnel: \(outcome)") }
        defer { deviceTunnels.removeAll() }
        let listener = try OpenListener(namespace: namespace, address: tunnelNet.networkAddress)
        defer { listener.close() }

        let user = EntitySeed.user(clientIp: hostIP, userType: .ibrl).publicKey
        for _ in 0..<rounds {
            let activated = ActivationWatch(ledger: ledger, user: user, from: try await ledger.headSequence())
            _ = try await ledger.submit(
                [.createUser(CreateUserArgs(userType: .ibrl, device: device, clientIp: hostIP))], signedBy: client)
            let activatedAt = try await activated.instant(timeout: .seconds(10))
            let openAt = try listener.nextOpen(timeout: .seconds(10))
            print(
                "reconcile_ns \((openAt - activatedAt).components.attoseconds / 1_000_000_000 + (openAt - activatedAt).components.seconds * 1_000_000_000)"
            )
            _ = try await ledger.submit([.deleteUser(PubkeyArgs(pubkey: user))], signedBy: client)
            // Until the activator closed the user and the reconciler removed the tunnel.
            let deadline = ContinuousClock.now + .seconds(10)
            while (try await ledger.entity(EntityRef(kind: .user, pubkey: user))) != nil
                || FileManager.default.fileExists(atPath: "/sys/class/net/doublezero0")
            {
                guard ContinuousClock.now < deadline else { throw BenchmarkError("the user or its tunnel stayed") }
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        await ledger.close()
    }
}

/// When a ledger follower receives the entry that activates `user`.
struct ActivationWatch {
    private let task: Task<ContinuousClock.Instant?, any Error>

    init(ledger: any LedgerAPI, user: PublicKey, from sequence: UInt64) {
        task = Task {
            for try await entry in ledger.follow(from: sequence) {
                for change in entry.changes where change.ref.pubkey == user {
                    if case .user(let state)? = change.entity, state.status == .activated { return .now }
                }
            }
            return nil
        }
    }

    /// The instant, waiting at most `timeout`.
    func instant(timeout: Duration) async throws -> ContinuousClock.Instant {
        let watchdog = Task { [task] in
            try await Task.sleep(for: timeout)
            task.cancel()
        }
        defer { watchdog.cancel() }
        guard let instant = try await task.value else { throw BenchmarkError("the user was never activated") }
        return instant
    }
}
