import LinuxHostTesting
import Models
import Testing
import Tunnel

/// The netlink session against the real kernel, as root, in namespaces the tests create.
@Suite("netlink against the kernel (root, scratch namespaces)")
struct NetlinkLiveTests {
    /// Runs `body` in a fresh scratch namespace (tagged `tag`) holding the veth pair `va`–`vb`
    /// (both down), with a session in that namespace and the link `va` as first looked up.
    private static func withVethPair(
        _ tag: String, _ body: (ScratchNamespace, NetlinkSession, NetworkLink) throws -> Void
    ) async throws {
        try await ScratchNamespace.with([tag]) { namespaces in
            let scratch = namespaces[0]
            try scratch.ip("link", "add", "va", "type", "veth", "peer", "name", "vb")
            let session = try NetlinkSession(namespace: scratch.namespace)
            try body(scratch, session, try session.link(named: LinuxInterfaceName("va")))
        }
    }

    @Test("links: lookup, up/down, MTU, dump, delete; not-found is typed")
    func links() async throws {
        try await Self.withVethPair("links") { scratch, session, va in
            #expect(va.kind == "veth")
            #expect(!va.isUp)
            try session.setLink(index: va.index, up: true)
            try session.setLink(index: va.index, mtu: 1400)
            let updated = try session.link(named: LinuxInterfaceName("va"))
            #expect(updated.isUp)
            #expect(updated.mtu == 1400)
            #expect(try scratch.ip("-o", "link", "show", "dev", "va").contains("mtu 1400"))
            let names = Set(try session.links().map(\.name))
            #expect(names == ["lo", "va", "vb"])
            try session.deleteLink(index: va.index)
            #expect(throws: NetlinkError.notFound(operation: "look up link va")) {
                try session.link(named: LinuxInterfaceName("va"))
            }
            #expect(try session.links().map(\.name) == ["lo"])
        }
    }

    @Test("a gre link on a kernel without gre is the typed 'kernel lacks gre' error")
    func greWithoutKernelSupport() async throws {
        try await ScratchNamespace.with(["gre"]) { namespaces in
            let session = try NetlinkSession(namespace: namespaces[0].namespace)
            let spec = GRELinkSpec(
                name: LinuxInterfaceName(constant: "doublezero0"), local: "192.0.2.1", remote: "192.0.2.2")
            do {
                try session.createGRELink(spec)
                // A kernel with GRE: the link must then be a gre link with our endpoints.
                let link = try session.link(named: spec.name)
                #expect(link.kind == "gre")
                #expect(link.greLocal == spec.local && link.greRemote == spec.remote)
                #expect(throws: NetlinkError.self) { try session.createGRELink(spec) }
            } catch let error as NetlinkError {
                #expect(
                    error
                        == .linkKindUnsupported(
                            kind: "gre", operation: "create gre link doublezero0 (192.0.2.1 -> 192.0.2.2)"))
                #expect(error.description.contains("the kernel lacks gre"))
            }
        }
    }

    @Test("addresses: add, exists, replace, list, delete, not found")
    func addresses() async throws {
        try await Self.withVethPair("addr") { scratch, session, va in
            let index = va.index
            let overlay = InterfaceAddress(interfaceIndex: index, address: "169.254.0.1/31", scope: .link)
            let dzIP = InterfaceAddress(interfaceIndex: index, address: "198.51.100.7/32")
            try session.addAddress(overlay)
            try session.addAddress(dzIP)
            #expect(throws: NetlinkError.exists(operation: "add address 169.254.0.1/31 on link #\(index)")) {
                try session.addAddress(overlay)
            }
            try session.replaceAddress(overlay)
            #expect(Set(try session.addresses(interfaceIndex: index)) == [overlay, dzIP])
            #expect(try scratch.ip("-4", "-o", "address", "show", "dev", "va").contains("169.254.0.1/31 scope link"))
            try session.deleteAddress(dzIP)
            #expect(try session.addresses(interfaceIndex: index) == [overlay])
            #expect(throws: NetlinkError.self) { try session.deleteAddress(dzIP) }
        }
    }

    @Test("routes in several tables, by protocol, with source and gateway; replace and delete")
    func routes() async throws {
        try await Self.withVethPair("route") { scratch, session, va in
            let index = va.index
            try session.setLink(index: index, up: true)
            try session.addAddress(InterfaceAddress(interfaceIndex: index, address: "169.254.0.1/31", scope: .link))
            let learned = Route(
                destination: "10.1.0.0/24", gateway: "169.254.0.0", source: "169.254.0.1", protocol: .bgp)
            let group = Route(destination: "233.84.178.0/32", gateway: "169.254.0.0", protocol: .static)
            let specific = Route(destination: "10.9.0.0/16", gateway: "169.254.0.0", table: 100, protocol: .bgp)
            let direct = Route(destination: "10.2.0.0/24", interfaceIndex: index, table: 101, protocol: .static)
            for route in [learned, group, specific, direct] { try session.addRoute(route) }
            #expect(throws: NetlinkError.self) { try session.addRoute(learned) }
            try session.replaceRoute(learned)

            var expectedLearned = learned
            expectedLearned.interfaceIndex = index
            #expect(try session.routes(table: Route.mainTable, protocol: .bgp) == [expectedLearned])
            let main = try session.routes(table: Route.mainTable)
            #expect(main.contains { $0.destination == "233.84.178.0/32" && $0.protocol == .static })
            #expect(try session.routes(table: 100).map(\.destination) == ["10.9.0.0/16"])
            #expect(try session.routes(table: 101).map(\.destination) == ["10.2.0.0/24"])
            #expect(
                try scratch.ip("route", "show", "table", "100").contains("10.9.0.0/16 via 169.254.0.0 dev va proto bgp")
            )

            try session.deleteRoute(specific)
            #expect(try session.routes(table: 100).isEmpty)
            #expect(throws: NetlinkError.notFound(operation: "delete route 10.9.0.0/16 in table 100")) {
                try session.deleteRoute(specific)
            }
        }
    }

    @Test("rules: add, list, exists, delete; priorities and tables outside 100...200 are refused")
    func rules() async throws {
        try await ScratchNamespace.with(["rule"]) { namespaces in
            let scratch = namespaces[0]
            let session = try NetlinkSession(namespace: scratch.namespace)
            let toDZ = PolicyRule(priority: 100, destination: "10.0.0.0/8", table: 100)
            let fromDZ = PolicyRule(priority: 101, source: "198.51.100.0/24", table: 101)
            try session.addRule(toDZ)
            try session.addRule(fromDZ)
            #expect(throws: NetlinkError.self) { try session.addRule(toDZ) }
            let ours = try session.rules().filter { PolicyRule.allowedRange.contains(Int($0.priority)) }
            #expect(ours == [toDZ, fromDZ])
            #expect(
                try scratch.ip("-d", "rule", "show").contains("100:\tfrom all to 10.0.0.0/8 lookup 100 proto kernel"))
            try session.deleteRule(toDZ)
            #expect(try session.rules().filter { $0.priority == 100 }.isEmpty)
            #expect(throws: NetlinkError.outOfRange(what: "rule priority", value: 99, allowed: 100...200)) {
                try session.addRule(PolicyRule(priority: 99, table: 100))
            }
            #expect(throws: NetlinkError.outOfRange(what: "rule table", value: 254, allowed: 100...200)) {
                try session.addRule(PolicyRule(priority: 150, table: 254))
            }
        }
    }
}
