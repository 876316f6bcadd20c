import BGP
import BenchmarkSupport
import DaemonService
import Foundation
import LinuxHost
import LinuxHostTesting
import Models
import NIOPosix
import Tunnel

/// The route-install figures: an exporting BIRD (namespace `dbench-exp-PID`, 169.254.0.0/31)
/// with `--routes` static /32s peers with our ``BGPSpeaker`` in the user namespace
/// (`dbench-usr-PID`, 169.254.0.1/31, DZ IP 147.51.126.1 on `lo`; the speaker's event loop
/// thread entered it) whose events a ``BGPRouteInstaller`` with the IBRL policy (main table,
/// protocol 186, source the DZ IP) writes into that namespace's kernel.
///
/// - `daemon.install_100k_s`: from the session's Established (the time the installer saw
///   `BGP Session Up`) to the installer's count reaching `--routes` (polled every millisecond),
///   then checked against the kernel (a netlink dump must hold every route). Median of `--runs`;
///   the installer's `stop()` deletes them between runs.
/// - `daemon.ip_batch_100k_s`: `ip -batch` of the same routes (`route replace A/32 via
///   169.254.0.0 src 147.51.126.1 proto 186`) into a fresh namespace with the same /31 and DZ
///   IP. Median of `--runs`.
/// - `daemon.install_ratio`: the first over the second (target ≤ 0.5).
/// This process's `VmRSS` with the routes installed is printed for comparison; `daemon.rss_mb`
/// is doublezerod's own (``DaemonMemory``).
struct RouteInstallBenchmark {
    static let dzIP = IPv4Address(147, 51, 126, 1)
    static let userAddress = IPv4Address(169, 254, 0, 1)
    static let exporterAddress = IPv4Address(169, 254, 0, 0)

    let options: DaemonBenchmarkOptions

