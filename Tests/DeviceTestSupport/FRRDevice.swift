import Foundation
import LinuxHost
import Models
import Routing
import Synchronization
import Tunnel

/// A DoubleZero device played by FRR in a network namespace: zebra, staticd, bgpd (and pimd)
/// with the user policy of client.md §2.16 (see ``FRRConfiguration``), its loopbacks on `lo`, and
/// the device ends of its user tunnels (``DeviceUserTunnel``; userspace GRE running in this
/// process where the kernel has no GRE).
///
/// The namespace belongs to the caller (a ``ClientDeviceNetwork``, a `ScratchNamespace`, or the
/// devnet's); the device needs nothing on the client side, so a test may build the client end
/// itself, run `doublezerod`, or run a `BGPSpeaker`. Every FRR file lives in a temporary
/// directory of its own (``directory``); nothing under `/etc/frr` is read and the system FRR
/// service is not involved. ``stop()`` stops the daemons (SIGTERM, then SIGKILL), removes the
/// tunnels and the directory; ``with(namespace:settings:_:)`` does it however the body ends.
///
/// ```swift
/// try await FRRDevice.with(namespace: "dzd-1", settings: settings) { device in
///     try await device.waitForNeighbor(tunnel.clientOverlay!, state: "Established")
///     try await device.announce("10.20.0.0/16", communities: [.allUsers])
/// }
/// ```
///
/// Needs root and Debian `frr` and `iproute2`; without them ``start(namespace:settings:timeout:)``
/// throws an ``FRRDeviceError`` saying so.
public final class FRRDevice: Sendable {
    /// The namespace the device runs in.
    public let namespace: String
    /// What the device was started with.
    public let settings: FRRDeviceSettings
    /// Its configuration (the files written at start and the lines for run-time changes).
    public let configuration: FRRConfiguration
    /// The directory of its config, pid, socket and log files.
    public let directory: URL

    private struct State {
        var daemons: [FRRDaemon] = []
        var served: [UInt16: DeviceUserTunnel] = [:]
        var announced: [IPv4Prefix: [BGPCommunity]] = [:]
        var stopped = false
    }

    private let tunnels: DeviceTunnelEndpoints
    private let state = Mutex(State())

    private init(namespace: String, settings: FRRDeviceSettings, directory: URL, tunnels: DeviceTunnelEndpoints) {
        self.namespace = namespace
        self.settings = settings
        self.directory = directory
        self.tunnels = tunnels
        configuration = FRRConfiguration(settings: settings, hostname: namespace)
    }

    /// Starts the device in the existing namespace `namespace`: loopbacks on `lo`, the device
    /// ends of `settings.userTunnels`, then zebra, staticd, bgpd (and pimd), and waits up to
    /// `timeout` until bgpd has its configuration and zebra has its clients.
    ///
    /// - Throws: ``FRRDeviceError``; whatever was started is stopped again first.
    public static func start(
        namespace: String, settings: FRRDeviceSettings, timeout: Duration = .seconds(20)
    ) async throws(FRRDeviceError) -> FRRDevice {
        try checkRequirements(pim: settings.runsPIM)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "frr-\(namespace)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: directory.path, reason: "\(error)")
        }
        let device: FRRDevice
        do {
            device = FRRDevice(
                namespace: namespace, settings: settings, directory: directory,
                tunnels: try DeviceTunnelEndpoints(namespace: namespace))
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        do {
            try await device.launch(timeout: timeout)
        } catch {
            await device.stop()
            throw error
        }
        return device
    }

    /// Starts a device, runs `body` with it and stops it, whether `body` returns or throws.
    public static func with<T>(
        namespace: String, settings: FRRDeviceSettings, _ body: (FRRDevice) async throws -> T
    ) async throws -> T {
        let device = try await start(namespace: namespace, settings: settings)
        do {
            let result = try await body(device)
            await device.stop()
            return result
        } catch {
            await device.stop()
            throw error
        }
    }

