import AppTestSupport
import BenchmarkSupport
import Foundation
import Ledger
import Models
import Tunnel

/// `daemon.rss_mb`: the resident memory of the `doublezerod` binary itself with two services up —
/// an IBRL service from the ledger whose BGP session brings `routes` (100,000) routes into the
/// kernel from an exporting BIRD on the device, and a multicast subscriber service provisioned
/// through the API — read from `/proc/PID/status` once every route is in the kernel.
///
/// Runs in the reconcile child (inside the host namespace), after the rounds, on the same ledger,
/// device namespace and device tunnel (the IBRL user gets the same /31, 169.254.0.0/31, which the
/// BIRD exporter peers from).
struct DaemonMemory {
    let ledger: LedgerService
    let network: OneDeviceNetwork
    let hostIP: IPv4Address
    let deviceNamespace: String
    let directory: String
    let routes: Int

    /// The daemon's `VmRSS` in MiB.
    func measure() async throws -> Double {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("doublezerod")
        let socket = directory + "/doublezerod.sock"
        let daemon = try ShellCommand.start([
            binary.path, "run", "--ledger", directory + "/ledger.sqlite", "--sock-file", socket, "--state-dir",
            directory + "/state", "--client-ip", hostIP.description, "--env", "localnet", "--no-latency-probing",
        ])
        defer {
            kill(daemon.processIdentifier, SIGTERM)
            daemon.waitUntilExit()
        }
        let api = RawHTTPClient(address: .unix(socket))
        try await Self.eventually("doublezerod listening") { (try? await api.get("/status"))?.status == 200 }
        guard try await api.send("POST", "/enable").status == 200 else { throw BenchmarkError("enable refused") }

        let user = EntitySeed.user(clientIp: hostIP, userType: .ibrl).publicKey
        _ = try await ledger.submit(
            [.createUser(CreateUserArgs(userType: .ibrl, device: network.device, clientIp: hostIP))],
            signedBy: network.client)
        _ = try await ledger.submit(
            [
                .activateUser(
                    ActivateUserArgs(
                        pubkey: user, tunnelId: 500, tunnelNet: ReconcileLatency.tunnelNet, dzIp: hostIP))
            ], signedBy: network.activator)
        let multicast = try await api.send(
            "POST", "/provision",
            body:
                #"{"user_type":"Multicast","tunnel_src":"\#(hostIP)","tunnel_dst":"\#(ReconcileLatency.deviceEndpoint)","tunnel_net":"169.254.0.2/31","mcast_sub_groups":["233.84.178.0"]}"#
        )
        guard multicast.status == 200 else { throw BenchmarkError("multicast provision: \(multicast.body)") }

        let exporterDirectory = URL(fileURLWithPath: directory).appendingPathComponent("exporter")
        try FileManager.default.createDirectory(at: exporterDirectory, withIntermediateDirectories: true)
        let exporter = try ExporterBIRD(namespace: deviceNamespace, directory: exporterDirectory, routes: routes)
        defer { exporter.stop() }
        try exporter.start(routes: routes)
        let netlink = try NetlinkSession()
        let start = ContinuousClock.now
        try await Self.eventually("\(routes) routes in the kernel", timeout: .seconds(120)) {
            try netlink.routes(table: Route.mainTable, protocol: .bgp).count >= routes
        }
        print(
            String(
                format: "  doublezerod: %d routes in the kernel %.2f s after BIRD loaded them", routes,
                (ContinuousClock.now - start).inSeconds))
        let links = try netlink.links().map(\.name).filter { $0.hasPrefix("doublezero") }.sorted()
        guard links == ["doublezero0", "doublezero1"] else { throw BenchmarkError("services up: \(links)") }
        return try ResidentMemory.megabytes(of: daemon.processIdentifier)
    }

    /// Waits until `condition` holds, polling every 20 ms.
    static func eventually(
        _ what: String, timeout: Duration = .seconds(20), _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw BenchmarkError("timed out waiting for \(what)")
    }
}
