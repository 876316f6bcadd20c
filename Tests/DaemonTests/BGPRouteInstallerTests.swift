import BGP
import BGPWire
import Foundation
import LinuxHostTesting
import Models
import Testing
import Tunnel

@testable import DaemonService

/// The installer's reduction of a burst of changes (pure), and the installer fed with scripted
/// speaker events into a scratch namespace (root): one batch for a queued burst, never a route to
/// our own DZ IP, a session close deleting what it learned.
@Suite("BGP route installer (scripted events)")
struct BGPRouteInstallerTests {
    static let dzIP: IPv4Address = "147.51.126.1"
    static let device: IPv4Address = "169.254.0.0"

    static func route(_ prefix: IPv4Prefix, via gateway: IPv4Address = device) -> DesiredKernelRoute {
        DesiredKernelRoute(destination: prefix, gateway: gateway, source: dzIP, table: 254, routeProtocol: 186)
    }

    static func announced(_ prefixes: [IPv4Prefix], nextHop: IPv4Address = device) -> BGPSpeakerEvent {
        .routesAnnounced(prefixes, BGPPathAttributes(origin: .igp, asPath: [.sequence([65342])], nextHop: nextHop))
    }

    @Test("a burst is reduced to one change per prefix against what the kernel holds")
    func batchReduction() {
        let a: IPv4Prefix = "10.0.0.1/32"
        let b: IPv4Prefix = "10.0.0.2/32"
        let c: IPv4Prefix = "10.0.0.3/32"
        let d: IPv4Prefix = "10.0.0.4/32"
        let installed = [a: Self.route(a), b: Self.route(b)]
        let batch = KernelRouteBatch(
            [
                .delete(Self.route(a)), .replace(Self.route(a)),  // flap: already there, nothing to do
                .delete(Self.route(b)),  // withdrawn: delete
                .replace(Self.route(c)), .delete(Self.route(c)),  // came and went: nothing
                .replace(Self.route(d)), .replace(Self.route(d, via: "169.254.0.2")),  // the last one wins
            ], installed: installed)
        #expect(
            batch.changes == [
                .delete(KernelRouteBatch.kernelRoute(Self.route(b))),
                .replace(KernelRouteBatch.kernelRoute(Self.route(d, via: "169.254.0.2"))),
            ])
        #expect(batch.outcomes.map(\.prefix) == [b, d])
        #expect(batch.outcomes.map(\.route) == [nil, Self.route(d, via: "169.254.0.2")])
        #expect(
            KernelRouteBatch.kernelRoute(Self.route(d))
                == Route(destination: d, gateway: Self.device, source: Self.dzIP, table: 254, protocol: .bgp))
    }

    @Test(
        "scripted events (root): a queued burst is written in few batches, our own /32 never, a close flushes, stop keeps nothing"
    )
    func scriptedEvents() async throws {
        try await ScratchNamespace.with(names: ["bri-s-\(getpid() % 100_000)"]) { namespaces in
            let scratch = namespaces[0]
            for arguments in [
                ["link", "add", "va", "type", "veth", "peer", "name", "vb"],
                ["addr", "add", "169.254.0.1/31", "dev", "va"],
                ["addr", "add", "\(Self.dzIP)/32", "dev", "lo"], ["link", "set", "lo", "up"],
                ["link", "set", "va", "up"],
                ["link", "set", "vb", "up"],
            ] {
                try runInstallerCommand(["ip", "-n", scratch.name] + arguments)
            }
            let (events, continuation) = AsyncStream.makeStream(of: BGPSpeakerEvent.self)
            let installer = try BGPRouteInstaller(
                events: events, policy: .init(source: Self.dzIP), namespace: scratch.namespace)
            // 2,000 UPDATEs of one prefix each, queued before the installer runs, with our own /32 among them.
            continuation.yield(.statusChanged(.up))
            continuation.yield(Self.announced(["147.51.126.1/32"]))
            for index in 0..<2_000 {
                continuation.yield(
                    Self.announced([IPv4Prefix(uncheckedAddress: IPv4Address(0x6440_0000 + UInt32(index)), length: 32)])
                )
            }
            installer.start()
            let installed = await installerEventually(within: .seconds(10)) { installer.counts.installed == 2_000 }
            #expect(installed, "\(installer.counts)")
            #expect(installer.counts.batches < 200, "coalesced: \(installer.counts)")
            #expect(installer.counts.failures == 0)
            #expect(installer.sessionStatus?.status == .up)
            let kernel = try NetlinkSession(namespace: scratch.namespace).routes(table: 254, protocol: .bgp)
            #expect(kernel.count == 2_000)
            #expect(!kernel.contains { $0.destination == "147.51.126.1/32" }, "never a route to our own DZ IP")
            #expect(!installer.installedRoutes.contains { $0.destination == "147.51.126.1/32" })

            // The session closes: everything it learned is deleted, in one batch.
            let batchesBefore = installer.counts.batches
            continuation.yield(.statusChanged(.down))
            continuation.yield(.sessionClosed(.holdTimerExpired))
            let flushed = await installerEventually(within: .seconds(10)) { installer.counts.installed == 0 }
            #expect(flushed)
            #expect(installer.counts.batches == batchesBefore + 1)
            #expect(try NetlinkSession(namespace: scratch.namespace).routes(table: 254, protocol: .bgp).isEmpty)
            #expect(installer.sessionStatus?.status == .down)
            continuation.finish()
            await installer.stop()
        }
    }
}
