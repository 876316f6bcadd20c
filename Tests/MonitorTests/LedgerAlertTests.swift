import Foundation
import HummingbirdTesting
import Ledger
import Models
import MonitorService
import NetworkTestSupport
import Testing

/// The rules the ledger lets an operator break, broken through signed instructions while the
/// monitor follows: each alert opens (logged once), shows in `/alerts.json` and `/metrics`, and
/// clears (logged once) when fixed the same way.
@Suite("Monitor alerts from the ledger")
struct LedgerAlertTests {
    /// Runs `body` with a served network and a following monitor (re-evaluating every 100 ms),
    /// tearing the network down however `body` ends.
    private static func withFollowingMonitor(
        userTunnelBlock: IPv4Prefix = "169.254.0.0/16", thresholds: MonitorThresholds = MonitorThresholds(),
        log: RecordedLog = RecordedLog(),
        _ body: @Sendable (MonitorHarness, any TestClientProtocol) async throws -> Void
    ) async throws {
        let network = try await ServedTestNetwork(userTunnelBlock: userTunnelBlock)
        do {
            try await MonitorHarness.with(
                network, thresholds: thresholds, follow: true, interval: .milliseconds(100), logger: log.logger()
            ) { harness, client in
                try await body(harness, client)
            }
        } catch {
            await network.tearDown()
            throw error
        }
        await network.tearDown()
    }

    /// Waits until `/alerts.json` shows (or stops showing) an open alert of `kind` about `subject`.
    private static func waitFor(
        _ kind: AlertKind, subject: String, open: Bool = true, _ client: any TestClientProtocol,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            // The page answers 503 (and openAlerts throws) until the monitor's first evaluation.
            if let alerts = try? await MonitorHarness.openAlerts(client),
                alerts.contains(where: { $0.kind == kind.rawValue && $0.subject == subject }) == open
            {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record(
            "the \(kind.rawValue) alert about \(subject) did not \(open ? "open" : "clear")",
            sourceLocation: sourceLocation)
        throw CancellationError()
    }

    private static func device(_ code: String, _ harness: MonitorHarness) async throws -> PublicKey {
        try #require(try await harness.network.service.currentState().devices.values.first { $0.code == code }).pubkey
    }

    @Test(
        "RFC 13: a device with only its public IP alerts until a user-tunnel-endpoint interface is added; logged once each way"
    )
    func tunnelEndpoints() async throws {
        let log = RecordedLog()
        try await Self.withFollowingMonitor(log: log) { harness, client in
            try await Self.waitFor(.deviceTunnelEndpoints, subject: "ams-dz01", client)
            let message = try await MonitorHarness.expectOpen(
                .deviceTunnelEndpoints, subject: "ams-dz01", count: 2, client)
            #expect(message.contains("1 user tunnel endpoint (45.0.1.1)"))
            #expect(message.contains("doublezero device interface create --device ams-dz01"))
            let ams = try await Self.device("ams-dz01", harness)
            _ = try await harness.network.service.submit(
                [
                    .createDeviceInterface(
                        CreateDeviceInterfaceArgs(
                            device: ams, name: "Ethernet3", cyoa: .greOverDIA, bandwidth: 10_000_000_000,
                            ipNet: "45.0.1.9/30", userTunnelEndpoint: true))
                ], signedBy: harness.network.contributorOwner)
            try await Self.waitFor(.deviceTunnelEndpoints, subject: "ams-dz01", open: false, client)
            // fra-dz01 still has one endpoint: its alert stays.
            _ = try await MonitorHarness.expectOpen(.deviceTunnelEndpoints, subject: "fra-dz01", count: 1, client)
            let devices = try await MonitorHarness.json(client, "/devices.json")
            let rows = try #require(devices["devices"] as? [[String: Any]])
            #expect(
                rows.first { $0["code"] as? String == "ams-dz01" }?["tunnel_endpoints"] as? [String] == [
                    "45.0.1.1", "45.0.1.9",
                ])
            // Evaluations kept running meanwhile, yet each transition was logged exactly once.
            try await Task.sleep(for: .milliseconds(300))
            #expect(log.count(startingWith: "alert opened: device ams-dz01 has 1 user tunnel endpoint") == 1)
            #expect(log.count(startingWith: "alert cleared: too few user tunnel endpoints (device ams-dz01)") == 1)
        }
    }