    func run() async throws -> [DaemonFigure] {
        let routes = options.routes
        print(
            "BGP to kernel: \(routes) routes from BIRD through BGPSpeaker + BGPRouteInstaller, \(options.runs) runs...")
        let exporterNamespace = try ScratchNamespace(name: "dbench-exp-\(getpid())")
        defer { exporterNamespace.delete() }
        let userNamespace = try ScratchNamespace(name: "dbench-usr-\(getpid())")
        defer { userNamespace.delete() }
        try ShellCommand.run([
            "ip", "-n", userNamespace.name, "link", "add", "veth0", "type", "veth", "peer", "name", "veth0", "netns",
            exporterNamespace.name,
        ])
        try ShellCommand.run(["ip", "-n", exporterNamespace.name, "addr", "add", "169.254.0.0/31", "dev", "veth0"])
        try ShellCommand.run(["ip", "-n", userNamespace.name, "addr", "add", "169.254.0.1/31", "dev", "veth0"])
        try ShellCommand.run(["ip", "-n", userNamespace.name, "addr", "add", "\(Self.dzIP)/32", "dev", "lo"])
        for namespace in [exporterNamespace.name, userNamespace.name] {
            try ShellCommand.run(["ip", "-n", namespace, "link", "set", "lo", "up"])
            try ShellCommand.run(["ip", "-n", namespace, "link", "set", "veth0", "up"])
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("daemon-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let exporter = try ExporterBIRD(namespace: exporterNamespace.name, directory: directory, routes: routes)
        defer { exporter.stop() }
        try exporter.start(routes: routes)

        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var installs: [Double] = []
        var everyRequestInstalls: [Double] = []
        var residentMegabytes = 0.0
        print(String(format: "  RSS before: %.1f MB", try ResidentMemory.megabytes()))
        do {
            try await group.next().submit { try enterNamespace(userNamespace.name) }.get()
            for run in 1...options.runs {
                // The installer's default (errors only), then for comparison an ack per route.
                for acknowledgement in [NetlinkBatchAcknowledgement.errorsOnly, .everyRequest] {
                    let wakeup = options.wakeup ? try ExporterWakeup(socketPath: exporter.socketPath) : nil
                    let outcome = try await installThroughBGP(
                        routes: routes, group: group, namespace: userNamespace, acknowledgement: acknowledgement)
                    wakeup?.stop()
                    // BIRD delays a session after a peer's Cease (its error wait time, 60 s by
                    // default); a protocol restart clears that delay for the next run.
                    _ = exporter.command("restart to_user")
                    if acknowledgement == .errorsOnly {
                        installs.append(outcome.seconds)
                        residentMegabytes = outcome.residentMegabytes
                    } else {
                        everyRequestInstalls.append(outcome.seconds)
                    }
                    print(
                        "  run \(run), acknowledgements \(acknowledgement): "
                            + String(
                                format: "%.3f s (%d netlink batches; deleted again in %.3f s), RSS %.1f MB",
                                outcome.seconds, outcome.batches, outcome.deleteSeconds, outcome.residentMegabytes))
                }
            }
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try? await group.shutdownGracefully()

        print("netlink alone (no BGP): applyRoutes of the same routes into a fresh namespace, once per mode...")
        for acknowledgement in [NetlinkBatchAcknowledgement.errorsOnly, .everyRequest] {
            let raw = try netlinkAlone(routes: routes, acknowledgement: acknowledgement)
            print(
                "  \(acknowledgement): "
                    + String(
                        format: "%.3f s (this process: user %.3f s, system %.3f s)", raw.seconds, raw.user, raw.system))
        }
        print("ip -batch: the same \(routes) routes into a fresh namespace, \(options.runs) runs...")
        let batchFile = directory.appendingPathComponent("routes.batch")
        try Self.batchLines(routes: routes).write(to: batchFile, atomically: true, encoding: .utf8)
        var batches: [Double] = []
        for run in 1...options.runs {
            batches.append(try ipBatch(file: batchFile.path, routes: routes, run: run))
            print(String(format: "  run %d: %.3f s", run, batches.last!))
        }
        let install = median(installs)
        let ipBatch = median(batches)
        print(String(format: "this process with the routes installed: %.1f MB resident", residentMegabytes))
        print(
            String(
                format: "with an acknowledgement per route instead: %.3f s, ratio %.2f", median(everyRequestInstalls),
                median(everyRequestInstalls) / ipBatch))
        return [
            DaemonFigure(name: "install_100k_s", value: install, unit: "s"),
            DaemonFigure(name: "ip_batch_100k_s", value: ipBatch, unit: "s"),
            DaemonFigure(name: "install_ratio", value: install / ipBatch, unit: "", format: "%.2f"),
        ]
    }

    /// One run: speaker and installer started, the clock from Established to `routes` installed,
    /// the kernel checked and the memory read, then everything stopped (the installer deletes).
    private func installThroughBGP(
        routes: Int, group: MultiThreadedEventLoopGroup, namespace: ScratchNamespace,
        acknowledgement: NetlinkBatchAcknowledgement
    ) async throws -> (seconds: Double, batches: Int, deleteSeconds: Double, residentMegabytes: Double) {
        let speaker = BGPSpeaker(
            configuration: BGPSpeakerConfiguration(
                remoteASN: 65342, peerAddress: Self.exporterAddress, localAddress: Self.userAddress),
            eventLoopGroup: group)
        speaker.announce([IPv4Prefix(uncheckedAddress: Self.dzIP, length: 32)])
        let installer = try BGPRouteInstaller(
            events: speaker.events, policy: .init(source: Self.dzIP), namespace: namespace.namespace,
            acknowledgement: acknowledgement)
        installer.start()
        speaker.start()
        let deadline = ContinuousClock.now + .seconds(120)
        var established: Date?
        var finished: Date?
        while finished == nil {
            if established == nil, let status = installer.sessionStatus, status.status == .up {
                established = status.changedAt
            }
            if established != nil, installer.counts.installed >= routes { finished = Date() }
            guard ContinuousClock.now < deadline else {
                await installer.stop()
                await speaker.stop()
                throw BenchmarkError(
                    "installed \(installer.counts.installed) of \(routes) routes in 120 s (status "
                        + "\(installer.sessionStatus.map(\.status.rawValue) ?? "none"))")
            }
            if finished == nil { try await Task.sleep(for: .milliseconds(1)) }
        }
        let session = try NetlinkSession(namespace: namespace.namespace)
        let inKernel = try session.routes(table: Route.mainTable, protocol: .bgp).count
        let resident = try ResidentMemory.megabytes()
        let counts = installer.counts
        let deleteStart = ContinuousClock.now
        await installer.stop()
        let deleteSeconds = (ContinuousClock.now - deleteStart).inSeconds
        await speaker.stop()
        guard inKernel == routes, counts.failures == 0 else {
            throw BenchmarkError("the kernel holds \(inKernel) of \(routes) routes; \(counts.failures) failures")
        }
        let left = try session.routes(table: Route.mainTable, protocol: .bgp).count
        guard left == 0 else { throw BenchmarkError("\(left) routes left after the installer stopped") }
        return (finished!.timeIntervalSince(established!), counts.batches, deleteSeconds, resident)
    }

    /// `applyRoutes` of the routes into a fresh namespace, no BGP: the wall time and this
    /// process's CPU time (user, system) for it, where the kernel's share shows.
    private func netlinkAlone(routes: Int, acknowledgement: NetlinkBatchAcknowledgement) throws
        -> (seconds: Double, user: Double, system: Double)
    {
        let scratch = try ScratchNamespace(name: "dbench-nl-\(getpid())")
        defer { scratch.delete() }
        try Self.prepare(scratch)
        let session = try NetlinkSession(namespace: scratch.namespace)
        let changes = (0..<routes).map { index in
            RouteChange.replace(
                Route(
                    destination: IPv4Prefix(uncheckedAddress: IPv4Address(0x6440_0000 + UInt32(index)), length: 32),
                    gateway: Self.exporterAddress, source: Self.dzIP, protocol: .bgp))
        }
        let before = CPUTime.process()
        let start = ContinuousClock.now
        let failures = try session.applyRoutes(changes, acknowledgement: acknowledgement)
        let seconds = (ContinuousClock.now - start).inSeconds
        let used = CPUTime.process() - before
        guard failures.isEmpty else { throw BenchmarkError("applyRoutes refused \(failures.count) routes") }
        return (seconds, used.user, used.system)
    }

    /// A fresh namespace like the user's: `va` (169.254.0.1/31) and its peer `vb` up, the DZ IP on `lo`.
    static func prepare(_ scratch: ScratchNamespace) throws {
        try ShellCommand.run(["ip", "-n", scratch.name, "link", "add", "va", "type", "veth", "peer", "name", "vb"])
        try ShellCommand.run(["ip", "-n", scratch.name, "addr", "add", "169.254.0.1/31", "dev", "va"])
        try ShellCommand.run(["ip", "-n", scratch.name, "addr", "add", "\(dzIP)/32", "dev", "lo"])
        for link in ["lo", "va", "vb"] { try ShellCommand.run(["ip", "-n", scratch.name, "link", "set", link, "up"]) }
    }

    /// `route replace A/32 via 169.254.0.0 src 147.51.126.1 proto 186` for every route.
    static func batchLines(routes: Int) -> String {
        var text = ""
        text.reserveCapacity(routes * 72)
        for index in 0..<routes {
            text +=
                "route replace \(IPv4Address(0x6440_0000 + UInt32(index)))/32 via \(exporterAddress) src \(dzIP) proto 186\n"
        }
        return text
    }

    /// Seconds `ip -batch` takes to add the routes to a fresh namespace (veth /31 and DZ IP as ours).
    private func ipBatch(file: String, routes: Int, run: Int) throws -> Double {
        let scratch = try ScratchNamespace(name: "dbench-ip-\(getpid())-\(run)")
        defer { scratch.delete() }
        try Self.prepare(scratch)
        let before = CPUTime.children()
        let start = ContinuousClock.now
        try ShellCommand.run(["ip", "-n", scratch.name, "-batch", file])
        let seconds = (ContinuousClock.now - start).inSeconds
        let used = CPUTime.children() - before
        print(String(format: "    ip: user %.3f s, system %.3f s", used.user, used.system))
        let inKernel = try NetlinkSession(namespace: scratch.namespace).routes(table: Route.mainTable, protocol: .bgp)
            .count
        guard inKernel == routes else { throw BenchmarkError("ip -batch left \(inKernel) of \(routes) routes") }
        return seconds
    }
}

/// Moves the calling thread into the named network namespace (setns(2) through dlsym: the Glibc
/// module does not import it); sockets it creates afterwards belong there.
func enterNamespace(_ name: String) throws {
    let fd = open("\(NetworkNamespace.namedDirectory)/\(name)", O_RDONLY)
    guard fd >= 0 else { throw BenchmarkError("cannot open namespace \(name): errno \(errno)") }
    defer { close(fd) }
    guard let symbol = dlsym(nil, "setns") else { throw BenchmarkError("setns not found") }
    typealias SetNamespace = @convention(c) (Int32, Int32) -> Int32
    guard unsafeBitCast(symbol, to: SetNamespace.self)(fd, 0x4000_0000) == 0 else {
        throw BenchmarkError("setns into \(name) failed: errno \(errno)")
    }
}
