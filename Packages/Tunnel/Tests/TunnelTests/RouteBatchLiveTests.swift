import Foundation
import Glibc
import LinuxHostTesting
import Models
import Testing
import Tunnel

/// ``NetlinkSession/applyRoutes(_:)`` and ``NetlinkSession/routeLookup(to:)`` against the real
/// kernel, as root, in a scratch namespace: 10,000 routes installed and deleted in one call each,
/// checked with `ip route`.
@Suite("netlink route batches against the kernel (root, scratch namespaces)")
struct RouteBatchLiveTests {
    static let dzIP: IPv4Address = "147.51.126.1"

    /// A namespace with `va` (169.254.0.1/31, up, its peer `vb` up) and the DZ IP on `lo`.
    private static func withOverlay(_ tag: String, _ body: (ScratchNamespace, NetlinkSession) throws -> Void)
        async throws
    {
        try await ScratchNamespace.with([tag]) { namespaces in
            let scratch = namespaces[0]
            try scratch.ip("link", "add", "va", "type", "veth", "peer", "name", "vb")
            try scratch.ip("address", "add", "169.254.0.1/31", "dev", "va")
            try scratch.ip("address", "add", "\(dzIP)/32", "dev", "lo")
            for link in ["lo", "va", "vb"] { try scratch.ip("link", "set", link, "up") }
            try body(scratch, try NetlinkSession(namespace: scratch.namespace))
        }
    }

    @Test(
        "10,000 routes replaced in one call, replaced again, then deleted in one call; a bad one fails alone",
        arguments: [NetlinkBatchAcknowledgement.everyRequest, .errorsOnly])
    func tenThousandRoutes(acknowledgement: NetlinkBatchAcknowledgement) async throws {
        try await Self.withOverlay("batch") { scratch, session in
            let routes = NetlinkRouteBatchTests.routes(10_000)
            let unreachable = Route(
                destination: "198.18.0.0/24", gateway: "192.0.2.9", source: Self.dzIP, protocol: .bgp)
            let changes = routes.map(RouteChange.replace)
            var failures = try session.applyRoutes(
                Array(changes[..<5_000]) + [.replace(unreachable)] + Array(changes[5_000...]),
                acknowledgement: acknowledgement)
            #expect(failures.map(\.index) == [5_000], "\(failures)")
            if case .kernel(_, let errno, _)? = failures.first?.error {
                #expect(errno == ENETUNREACH)
            } else {
                Issue.record("the unreachable gateway should be a kernel refusal: \(failures)")
            }
            let listed = try scratch.ip("-4", "route", "show", "table", "main", "proto", "186")
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(listed.count == 10_000)
            #expect(listed.contains("100.64.0.7 via 169.254.0.0 dev va src 147.51.126.1"), "\(listed.prefix(3))")
            #expect(listed.contains("100.64.39.15 via 169.254.0.0 dev va src 147.51.126.1"))
            #expect(try session.routes(table: Route.mainTable, protocol: .bgp).count == 10_000)

            // Replace semantics: the same batch again changes nothing and refuses nothing.
            failures = try session.applyRoutes(changes, acknowledgement: acknowledgement)
            #expect(failures.isEmpty, "\(failures)")
            #expect(try session.routes(table: Route.mainTable, protocol: .bgp).count == 10_000)

            // Lookups see them, with the preferred source the daemon answers /resolve-route with.
            let lookup = try session.routeLookup(to: "100.64.0.7")
            let va = try session.link(named: LinuxInterfaceName("va")).index
            #expect(
                lookup
                    == RouteLookupResult(
                        destination: "100.64.0.7", preferredSource: Self.dzIP, gateway: "169.254.0.0",
                        interfaceIndex: va, table: Route.mainTable, type: 1))
            #expect(try session.routeLookup(to: "198.51.100.1") == nil, "no default route: unreachable")
            #expect(try session.routeLookup(to: Self.dzIP)?.type == RouteLookupResult.localType)

            // Delete all, plus one that is not there (success on this idempotent path).
            failures = try session.applyRoutes(
                routes.map(RouteChange.delete) + [.delete(unreachable)], acknowledgement: acknowledgement)
            #expect(failures.isEmpty, "\(failures)")
            #expect(try scratch.ip("-4", "route", "show", "table", "main", "proto", "186").isEmpty)
        }
    }

    @Test(
        "a receive buffer far too small for a batch's acknowledgements: the kernel drops them, ENOBUFS is seen, the rest is resent, all 10,000 land"
    )
    func overrunRecoveredLive() async throws {
        try await Self.withOverlay("overrun") { scratch, _ throws in
            // 16 KiB (the kernel doubles it) holds a few dozen acknowledgements, not 2,500.
            let session = NetlinkSession(
                socket: try MnlSocket(namespace: scratch.namespace, receiveBufferBytes: 16 << 10))
            let routes = NetlinkRouteBatchTests.routes(10_000)
            let failures = try session.applyRoutes(routes.map(RouteChange.replace), acknowledgement: .everyRequest)
            #expect(failures.isEmpty, "\(failures.prefix(3))")
            #expect(try session.routes(table: Route.mainTable, protocol: .bgp).count == 10_000)
            let deleted = try session.applyRoutes(routes.map(RouteChange.delete), acknowledgement: .everyRequest)
            #expect(deleted.isEmpty, "\(deleted.prefix(3))")
            #expect(try session.routes(table: Route.mainTable, protocol: .bgp).isEmpty)
        }
    }

    @Test(
        "refusals overflowing a 16 KiB receive buffer: every one is still reported, every good route lands",
        arguments: [NetlinkBatchAcknowledgement.everyRequest, .errorsOnly])
    func refusalsOverrunLive(acknowledgement: NetlinkBatchAcknowledgement) async throws {
        try await Self.withOverlay("refusals") { scratch, _ throws in
            let session = NetlinkSession(
                socket: try MnlSocket(namespace: scratch.namespace, receiveBufferBytes: 16 << 10))
            // Odd indexes go via a gateway that is not on link: the kernel refuses each one.
            let changes = NetlinkRouteBatchTests.routes(6_000).enumerated().map { index, route in
                var route = route
                if index % 2 == 1 { route.gateway = "192.0.2.9" }
                return RouteChange.replace(route)
            }
            let failures = try session.applyRoutes(changes, acknowledgement: acknowledgement)
            #expect(failures.map(\.index) == Array(stride(from: 1, to: 6_000, by: 2)))
            #expect(
                failures.allSatisfy {
                    if case .kernel(_, let errno, _) = $0.error { errno == ENETUNREACH } else { false }
                })
            #expect(try session.routes(table: Route.mainTable, protocol: .bgp).count == 3_000)
        }
    }

    @Test("a batch in table 100 lands in table 100 only")
    func otherTable() async throws {
        try await Self.withOverlay("batch100") { scratch, session throws in
            let routes = NetlinkRouteBatchTests.routes(500, table: 100)
            #expect(try session.applyRoutes(routes.map(RouteChange.replace)).isEmpty)
            #expect(
                try scratch.ip("-4", "route", "show", "table", "100", "proto", "186").split(separator: "\n").count
                    == 500)
            #expect(try scratch.ip("-4", "route", "show", "table", "main", "proto", "186").isEmpty)
            #expect(try session.applyRoutes(routes.map(RouteChange.delete)).isEmpty)
            #expect(try scratch.ip("-4", "route", "show", "table", "100").isEmpty)
        }
    }
}
