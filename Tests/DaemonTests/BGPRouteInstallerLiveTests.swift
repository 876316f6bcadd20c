import BGP
import BGPWire
import DaemonService
import Foundation
import Models
import Synchronization
import NIOPosix
import Testing
import Tunnel

/// ``BGPRouteInstaller`` with a real ``BGPSpeaker`` against BIRD 2 playing the device, in two
/// scratch namespaces (``BGPInstallerTopology``; root and `bird2`): what reaches the user
/// namespace's kernel for each service policy, across withdrawals, a dead peer and its return.
@Suite("BGP route installer against BIRD 2 (live, root)", .serialized)
struct BGPRouteInstallerLiveTests {
    static let learned = [
        "10.20.0.0/16 via 169.254.0.0 dev veth0 src 147.51.126.1",
        "147.51.126.2 via 169.254.0.0 dev veth0 src 147.51.126.1",
        "147.51.126.3 via 169.254.0.0 dev veth0 src 147.51.126.1",
    ]

    /// Runs `body` with a started speaker and installer (policy `policy`) in the topology; stops
    /// both (the installer first, so its own deletes are what is checked) and the loop group.
    private static func withInstaller(
        policy: BGPKernelRouteTable.Policy,
        _ body: (BGPInstallerTopology, BGPSpeaker, BGPRouteInstaller) async throws -> Void
    ) async throws {
        try await BGPInstallerTopology.with { topology in
            let group = try await topology.makeEventLoopGroup()
            let speaker = topology.makeSpeaker(group: group)
            do {
                let installer = try BGPRouteInstaller(
                    events: speaker.events, policy: policy, namespace: topology.user.namespace)
                installer.start()
                speaker.start()
                try await body(topology, speaker, installer)
                await installer.stop()
            } catch {
                await speaker.stop()
                try? await group.shutdownGracefully()
                throw error
            }
            await speaker.stop()
            try? await group.shutdownGracefully()
        }
    }

    @Test(
        "IBRL: main table, proto 186, src the DZ IP, never our own /32; withdrawals delete; a dead peer flushes with BGP Session Down; its return restores; stop deletes"
    )
    func ibrl() async throws {
        try await Self.withInstaller(policy: .init(source: BGPInstallerTopology.dzIP)) {
            topology, _, installer throws in
            let statuses = StatusRecorder(installer.statusChanges)
            var routes: [String] = []
            let installed = await installerEventually(within: .seconds(10)) {
                routes = try topology.bgpRoutes()
                return routes == Self.learned
            }
            #expect(installed, "kernel: \(routes); BIRD: \(topology.bird.log.suffix(2000))")
            #expect(installer.sessionStatus?.status == .up)
            #expect(installer.counts.installed == 3 && installer.counts.failures == 0, "\(installer.counts)")
            #expect(
                installer.installedRoutes.map(\.description) == [
                    "10.20.0.0/16 via 169.254.0.0 src 147.51.126.1 table 254 proto 186",
                    "147.51.126.2/32 via 169.254.0.0 src 147.51.126.1 table 254 proto 186",
                    "147.51.126.3/32 via 169.254.0.0 src 147.51.126.1 table 254 proto 186",
                ])
            #expect(
                installer.routeRecords(network: "devnet").map(\.peerIP.description) == [
                    "10.20.0.0", "147.51.126.2", "147.51.126.3",
                ])
            // BIRD does send our /32 back (with a looping path); the kernel keeps it local.
            let exported = try topology.bird.command("show", "route", "export", "dz_user", "for", "147.51.126.1/32")
            #expect(exported.contains("147.51.126.1/32"), "BIRD exports: \(exported)")
            let own = try runInstallerCommand(["ip", "-n", topology.user.name, "route", "get", "147.51.126.1"])
            #expect(own.hasPrefix("local 147.51.126.1"), "\(own)")

            // Withdrawal: BIRD's `users` protocol goes down.
            try topology.bird.command("disable", "users")
            let withdrawn = await installerEventually(within: .seconds(5)) {
                routes = try topology.bgpRoutes()
                return routes == [Self.learned[0]]
            }
            #expect(withdrawn, "kernel: \(routes)")

            // BIRD dies: the hold timer expires, the session's routes are flushed, status Down.
            topology.bird.kill9()
            let flushed = await installerEventually(within: .seconds(8)) {
                routes = try topology.bgpRoutes()
                return routes.isEmpty && installer.sessionStatus?.status == .down
            }
            #expect(flushed, "kernel: \(routes); status \(String(describing: installer.sessionStatus))")
            #expect(installer.counts.installed == 0)

