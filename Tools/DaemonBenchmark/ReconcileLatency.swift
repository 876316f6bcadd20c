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
/// just before the `ActivateUser` transaction is submitted (so its commit counts) to the moment
/// the first BGP OPEN message is read on the device; then delete and close the user and wait
/// until the tunnel is gone.
enum ReconcileLatency {
    static let hostIP: IPv4Address = "185.1.0.1"
    static let deviceIP: IPv4Address = "45.0.1.1"
    /// The device's second endpoint (the multicast service of ``DaemonMemory``).
    static let deviceEndpoint: IPv4Address = "45.0.1.9"
    /// The /31 the activator gives the first user of an empty block (reused after each deletion).
    static let tunnelNet: IPv4Prefix = "169.254.0.0/31"

    /// The argument that runs ``runChild(deviceNamespace:rounds:routes:directory:)``.
    static let childCommand = "reconcile-child"

    /// `daemon.reconcile_ms`, the median of `rounds` measurements, and `daemon.rss_mb`, doublezerod's
    /// memory with two services and `routes` routes (``DaemonMemory``).
    static func figures(rounds: Int, routes: Int) throws -> [DaemonFigure] {
        let (rounds, resident) = try measure(rounds: rounds, routes: routes)
        let milliseconds = rounds.map(\.inMilliseconds)
        print("reconcile rounds (ms): " + milliseconds.map { String(format: "%.1f", $0) }.joined(separator: " "))
        return [
            DaemonFigure(name: "reconcile_ms", value: median(milliseconds), unit: "ms", format: "%.1f"),
            DaemonFigure(name: "rss_mb", value: resident, unit: "MB", format: "%.1f"),
        ]
    }

    /// Sets up the namespaces, runs the child and returns its `rounds` measurements and the daemon's memory.
    static func measure(rounds: Int, routes: Int) throws -> (rounds: [Duration], residentMegabytes: Double) {
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
            ["ip", "-n", device, "addr", "add", "\(deviceEndpoint)/32", "dev", String(deviceEnd)],
            ["ip", "-n", host, "link", "set", "lo", "up"], ["ip", "-n", device, "link", "set", "lo", "up"],
            ["ip", "-n", host, "link", "set", String(hostEnd), "up"],
            ["ip", "-n", device, "link", "set", String(deviceEnd), "up"],
            ["ip", "-n", host, "route", "add", "default", "dev", String(hostEnd)],
            ["ip", "-n", device, "route", "add", "185.1.0.0/16", "dev", String(deviceEnd)],
        ] {
            _ = try ShellCommand.run(command)
        }
        let output = try ShellCommand.run([
            "ip", "netns", "exec", host, CommandLine.arguments[0], childCommand, device, "\(rounds)", "\(routes)",
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
        let resident = output.split(separator: "\n").compactMap { line -> Double? in
            line.hasPrefix("daemon_rss_mb ") ? Double(line.dropFirst("daemon_rss_mb ".count)) : nil
        }
        guard let resident = resident.first else { throw BenchmarkError("no daemon memory figure:\n\(output)") }
        for line in output.split(separator: "\n") where line.hasPrefix("  ") { print(line) }
        return (values, resident)
    }

    /// The child, inside the host namespace: prints one `reconcile_ns N` line per round, then
    /// `daemon_rss_mb X` (``DaemonMemory`` with `routes` routes).
    static func runChild(deviceNamespace: String, rounds: Int, routes: Int, directory: String) async throws {
        let foundation = Keypair()
        let ledger = try LedgerService(
            path: directory + "/ledger.sqlite", creating: LedgerGenesis(foundation: foundation.publicKey))
        let network = try await OneDeviceNetwork.create(
            on: ledger, foundation: foundation, hostIP: hostIP, devicePublicIP: deviceIP, dzPrefix: "46.0.1.0/29",
            tunnelEndpoint: deviceEndpoint)
        let device = network.device
        let client = network.client

        var quiet = Logger(label: "bench")
        quiet.logLevel = .critical
        // The activator activates the device, then stops: the rounds activate and close the user
        // themselves (signed by the activator key), so the clock starts just before the activation
        // is submitted — its commit is inside the measurement.
        let activator = Activator(
            ledger: ledger, keypair: network.activator, logger: quiet, retryDelay: .milliseconds(50))
        let activatorTask = Task { await activator.runUntilCancelled() }
        let activatedBy = ContinuousClock.now + .seconds(10)
        while case .device(let state)? = try await ledger.entity(EntityRef(kind: .device, pubkey: device)),
            state.status != .activated
        {
            guard ContinuousClock.now < activatedBy else { throw BenchmarkError("the device was never activated") }
            try await Task.sleep(for: .milliseconds(5))
        }
        activatorTask.cancel()
        await activatorTask.value
        let reconciler = DaemonReconciler(ledger: ledger, clientIP: hostIP, pollInterval: .seconds(10), logger: quiet)
        reconciler.reconcilerEnabledChanged(to: true)
        let reconcilerTask = Task { await reconciler.runUntilCancelled() }

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

        let user = EntitySeed.user(clientIp: hostIP, userType: .ibrl).publicKey
        for _ in 0..<rounds {
            _ = try await ledger.submit(
                [.createUser(CreateUserArgs(userType: .ibrl, device: device, clientIp: hostIP))], signedBy: client)
            let start = ContinuousClock.now
            _ = try await ledger.submit(
                [.activateUser(ActivateUserArgs(pubkey: user, tunnelId: 500, tunnelNet: tunnelNet, dzIp: hostIP))],
                signedBy: network.activator)
            let openAt = try listener.nextOpen(timeout: .seconds(10))
            let elapsed = (openAt - start).components
            print("reconcile_ns \(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)")
            _ = try await ledger.submit([.deleteUser(PubkeyArgs(pubkey: user))], signedBy: client)
            _ = try await ledger.submit([.closeUser(PubkeyArgs(pubkey: user))], signedBy: network.activator)
            let deadline = ContinuousClock.now + .seconds(10)
            while FileManager.default.fileExists(atPath: "/sys/class/net/doublezero0") {
                guard ContinuousClock.now < deadline else { throw BenchmarkError("the tunnel stayed") }
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        reconcilerTask.cancel()
        await reconcilerTask.value
        listener.close()
        let memory = DaemonMemory(
            ledger: ledger, network: network, hostIP: hostIP, deviceNamespace: deviceNamespace, directory: directory,
            routes: routes)
        print("daemon_rss_mb \(try await memory.measure())")
        await ledger.close()
    }
}
