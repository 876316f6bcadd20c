import Foundation
import HummingbirdTesting
import Ledger
import Models
import MonitorService
import NetworkTestSupport
import Testing

/// The rules the ledger itself enforces, broken in a crafted copy of a real ledger's state (the
/// ledger refuses to hold them): each alert opens, shows in `/alerts.json` and `/metrics`, and
/// clears into the history when the state is fixed.
@Suite("Monitor alerts on crafted states")
struct CraftedStateAlertTests {
    /// Runs `body` with a served two-device network (a link between them, a user on ams-dz01),
    /// a monitor of it, and its state; tears the network down however `body` ends.
    private static func withNetwork(
        _ body: @Sendable (MonitorHarness, any TestClientProtocol, LedgerState) async throws -> Void
    ) async throws {
        let network = try await ServedTestNetwork()
        do {
            let state = try await network.service.currentState()
            let ams = try device("ams-dz01", in: state).pubkey
            let fra = try device("fra-dz01", in: state).pubkey
            try await network.addLink(ams, fra, code: "ams-dz01:fra-dz01")
            let user = try await network.addUser(.ibrl, on: ams, clientIp: IPv4Address(100, 0, 0, 1))
            try await network.waitUntil("the user is activated") { $0.users[user]?.status == .activated }
            let settled = try await network.service.currentState()
            try await MonitorHarness.with(network) { harness, client in try await body(harness, client, settled) }
        } catch {
            await network.tearDown()
            throw error
        }
        await network.tearDown()
    }

    private static func exchange(_ code: String, in state: LedgerState) throws -> Exchange {
        try #require(state.exchanges.values.first { $0.code == code })
    }

    private static func device(_ code: String, in state: LedgerState) throws -> Device {
        try #require(state.devices.values.first { $0.code == code })
    }

    @Test("RFC 6: a community out of range opens a critical alert naming the fix, and clears")
    func communityOutOfRange() async throws {
        try await Self.withNetwork { harness, client, state in
            await harness.evaluate(state)
            #expect(
                try await MonitorHarness.openAlerts(client).allSatisfy { $0.kind != "exchange_community_out_of_range" })
            var broken = state
            var xams = try Self.exchange("xams", in: state)
            xams.bgpCommunity = 9999
            broken.put(.exchange(xams))
            await harness.evaluate(broken, sequence: 2)
            let message = try await MonitorHarness.expectOpen(.exchangeCommunityOutOfRange, subject: "xams", client)
            #expect(message.contains("9999"))
            // The lowest community nobody uses: xfra holds 10001, xams's own 9999 is outside.
            #expect(message.contains("doublezero exchange update --pubkey xams --bgp-community 10000"))
            let exchanges = try await MonitorHarness.json(client, "/exchanges.json")
            let rows = try #require(exchanges["exchanges"] as? [[String: Any]])
            #expect(rows.first { $0["code"] as? String == "xams" }?["community_ok"] as? Bool == false)
            harness.clock.advance(by: 30)
            await harness.evaluate(state, sequence: 3)
            try await MonitorHarness.expectCleared(.exchangeCommunityOutOfRange, client)
        }
    }

    @Test("RFC 6: a duplicated community opens an alert on each exchange sharing it, and clears")
    func communityDuplicate() async throws {
        try await Self.withNetwork { harness, client, state in
            var broken = state
            var xfra = try Self.exchange("xfra", in: state)
            xfra.bgpCommunity = try Self.exchange("xams", in: state).bgpCommunity
            broken.put(.exchange(xfra))
            await harness.evaluate(broken)
            let keeper = try await MonitorHarness.expectOpen(
                .exchangeCommunityDuplicate, subject: "xams", count: 2, client)
            let mover = try await MonitorHarness.expectOpen(
                .exchangeCommunityDuplicate, subject: "xfra", count: 2, client)
            #expect(keeper.contains("xams is the oldest and keeps it"))
            #expect(mover.contains("doublezero exchange update --pubkey xfra --bgp-community 10001"))
            await harness.evaluate(state, sequence: 2)
            try await MonitorHarness.expectCleared(.exchangeCommunityDuplicate, client)
        }
    }

    @Test("a device counter that disagrees with its users opens an alert, and clears")
    func counterMismatch() async throws {
        try await Self.withNetwork { harness, client, state in
            await harness.evaluate(state)
            #expect(try await MonitorHarness.openAlerts(client).allSatisfy { $0.kind != "device_user_count_mismatch" })
            var broken = state
            var ams = try Self.device("ams-dz01", in: state)
            ams.unicastUsersCount = 3
            broken.put(.device(ams))
            await harness.evaluate(broken, sequence: 2)
            let message = try await MonitorHarness.expectOpen(.deviceUserCountMismatch, subject: "ams-dz01", client)
            #expect(message.contains("counts 3 unicast users but 1 hold"))
            await harness.evaluate(state, sequence: 3)
            try await MonitorHarness.expectCleared(.deviceUserCountMismatch, client)
        }
    }

    @Test("the Allocator's audit: a loopback address held twice opens an allocation alert, and clears")
    func allocationConflict() async throws {
        try await Self.withNetwork { harness, client, state in
            var broken = state
            let ams = try Self.device("ams-dz01", in: state)
            var fra = try Self.device("fra-dz01", in: state)
            let taken = try #require(ams.interface(named: "Loopback255")?.ipNet)
            let index = try #require(fra.interfaces.firstIndex { $0.name == "Loopback255" })
            fra.interfaces[index].ipNet = taken
            broken.put(.device(fra))
            await harness.evaluate(broken)
            let message = try await MonitorHarness.expectOpen(
                .allocationConflict, subject: "device_tunnel_block", client)
            #expect(message.contains("\(taken)") && message.contains("ams-dz01") && message.contains("fra-dz01"))
            await harness.evaluate(state, sequence: 2)
            try await MonitorHarness.expectCleared(.allocationConflict, client)
        }
    }

    @Test(
        "a link whose device is gone opens link_end_missing; an unlinked interface in an activated link opens interface_unlinked"
    )
    func linkEnds() async throws {
        try await Self.withNetwork { harness, client, state in
            var broken = state
            let fra = try Self.device("fra-dz01", in: state)
            broken.remove(EntityRef(kind: .device, pubkey: fra.pubkey))
            var ams = try Self.device("ams-dz01", in: state)
            let index = try #require(ams.interfaces.firstIndex { $0.name == "Ethernet1" })
            ams.interfaces[index].status = .unlinked
            broken.put(.device(ams))
            await harness.evaluate(state)
            let before = try await MonitorHarness.get(client, "/metrics").body
            #expect(
                before.contains(#"doublezero_monitor_device_user_limit{device_code="fra-dz01",family="unicast"} 48"#))
            await harness.evaluate(broken, sequence: 2)
            // The removed device's series are gone from /metrics, not left stale.
            let after = try await MonitorHarness.get(client, "/metrics").body
            #expect(!after.contains(#"device_code="fra-dz01""#))
            #expect(
                after.contains(#"doublezero_monitor_device_user_limit{device_code="ams-dz01",family="unicast"} 48"#))
            let missing = try await MonitorHarness.expectOpen(.linkEndMissing, subject: "ams-dz01:fra-dz01", client)
            #expect(missing.contains("side Z"))
            _ = try await MonitorHarness.expectOpen(.interfaceUnlinked, subject: "ams-dz01:fra-dz01", client)
            await harness.evaluate(state, sequence: 3)
            try await MonitorHarness.expectCleared(.linkEndMissing, client)
            try await MonitorHarness.expectCleared(.interfaceUnlinked, client)
        }
    }
}