            // BIRD is back (all its protocols enabled again): the routes are restored.
            try topology.bird.start()
            let restored = await installerEventually(within: .seconds(10)) {
                routes = try topology.bgpRoutes()
                // The recorded stream lags the installer's own status a little; wait for both.
                return routes == Self.learned && installer.sessionStatus?.status == .up
                    && statuses.all.last?.status == .up
            }
            #expect(restored, "kernel: \(routes); BIRD: \(topology.bird.log.suffix(2000))")
            let seen = statuses.all.map(\.status)
            #expect(Array(seen.prefix(3)) == [.pending, .initializing, .up], "\(seen)")
            #expect(seen.contains(.down), "\(seen)")
            #expect(seen.last == .up, "\(seen)")
            #expect(zip(statuses.all, statuses.all.dropFirst()).allSatisfy { $0.changedAt <= $1.changedAt })

            // stop() deletes what the installer wrote.
            await installer.stop()
            #expect(try topology.bgpRoutes().isEmpty)
            #expect(installer.installedRoutes.isEmpty)
        }
    }

    @Test("EdgeFiltering: the routes go to table 100 and nowhere else")
    func edgeFiltering() async throws {
        try await Self.withInstaller(policy: .init(table: 100, source: BGPInstallerTopology.dzIP)) {
            topology, _, installer throws in
            var routes: [String] = []
            let installed = await installerEventually(within: .seconds(10)) {
                routes = try topology.bgpRoutes(table: "100")
                return routes == Self.learned
            }
            #expect(installed, "table 100: \(routes)")
            #expect(try topology.bgpRoutes(table: "main").isEmpty)
            await installer.stop()
            #expect(try topology.bgpRoutes(table: "100").isEmpty)
        }
    }

    @Test("IBRL with allocated IP (NoUninstall): withdrawals, a dead peer and stop() delete nothing")
    func noUninstall() async throws {
        try await Self.withInstaller(policy: .init(source: BGPInstallerTopology.dzIP, uninstalls: false)) {
            topology, _, installer throws in
            var routes: [String] = []
            let installed = await installerEventually(within: .seconds(10)) {
                routes = try topology.bgpRoutes()
                return routes == Self.learned
            }
            #expect(installed, "kernel: \(routes)")
            try topology.bird.command("disable", "users")
            let withdrawn = await installerEventually(within: .seconds(5)) {
                try topology.bird.command("show", "route", "export", "dz_user", "count").contains("\n2 of ")
            }
            #expect(withdrawn, "BIRD withdrew 147.51.126.2 and .3")
            try await Task.sleep(for: .milliseconds(300))  // the UPDATE crosses the veth and is applied
            #expect(try topology.bgpRoutes() == Self.learned)
            topology.bird.kill9()
            let down = await installerEventually(within: .seconds(8)) { installer.sessionStatus?.status == .down }
            #expect(down)
            #expect(try topology.bgpRoutes() == Self.learned)
            await installer.stop()
            #expect(try topology.bgpRoutes() == Self.learned)
        }
    }

    @Test("multicast (NoInstall): the session comes up and nothing is written")
    func noInstall() async throws {
        try await Self.withInstaller(policy: .init(source: BGPInstallerTopology.dzIP, installs: false)) {
            topology, _, installer throws in
            let up = await installerEventually(within: .seconds(10)) { installer.sessionStatus?.status == .up }
            #expect(up)
            // Give BIRD's table time to arrive (it would be written within milliseconds).
            try await Task.sleep(for: .seconds(1))
            let exported = try topology.bird.command("show", "route", "export", "dz_user", "count")
            #expect(exported.contains("\n4 of "), "BIRD exported its 4 routes: \(exported)")
            #expect(try topology.bgpRoutes(table: "all").isEmpty)
            #expect(installer.counts == BGPRouteInstallerCounts())
        }
    }
}

/// Collects an installer's status changes.
final class StatusRecorder: Sendable {
    private let changes = Mutex<[BGPSessionStatusChange]>([])

    init(_ stream: AsyncStream<BGPSessionStatusChange>) {
        Task { [self] in
            for await change in stream { changes.withLock { $0.append(change) } }
        }
    }

    var all: [BGPSessionStatusChange] { changes.withLock { $0 } }
}
