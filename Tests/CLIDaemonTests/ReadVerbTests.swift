import DaemonService
import Foundation
import Models
import Testing

/// `status`, `latency` and `routes`: upstream's tables and JSON.
@Suite("CLI daemon verbs: status, latency, routes")
struct ReadVerbTests {
    static let statusHeader =
        " Tunnel Status | Last Session Update | Tunnel Name | Tunnel Src | Tunnel Dst | Doublezero IP | User Type | "
        + "Reconciler | Tenant | Current Device | Lowest Latency Device | Metro | Network | Multicast Groups"

    /// Cells of a table line.
    static func cells(_ line: Substring) -> [String] {
        line.split(separator: "|", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    @Test("status with nothing provisioned is the one disconnected row")
    func statusDisconnected() async throws {
        let fixture = try await DaemonVerbFixture()
        defer { Task { await fixture.tearDown() } }
        let run = try await fixture.daemonVerb(["status"])
        #expect(run.exitCode == 0, "\(run.allOutput)")
        let lines = run.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(
            Self.cells(lines[0]).joined(separator: " | ")
                == Self.cells(Substring(Self.statusHeader)).joined(separator: " | "))
        #expect(
            Self.cells(lines[1]) == [
                "disconnected", "", "", "", "", "", "", "false", "", "N/A", "N/A", "N/A", "localnet", "",
            ])
        let json = try await fixture.daemonVerb(["status", "--json"])
        let rows = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]]
        let row = try #require(rows?.first)
        #expect(rows?.count == 1)
        #expect(
            (row["response"] as? [String: Any])?["doublezero_status"] as? [String: String] == [
                "session_status": "disconnected"
            ])
        #expect(row["network"] as? String == "localnet")
        #expect(row["current_device"] as? String == "")
    }

    @Test("status shows each tunnel with its date, devices (✅/⚠️ only in the table), metro and groups")
    func statusServices() async throws {
        let fixture = try await DaemonVerbFixture()
        defer { Task { await fixture.tearDown() } }
        let ibrl = ServiceRequest(
            userType: .ibrl, tunnelSource: "203.0.113.10", tunnelDestination: "45.0.1.1", tunnelNet: "169.254.0.0/31",
            doubleZeroIP: "203.0.113.10")
        let multicast = ServiceRequest(
            userType: .multicast, tunnelSource: "203.0.113.10", tunnelDestination: "45.0.1.2",
            tunnelNet: "169.254.0.2/31", doubleZeroIP: "148.51.120.1", subscriberGroups: ["233.84.178.1"],
            publisherGroups: ["233.84.178.0"])
        try await fixture.backend.provision(ibrl)
        try await fixture.backend.provision(multicast)
        fixture.backend.change { contents in
            contents.sessions[.unicast] = SessionStatus(state: .up, lastUpdate: 1_760_464_781)
            contents.sessions[.multicast] = SessionStatus(state: .up, lastUpdate: 1_760_464_781)
            contents.enrichment[.unicast] = { report in
                var report = report
                report.currentDevice = "ams-dz01"
                report.lowestLatencyDevice = "ams-dz01"
                report.metro = "Amsterdam"
                return report
            }
            contents.enrichment[.multicast] = { report in
                var report = report
                report.currentDevice = "ams-dz01"
                report.lowestLatencyDevice = "fra-dz01"
                report.metro = "Amsterdam"
                report.multicastGroups = MulticastGroupRoles(publisher: ["mg01"], subscriber: ["mg02", "mg03"])
                return report
            }
        }
        let run = try await fixture.daemonVerb(["status"])
        #expect(run.exitCode == 0, "\(run.allOutput)")
        let lines = run.standardOutput.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(
            Self.cells(lines[1]) == [
                "BGP Session Up", "2025-10-14 17:59:41 UTC", "doublezero0", "203.0.113.10", "45.0.1.1", "203.0.113.10",
                "IBRL", "false", "", "ams-dz01", "✅ ams-dz01", "Amsterdam", "localnet", "",
            ])
        #expect(
            Self.cells(lines[2]) == [
                "BGP Session Up", "2025-10-14 17:59:41 UTC", "doublezero1", "203.0.113.10", "45.0.1.2", "148.51.120.1",
                "Multicast", "false", "", "ams-dz01", "⚠️ fra-dz01", "Amsterdam", "localnet", "P:mg01,S:mg02,S:mg03",
            ])

        let json = try await fixture.daemonVerb(["status", "--json"])
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[1]["lowest_latency_device"] as? String == "fra-dz01")
        #expect(rows[1]["multicast_groups"] as? String == "P:mg01,S:mg02,S:mg03")
        #expect(rows[0]["reconciler_enabled"] as? Bool == false)
        let response = try #require(rows[0]["response"] as? [String: Any])
        #expect(response["tunnel_name"] as? String == "doublezero0")
        #expect(response["user_type"] as? String == "IBRL")
        #expect((response["doublezero_status"] as? [String: Any])?["last_session_update"] as? Int == 1_760_464_781)
        #expect(
            Set(rows[0].keys) == [
                "response", "reconciler_enabled", "tenant", "current_device", "lowest_latency_device", "metro",
                "network",
                "multicast_groups", "subscriptions",
            ])
    }

    @Test("latency lists activated devices, reachable first by min RTT, in ms; --json has upstream's keys")
    func latency() async throws {
        let fixture = try await DaemonVerbFixture()
        defer { Task { await fixture.tearDown() } }
        let unknown = PublicKey(uncheckedBytes: [UInt8](repeating: 9, count: 32))
        fixture.backend.with { contents in
            contents.latency.results.append(
                LatencyResult(
                    devicePubkey: unknown, deviceIP: "45.0.9.1", deviceCode: "gone-dz01", minLatencyNanoseconds: 10,
                    maxLatencyNanoseconds: 10, averageLatencyNanoseconds: 10, lossPercentage: 0, reachable: true))
            contents.latency.results.insert(
                LatencyResult(
                    devicePubkey: fixture.devices["fra-dz01"]!, deviceIP: "45.0.2.9", deviceCode: "fra-dz01",
                    minLatencyNanoseconds: 0, maxLatencyNanoseconds: 0, averageLatencyNanoseconds: 0,
                    lossPercentage: 100, reachable: false), at: 0)
        }
        let withLedger = ["DOUBLEZERO_LEDGER": fixture.ledgerPath]
        let run = try await fixture.daemonVerb(["latency"], environment: withLedger)
        #expect(run.exitCode == 0, "\(run.allOutput)")
        let lines = run.standardOutput.split(separator: "\n")
        #expect(Self.cells(lines[0]) == ["Pubkey", "Code", "IP", "Min", "Max", "Avg", "reachable"])
        let ams = fixture.devices["ams-dz01"]!.base58
        let fra = fixture.devices["fra-dz01"]!.base58
        #expect(
            lines.dropFirst().map { Self.cells($0) } == [
                [ams, "ams-dz01", "45.0.1.1", "1.00ms", "1.40ms", "1.20ms", "true"],
                [ams, "ams-dz01", "45.0.1.2", "1.20ms", "1.60ms", "1.40ms", "true"],
                [fra, "fra-dz01", "45.0.2.1", "3.00ms", "3.40ms", "3.20ms", "true"],
                [fra, "fra-dz01", "45.0.2.9", "0.00ms", "0.00ms", "0.00ms", "false"],
            ])
        // Without a ledger nothing can be filtered: the unknown device shows too.
        let unfiltered = try await fixture.daemonVerb(["latency"])
        #expect(unfiltered.standardOutput.contains("gone-dz01"))

        let json = try await fixture.daemonVerb(["latency", "--json"], environment: withLedger)
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(rows.count == 4)
        #expect(
            Set(rows[0].keys) == [
                "device_pk", "device_code", "device_ip", "min_latency_ns", "max_latency_ns", "avg_latency_ns",
                "reachable",
            ])
        #expect(rows[0]["min_latency_ns"] as? Int == 1_000_000)
        #expect(rows[0]["device_ip"] as? String == "45.0.1.1")
    }

    @Test("latency's errors: the daemon still probing, and no activated device")
    func latencyErrors() async throws {
        let fixture = try await DaemonVerbFixture()
        defer { Task { await fixture.tearDown() } }
        fixture.backend.with { $0.latency = LatencyReport(ready: true, results: []) }
        let none = try await fixture.daemonVerb(["latency"])
        #expect(none.exitCode == 1)
        #expect(none.standardError == "Error: No activated devices found\n")
        fixture.backend.with { $0.latency = .notReady }
        let probing = try await fixture.daemonVerb(["latency", "--ready-wait", "1"])
        #expect(probing.exitCode == 1)
        #expect(
            probing.standardError
                == "Error: Timed out waiting for daemon to finish probing devices. The daemon may still be starting "
                + "up — try again in a few seconds.\n")
    }

    @Test("routes: upstream's columns, explicit nulls in JSON, and `No routes found`")
    func routes() async throws {
        let fixture = try await DaemonVerbFixture()
        defer { Task { await fixture.tearDown() } }
        let empty = try await fixture.daemonVerb(["routes"])
        #expect(empty.exitCode == 1)
        #expect(empty.standardError == "Error: No routes found\n")
        fixture.backend.with { contents in
            contents.routes = [
                RouteRecord(network: "localnet", localIP: "203.0.113.10", peerIP: "192.0.2.9", kernelState: .present),
                RouteRecord(
                    network: "localnet", localIP: "203.0.113.10", peerIP: "192.0.2.5", kernelState: .present,
                    livenessLastUpdated: "2025-11-08T12:34:56Z", livenessState: "down", livenessStateReason: "timeout",
                    livenessExpectedKernelState: .absent, livenessPeerMode: "passive", peerClientVersion: "0.8.6"),
            ]
        }
        let run = try await fixture.daemonVerb(["routes"])
        #expect(run.exitCode == 0, "\(run.allOutput)")
        let lines = run.standardOutput.split(separator: "\n")
        #expect(
            Self.cells(lines[0]) == [
                "Network", "Local IP", "Peer IP", "Kernel State", "Liveness Last Updated", "Liveness State",
                "Liveness State Reason", "Peer Client Version",
            ])
        #expect(
            Self.cells(lines[1]) == [
                "localnet", "203.0.113.10", "192.0.2.5", "present", "2025-11-08T12:34:56Z", "down", "timeout", "0.8.6",
            ])
        #expect(Self.cells(lines[2]) == ["localnet", "203.0.113.10", "192.0.2.9", "present", "", "", "", ""])
        let json = try await fixture.daemonVerb(["routes", "--json"])
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[1]["liveness_state"] is NSNull)
        #expect(rows[1]["peer_client_version"] is NSNull)
        #expect(rows[0]["liveness_expected_kernel_state"] as? String == "absent")
        #expect(rows[1].keys.count == 10)
    }
}