    /// Stops every daemon (SIGTERM, SIGKILL after 5 s), removes the user tunnels, their pinned
    /// underlay routes and the directory. The loopback addresses stay (they go with the
    /// namespace). Calling it again does nothing.
    public func stop() async {
        let daemons = state.withLock { state -> [FRRDaemon] in
            guard !state.stopped else { return [] }
            state.stopped = true
            defer { state.daemons = [] }
            return state.daemons
        }
        for daemon in daemons.reversed() { await daemon.stop() }
        await tunnels.removeAll()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The process ids of the running daemons.
    public var processIdentifiers: [Int32] {
        state.withLock { $0.daemons.filter(\.isRunning).map(\.processIdentifier) }
    }

    /// What every daemon has logged so far (for failure messages).
    public var log: String {
        state.withLock { $0.daemons }.map { "== \($0.name)\n\($0.log)" }.joined(separator: "\n")
    }

    // MARK: - Commands and configuration

    /// Runs `commands` in one `vtysh` session (`-c` each, in order), on `daemon` only when
    /// given (`bgpd`, `zebra`, …), and returns what it printed.
    ///
    /// - Throws: ``FRRDeviceError/commandFailed(command:status:output:)`` when a command fails.
    @discardableResult
    public func vtysh(_ commands: [String], daemon: String? = nil) async throws(FRRDeviceError) -> String {
        var arguments = ["vtysh", "--vty_socket", directory.path, "--config_dir", directory.path]
        if let daemon { arguments += ["-d", daemon] }
        for command in commands { arguments += ["-c", command] }
        return try await SystemCommand.run(arguments)
    }

    /// Applies configuration `lines` (``FRRConfiguration``'s language) after `configure terminal`.
    public func configure(_ lines: [String]) async throws(FRRDeviceError) {
        try await vtysh(["configure terminal"] + lines)
    }

    /// Originates `prefix` from the device (a `network` statement; no route needs to exist),
    /// tagged with `communities`. Users are sent it whatever its communities (it is the
    /// device's own route); route it to the kernel yourself if packets must reach it.
    public func announce(_ prefix: IPv4Prefix, communities: [BGPCommunity] = []) async throws(FRRDeviceError) {
        let previous = state.withLock { $0.announced[prefix] }
        if let previous, previous != communities { try await withdraw(prefix) }
        try await configure(configuration.announcementLines(prefix, communities: communities))
        state.withLock { $0.announced[prefix] = communities }
    }

    /// Stops originating `prefix` (announced with ``announce(_:communities:)`` or a loopback):
    /// users receive a withdrawal.
    public func withdraw(_ prefix: IPv4Prefix) async throws(FRRDeviceError) {
        let communities = state.withLock { $0.announced.removeValue(forKey: prefix) } ?? []
        try await configure(configuration.withdrawalLines(prefix, hadCommunities: !communities.isEmpty))
    }

    /// Serves one more user: its tunnel's device end (with the underlay pin), then its neighbor
    /// and policy. Serving a tunnel id again replaces it.
    public func serve(_ tunnel: DeviceUserTunnel) async throws(FRRDeviceError) {
        if let previous = state.withLock({ $0.served[tunnel.id] }) { try await stopServing(previous) }
        try await tunnels.add(tunnel)
        state.withLock { $0.served[tunnel.id] = tunnel }
        try await configure(configuration.userTunnelLines(tunnel))
    }

    /// Stops serving a user: its neighbor and policy go, then its tunnel.
    public func stopServing(_ tunnel: DeviceUserTunnel) async throws(FRRDeviceError) {
        state.withLock { _ = $0.served.removeValue(forKey: tunnel.id) }
        try await configure(configuration.userTunnelRemovalLines(tunnel))
        await tunnels.remove(tunnel)
    }

    /// The user tunnels served now.
    public var servedTunnels: [DeviceUserTunnel] {
        state.withLock { $0.served.values.sorted { $0.id < $1.id } }
    }

    /// The userspace datapath carrying `tunnel`'s device end (its ``UserspaceGRETunnel/counters``
    /// show the packets it moved); nil when it is a kernel GRE link or not served.
    public func userspaceTunnel(_ tunnel: DeviceUserTunnel) -> UserspaceGRETunnel? {
        tunnels.userspaceTunnel(tunnel)
    }

    // MARK: - State

    /// The BGP neighbor at `address` (`show bgp neighbors ADDRESS json`); nil when bgpd has none.
    public func neighbor(_ address: IPv4Address) async throws(FRRDeviceError) -> FRRNeighbor? {
        let command = "show bgp neighbors \(address) json"
        let output = try await vtysh([command], daemon: "bgpd")
        return FRRNeighbor(json: try Self.object(output, command: command), address: address)
    }

    /// Waits up to `timeout` until the neighbor at `address` is in `state` (`Established` by
    /// default) and returns it.
    ///
    /// - Throws: ``FRRDeviceError/notReady(detail:)`` naming the state it was in last.
    @discardableResult
    public func waitForNeighbor(
        _ address: IPv4Address, state wanted: String = "Established", timeout: Duration = .seconds(15)
    ) async throws(FRRDeviceError) -> FRRNeighbor {
        let deadline = ContinuousClock.now + timeout
        var last: FRRNeighbor?
        while ContinuousClock.now < deadline {
            last = try await neighbor(address)
            if let last, last.state == wanted { return last }
            try? await Task.sleep(for: .milliseconds(100))
        }
        throw .notReady(detail: "neighbor \(address) is \(last?.state ?? "absent"), not \(wanted), after \(timeout)")
    }

    /// bgpd's IPv4 unicast table: every path of every prefix, after the inbound policy.
    public func routes() async throws(FRRDeviceError) -> [IPv4Prefix: [FRRRoute]] {
        let command = "show bgp ipv4 unicast json detail"
        return FRRRoute.paths(in: try Self.object(try await vtysh([command], daemon: "bgpd"), command: command))
    }

    /// The prefixes the neighbor at `address` sent, before the inbound policy (kept by
    /// `soft-reconfiguration inbound`), so a test can tell refused from never sent.
    public func receivedPrefixes(from address: IPv4Address) async throws(FRRDeviceError) -> Set<IPv4Prefix> {
        let command = "show bgp ipv4 unicast neighbors \(address) received-routes json"
        let json = try Self.object(try await vtysh([command], daemon: "bgpd"), command: command)
        let routes = (json["receivedRoutes"] as? [String: Any]) ?? [:]
        return Set(routes.keys.compactMap { IPv4Prefix($0) })
    }

    /// The main table of the device namespace's kernel (where zebra installs bgpd's choices).
    public func kernelRoutes() async throws(FRRDeviceError) -> [DeviceKernelRoute] {
        let output = try await SystemCommand.ip(namespace, ["-j", "-4", "route", "show", "table", "main"])
        return DeviceKernelRoute.routes(inJSON: Data(output.utf8))
    }

    // MARK: - Start-up

    /// Checks root and the tools.
    private static func checkRequirements(pim: Bool) throws(FRRDeviceError) {
        guard getuid() == 0 else { throw .notRoot }
        let daemons = ["zebra", "staticd", "bgpd"] + (pim ? ["pimd"] : [])
        for path in daemons.map({ "\(FRRDaemon.directory)/\($0)" }) + ["/usr/bin/vtysh"]
        where !FileManager.default.isExecutableFile(atPath: path) {
            throw .toolMissing(path: path, package: "frr")
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ip") else {
            throw .toolMissing(path: "/usr/bin/ip", package: "iproute2")
        }
    }

    private func launch(timeout: Duration) async throws(FRRDeviceError) {
        let deadline = ContinuousClock.now + timeout
        let files = [
            "zebra.conf": configuration.zebra, "staticd.conf": configuration.staticd, "bgpd.conf": configuration.bgpd,
            "pimd.conf": configuration.pimd, "vtysh.conf": "",
        ]
        for (name, text) in files {
            let path = directory.appendingPathComponent(name).path
            do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                throw .cannotWrite(path: path, reason: "\(error)")
            }
        }
        try await SystemCommand.ip(namespace, ["link", "set", "lo", "up"])
        for loopback in settings.loopbacks {
            try await SystemCommand.ip(namespace, ["addr", "replace", "\(loopback)", "dev", "lo"])
        }
        for tunnel in settings.userTunnels {
            try await tunnels.add(tunnel)
            state.withLock { $0.served[tunnel.id] = tunnel }
        }
        try start("zebra")
        try await waitFor(deadline, "zebra's API socket") { () throws(FRRDeviceError) in
            FileManager.default.fileExists(atPath: self.directory.appendingPathComponent("zserv.api").path)
        }
        try start("staticd")
        try start("bgpd", extraArguments: ["-p", "179"])
        if settings.runsPIM { try start("pimd") }
        let clients = ["bgp", "static"] + (settings.runsPIM ? ["pim"] : [])
        try await waitFor(deadline, "zebra's clients \(clients)") { () async throws(FRRDeviceError) in
            let summary = try? await self.vtysh(["show zebra client summary"], daemon: "zebra")
            return clients.allSatisfy { summary?.contains($0) == true }
        }
        try await waitFor(deadline, "bgpd's router bgp \(settings.asn)") { () async throws(FRRDeviceError) in
            let table = try? await self.vtysh(["show bgp ipv4 unicast json"], daemon: "bgpd")
            return table?.contains("\"localAS\": \(self.settings.asn)") == true
                || table?.contains("\"localAS\":\(self.settings.asn)") == true
        }
    }

    private func start(_ name: String, extraArguments: [String] = []) throws(FRRDeviceError) {
        let daemon = try FRRDaemon(name, namespace: namespace, directory: directory, extraArguments: extraArguments)
        state.withLock { $0.daemons.append(daemon) }
    }

    /// Polls `condition` until it holds, failing when a daemon exits or `deadline` passes.
    private func waitFor(
        _ deadline: ContinuousClock.Instant, _ what: String, _ condition: () async throws(FRRDeviceError) -> Bool
    ) async throws(FRRDeviceError) {
        while ContinuousClock.now < deadline {
            if let exited = state.withLock({ $0.daemons.first { !$0.isRunning } }) {
                throw .daemonExited(daemon: exited.name, log: exited.log)
            }
            if try await condition() { return }
            try? await Task.sleep(for: .milliseconds(50))
        }
        throw .notReady(detail: "no \(what) in time; logs:\n\(log)")
    }

    private static func object(_ output: String, command: String) throws(FRRDeviceError) -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] else {
            throw .unexpectedOutput(command: command, output: output)
        }
        return object
    }
}