    @Test("a user left pending by a stopped activator alerts after the threshold, and clears once activated")
    func stuckUser() async throws {
        try await Self.withFollowingMonitor { harness, client in
            await harness.network.stopActivator()
            let ams = try await Self.device("ams-dz01", harness)
            let user = try await harness.network.addUser(.ibrl, on: ams, clientIp: IPv4Address(100, 0, 0, 7))
            // The dashboard shows it pending (and how long it has waited) once the monitor saw it.
            var pending: [[String: Any]] = []
            let deadline = ContinuousClock.now + .seconds(20)
            while pending.isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
                let page = try? await MonitorHarness.json(client, "/users.json?status=pending")
                pending = page?["users"] as? [[String: Any]] ?? []
            }
            #expect(pending.map { $0["pubkey"] as? String } == [user.base58])
            #expect(pending.first?["waiting"] as? String == "0s")
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await MonitorHarness.openAlerts(client).allSatisfy { $0.kind != "user_stuck" })
            harness.clock.advance(by: 301)
            try await Self.waitFor(.userStuck, subject: user.base58, client)
            let message = try await MonitorHarness.expectOpen(.userStuck, subject: user.base58, client)
            #expect(message.contains("pending for 5m") && message.contains("doublezero-activator"))
            harness.network.startActivator()
            try await Self.waitFor(.userStuck, subject: user.base58, open: false, client)
            try await MonitorHarness.expectCleared(.userStuck, client)
        }
    }

    @Test("a device holding more users than its lowered limit alerts, and clears when the limit is raised")
    func overLimit() async throws {
        try await Self.withFollowingMonitor { harness, client in
            let ams = try await Self.device("ams-dz01", harness)
            let user = try await harness.network.addUser(.ibrl, on: ams, clientIp: IPv4Address(100, 0, 0, 8))
            try await harness.network.waitUntil("the user is activated") { $0.users[user]?.status == .activated }
            _ = try await harness.network.service.submit(
                [.updateDevice(UpdateDeviceArgs(pubkey: ams, maxUnicastUsers: 0))],
                signedBy: harness.network.contributorOwner)
            try await Self.waitFor(.deviceUsersOverLimit, subject: "ams-dz01", client)
            let message = try await MonitorHarness.expectOpen(.deviceUsersOverLimit, subject: "ams-dz01", client)
            #expect(message.contains("holds 1 unicast users, over its limit of 0"))
            let devices = try await MonitorHarness.json(client, "/devices.json")
            let row = try #require(
                (devices["devices"] as? [[String: Any]])?.first { $0["code"] as? String == "ams-dz01" })
            let bar = try #require(row["unicast"] as? [String: Any])
            #expect(bar["used"] as? Int == 1 && bar["limit"] as? Int == 0 && bar["level"] as? String == "full")
            _ = try await harness.network.service.submit(
                [.updateDevice(UpdateDeviceArgs(pubkey: ams, maxUnicastUsers: 16))],
                signedBy: harness.network.contributorOwner)
            try await Self.waitFor(.deviceUsersOverLimit, subject: "ams-dz01", open: false, client)
            try await MonitorHarness.expectCleared(.deviceUsersOverLimit, client)
        }
    }

    @Test("a user tunnel pool above the threshold alerts, and clears when the user is deleted")
    func poolUtilisation() async throws {
        try await Self.withFollowingMonitor(
            userTunnelBlock: "169.254.0.0/29", thresholds: MonitorThresholds(poolUtilisation: 0.2)
        ) { harness, client in
            let ams = try await Self.device("ams-dz01", harness)
            let user = try await harness.network.addUser(.ibrl, on: ams, clientIp: IPv4Address(100, 0, 0, 9))
            try await harness.network.waitUntil("the user is activated") { $0.users[user]?.status == .activated }
            try await Self.waitFor(.poolUtilisation, subject: "user_tunnel_block", client)
            let message = try await MonitorHarness.expectOpen(.poolUtilisation, subject: "user_tunnel_block", client)
            #expect(message.contains("25% full (2/8 allocated), above 20%"))
            let pools = try await MonitorHarness.json(client, "/pools.json")
            let row = try #require(
                (pools["pools"] as? [[String: Any]])?.first { $0["name"] as? String == "user_tunnel_block" })
            #expect(row["over_threshold"] as? Bool == true)
            _ = try await harness.network.service.submit(
                [.deleteUser(PubkeyArgs(pubkey: user))], signedBy: harness.network.client)
            try await Self.waitFor(.poolUtilisation, subject: "user_tunnel_block", open: false, client)
            try await MonitorHarness.expectCleared(.poolUtilisation, client)
        }
    }

    @Test("a link whose end device is drained alerts, and clears when the device is back")
    func linkEndNotActivated() async throws {
        try await Self.withFollowingMonitor { harness, client in
            let ams = try await Self.device("ams-dz01", harness)
            let fra = try await Self.device("fra-dz01", harness)
            try await harness.network.addLink(ams, fra, code: "ams-dz01:fra-dz01")
            _ = try await harness.network.service.submit(
                [.updateDevice(UpdateDeviceArgs(pubkey: fra, status: .drained))],
                signedBy: harness.network.contributorOwner)
            try await Self.waitFor(.linkEndNotActivated, subject: "ams-dz01:fra-dz01", client)
            let message = try await MonitorHarness.expectOpen(
                .linkEndNotActivated, subject: "ams-dz01:fra-dz01", client)
            #expect(message.contains("side Z device fra-dz01 is drained"))
            _ = try await harness.network.service.submit(
                [.updateDevice(UpdateDeviceArgs(pubkey: fra, status: .activated))],
                signedBy: harness.network.contributorOwner)
            try await Self.waitFor(.linkEndNotActivated, subject: "ams-dz01:fra-dz01", open: false, client)
            try await MonitorHarness.expectCleared(.linkEndNotActivated, client)
        }
    }
}
