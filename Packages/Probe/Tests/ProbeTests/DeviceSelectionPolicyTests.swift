import Models
import Testing

@testable import Probe

/// Every rule of `DeviceSelectionPolicy`, one table row per rule or error message.
@Suite("Device selection policy")
struct DeviceSelectionPolicyTests {
    typealias F = SelectionFixtures

    /// What a row expects.
    enum Outcome: Sendable {
        /// Placed on this device and endpoint for this reason.
        case placed(String, IPv4Address, TunnelPlacement.Reason)
        /// Refused with exactly this message.
        case failed(String)
    }

    /// One row of the table.
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        var tunnelType: UserType = .ibrl
        let devices: [Device]
        let latencies: [ProbeResult]
        var current: (code: String, endpoint: IPv4Address)? = nil
        let outcome: Outcome
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        // Rules 3 and 4: first tunnel, lowest minimum RTT.
        Row(
            name: "first tunnel: lowest minimum RTT wins",
            devices: [F.device("ams", "203.0.113.1"), F.device("fra", "203.0.113.2"), F.device("lon", "203.0.113.3")],
            latencies: [
                F.latency("ams", "203.0.113.1", 3), F.latency("fra", "203.0.113.2", 1, average: 9),
                F.latency("lon", "203.0.113.3", 2),
            ],
            outcome: .placed("fra", "203.0.113.2", .lowestLatency)),
        Row(
            name: "first tunnel: equal minimum, lower average wins",
            devices: [F.device("ams", "203.0.113.1"), F.device("fra", "203.0.113.2")],
            latencies: [
                F.latency("ams", "203.0.113.1", 2, average: 4), F.latency("fra", "203.0.113.2", 2, average: 3),
            ],
            outcome: .placed("fra", "203.0.113.2", .lowestLatency)),
        Row(
            name: "first tunnel: full tie goes to the lower device code",
            devices: [F.device("fra", "203.0.113.2"), F.device("ams", "203.0.113.1")],
            latencies: [F.latency("fra", "203.0.113.2", 2), F.latency("ams", "203.0.113.1", 2)],
            outcome: .placed("ams", "203.0.113.1", .lowestLatency)),
        Row(
            name: "first tunnel: the fastest endpoint of a device is used (UTE loopback beats public IP)",
            devices: [F.device("ams", "203.0.113.1", endpoints: ["198.51.100.1"])],
            latencies: [F.latency("ams", "203.0.113.1", 4), F.latency("ams", "198.51.100.1", 3)],
            outcome: .placed("ams", "198.51.100.1", .lowestLatency)),
        // Rule 2: unreachable and unmeasured endpoints are never chosen.
        Row(
            name: "unreachable results are never chosen",
            devices: [F.device("ams", "203.0.113.1", endpoints: ["198.51.100.1"]), F.device("fra", "203.0.113.2")],
            latencies: [
                F.latency("ams", "203.0.113.1", nil), F.latency("ams", "198.51.100.1", 9),
                F.latency("fra", "203.0.113.2", nil),
            ],
            outcome: .placed("ams", "198.51.100.1", .lowestLatency)),
        Row(
            name: "an unmeasured endpoint is not chosen, a measured one is",
            devices: [F.device("ams", "203.0.113.1", endpoints: ["198.51.100.1"])],
            latencies: [F.latency("ams", "203.0.113.1", 8)],
            outcome: .placed("ams", "203.0.113.1", .lowestLatency)),
        Row(
            name: "a repeated measurement counts with its best reachable row",
            devices: [F.device("ams", "203.0.113.1"), F.device("fra", "203.0.113.2")],
            latencies: [
                F.latency("ams", "203.0.113.1", nil), F.latency("ams", "203.0.113.1", 1),
                F.latency("fra", "203.0.113.2", 2),
            ],
            outcome: .placed("ams", "203.0.113.1", .lowestLatency)),
        Row(
            name: "endpoints of pending interfaces take no tunnels",
            devices: [F.device("ams", "203.0.113.1", endpoints: ["198.51.100.1"], endpointStatus: .pending)],
            latencies: [F.latency("ams", "203.0.113.1", 5), F.latency("ams", "198.51.100.1", 1)],
            outcome: .placed("ams", "203.0.113.1", .lowestLatency)),
        // Rule 1: candidates.
        Row(
            name: "a faster device that is not activated is passed over",
            devices: [F.device("ams", "203.0.113.1", status: .drained), F.device("fra", "203.0.113.2")],
            latencies: [F.latency("ams", "203.0.113.1", 1), F.latency("fra", "203.0.113.2", 7)],
            outcome: .placed("fra", "203.0.113.2", .lowestLatency)),
        Row(
            name: "a faster transit device is passed over",
            devices: [F.device("ams", "203.0.113.1", type: .transit), F.device("fra", "203.0.113.2", type: .edge)],
            latencies: [F.latency("ams", "203.0.113.1", 1), F.latency("fra", "203.0.113.2", 7)],
            outcome: .placed("fra", "203.0.113.2", .lowestLatency)),
        Row(
            name: "a multicast limit of 0 means no multicast slots",
            tunnelType: .multicast,
            devices: [F.device("ams", "203.0.113.1", maxMulticast: 0), F.device("fra", "203.0.113.2")],
            latencies: [F.latency("ams", "203.0.113.1", 1), F.latency("fra", "203.0.113.2", 7)],
            outcome: .placed("fra", "203.0.113.2", .lowestLatency)),
        Row(
            name: "a unicast limit of 0 does not close multicast",
            tunnelType: .multicast,
            devices: [F.device("ams", "203.0.113.1", maxUnicast: 0), F.device("fra", "203.0.113.2")],
            latencies: [F.latency("ams", "203.0.113.1", 1), F.latency("fra", "203.0.113.2", 7)],
            outcome: .placed("ams", "203.0.113.1", .lowestLatency)),
        Row(
            name: "a device full for the type is passed over (all unicast types share the slots)",
            tunnelType: .edgeFiltering,
            devices: [
                F.device("ams", "203.0.113.1", maxUnicast: 2, unicastUsers: 2),
                F.device("fra", "203.0.113.2", maxUnicast: 2, unicastUsers: 1),
            ],
            latencies: [F.latency("ams", "203.0.113.1", 1), F.latency("fra", "203.0.113.2", 7)],
            outcome: .placed("fra", "203.0.113.2", .lowestLatency)),
        Row(
            name: "a device full for unicast still takes multicast",
            tunnelType: .multicast,
            devices: [F.device("ams", "203.0.113.1", maxUnicast: 2, unicastUsers: 2), F.device("fra", "203.0.113.2")],
            latencies: [F.latency("ams", "203.0.113.1", 1), F.latency("fra", "203.0.113.2", 7)],
            outcome: .placed("ams", "203.0.113.1", .lowestLatency)),
        // Rule 5a: second tunnel on another endpoint of the current device.
        Row(
            name: "second tunnel: another endpoint of the current device, even when another device is faster",
            tunnelType: .multicast,
            devices: [F.device("ams", "203.0.113.1", endpoints: ["198.51.100.1"]), F.device("fra", "203.0.113.2")],
            latencies: [
                F.latency("ams", "203.0.113.1", 4), F.latency("ams", "198.51.100.1", 5),
                F.latency("fra", "203.0.113.2", 1),
            ],
            current: ("ams", "203.0.113.1"),
            outcome: .placed("ams", "198.51.100.1", .otherEndpointOfCurrentDevice)),
        Row(
            name: "second tunnel: endpoint 0.0.0.0 means the public IP is in use",
            tunnelType: .multicast,
            devices: [F.device("ams", "203.0.113.1", endpoints: ["198.51.100.1"])],
            latencies: [F.latency("ams", "203.0.113.1", 1), F.latency("ams", "198.51.100.1", 5)],
            current: ("ams", "0.0.0.0"),
            outcome: .placed("ams", "198.51.100.1", .otherEndpointOfCurrentDevice)),
        Row(
            name: "second tunnel: the best of several free endpoints of the current device",
            devices: [F.device("ams", "203.0.113.1", endpoints: ["198.51.100.1", "198.51.100.2"])],
            latencies: [
                F.latency("ams", "203.0.113.1", 1), F.latency("ams", "198.51.100.1", 6),
                F.latency("ams", "198.51.100.2", 5),
            ],
            current: ("ams", "203.0.113.1"),
            outcome: .placed("ams", "198.51.100.2", .otherEndpointOfCurrentDevice)),
        // Rule 5b: second tunnel on a nearby device.
        Row(
            name: "second tunnel: no other endpoint, the lowest-latency device within 5 ms",
            tunnelType: .multicast,
            devices: [
                F.device("ams", "203.0.113.1"), F.device("fra", "203.0.113.2"), F.device("lon", "203.0.113.3"),
            ],
            latencies: [
                F.latency("ams", "203.0.113.1", 10), F.latency("fra", "203.0.113.2", 14),
                F.latency("lon", "203.0.113.3", 12),
            ],
            current: ("ams", "203.0.113.1"),
            outcome: .placed("lon", "203.0.113.3", .nearbyDevice(currentDeviceRTT: .milliseconds(10)))),
        Row(
            name: "second tunnel: exactly 5 ms above the current device is within",
            devices: [F.device("ams", "203.0.113.1"), F.device("fra", "203.0.113.2")],
            latencies: [F.latency("ams", "203.0.113.1", 10), F.latency("fra", "203.0.113.2", 15)],
            current: ("ams", "203.0.113.1"),
            outcome: .placed("fra", "203.0.113.2", .nearbyDevice(currentDeviceRTT: .milliseconds(10)))),
        Row(
            name: "second tunnel: a faster other device is fine too",
            devices: [F.device("ams", "203.0.113.1"), F.device("fra", "203.0.113.2")],
            latencies: [F.latency("ams", "203.0.113.1", 10), F.latency("fra", "203.0.113.2", 2)],
            current: ("ams", "203.0.113.1"),
            outcome: .placed("fra", "203.0.113.2", .nearbyDevice(currentDeviceRTT: .milliseconds(10)))),
        Row(
            name: "second tunnel: current device without multicast slots sends it to a nearby device",
            tunnelType: .multicast,
            devices: [
                F.device("ams", "203.0.113.1", endpoints: ["198.51.100.1"], maxMulticast: 0),
                F.device("fra", "203.0.113.2"),
            ],
            latencies: [
                F.latency("ams", "203.0.113.1", 3), F.latency("ams", "198.51.100.1", 3),
                F.latency("fra", "203.0.113.2", 4),
            ],
            current: ("ams", "203.0.113.1"),
            outcome: .placed("fra", "203.0.113.2", .nearbyDevice(currentDeviceRTT: .milliseconds(3)))),
        Row(
            name: "second tunnel: an unreachable other endpoint of the current device is not chosen",
            devices: [F.device("ams", "203.0.113.1", endpoints: ["198.51.100.1"]), F.device("fra", "203.0.113.2")],
            latencies: [
                F.latency("ams", "203.0.113.1", 3), F.latency("ams", "198.51.100.1", nil),
                F.latency("fra", "203.0.113.2", 6),
            ],
            current: ("ams", "203.0.113.1"),
            outcome: .placed("fra", "203.0.113.2", .nearbyDevice(currentDeviceRTT: .milliseconds(3)))),
        Row(
            name: "second tunnel: a slower free endpoint of the current device still comes first",
            devices: [F.device("ams", "203.0.113.1", endpoints: ["198.51.100.1"]), F.device("fra", "203.0.113.2")],
            latencies: [
                F.latency("ams", "203.0.113.1", 9), F.latency("ams", "198.51.100.1", 2),
                F.latency("fra", "203.0.113.2", 6),
            ],
            current: ("ams", "198.51.100.1"),
            // ams's public IP is free but 9 ms: rule 5a still takes it (same device first).
            outcome: .placed("ams", "203.0.113.1", .otherEndpointOfCurrentDevice)),
        // The current device is full, so rule 5b compares with its fastest reachable endpoint
        // (2 ms), not the slower one carrying the tunnel nor the public IP (9 ms).
        Row(
            name: "second tunnel: the reference is the current device's fastest reachable endpoint",
            tunnelType: .multicast,
            devices: [
                F.device("ams", "203.0.113.1", endpoints: ["198.51.100.1"], multicastUsers: 48),
                F.device("fra", "203.0.113.2"),
            ],
            latencies: [
                F.latency("ams", "203.0.113.1", 9), F.latency("ams", "198.51.100.1", 2),
                F.latency("fra", "203.0.113.2", 6),
            ],
            current: ("ams", "203.0.113.1"),
            outcome: .placed("fra", "203.0.113.2", .nearbyDevice(currentDeviceRTT: .milliseconds(2)))),
        Row(
            name: "second tunnel: measured from the fastest endpoint, a device 8 ms away is too far",
            tunnelType: .multicast,
            devices: [
                F.device("ams", "203.0.113.1", endpoints: ["198.51.100.1"], multicastUsers: 48),
                F.device("fra", "203.0.113.2"),
            ],
            latencies: [
                F.latency("ams", "203.0.113.1", 9), F.latency("ams", "198.51.100.1", 2),
                F.latency("fra", "203.0.113.2", 8),
            ],
            current: ("ams", "203.0.113.1"),
            // Measured from the 9 ms public IP, fra would be within 5 ms.
            outcome: .failed(
                """
                no device can take a second tunnel (multicast) next to the one on ams:
                  ams: no free multicast slot (48/48 in use)
                  fra: min RTT 8.000 ms is more than 5.000 ms above the current device's 2.000 ms
                """)),

        // Error messages.
        Row(
            name: "error: no devices at all",
            devices: [], latencies: [],
            outcome: .failed("no device can take a unicast tunnel: no devices are known")),
        Row(
            name: "error: every first-tunnel refusal reason, one line per device",
            tunnelType: .multicast,
            devices: [
                F.device("a-pending", "203.0.113.1", status: .pending),
                F.device("b-transit", "203.0.113.2", type: .transit),
                F.device("c-closed", "203.0.113.3", maxMulticast: 0),
                F.device("d-full", "203.0.113.4", maxMulticast: 48, multicastUsers: 48),
                F.device("e-unprobed", "203.0.113.5"),
                F.device("f-silent", "203.0.113.6"),
                F.device("g-silent", "203.0.113.7", endpoints: ["198.51.100.7"]),
            ],
            latencies: [
                F.latency("a-pending", "203.0.113.1", 1), F.latency("f-silent", "203.0.113.6", nil),
                F.latency("g-silent", "203.0.113.7", nil), F.latency("g-silent", "198.51.100.7", nil),
            ],
            outcome: .failed(
                """
                no device can take a multicast tunnel:
                  a-pending: not activated (status pending)
                  b-transit: transit device, takes no user tunnels
                  c-closed: takes no multicast tunnels (limit 0)
                  d-full: no free multicast slot (48/48 in use)
                  e-unprobed: no latency measurement for any endpoint
                  f-silent: unreachable (its endpoint did not answer)
                  g-silent: unreachable (none of its 2 endpoints answered)
                """)),
        Row(
            name: "error: second tunnel, current device used up and every other device too far",
            tunnelType: .multicast,
            devices: [
                F.device("ams", "203.0.113.1", endpoints: ["198.51.100.1"]), F.device("fra", "203.0.113.2"),
                F.device("lon", "203.0.113.3", maxMulticast: 0),
            ],
            latencies: [
                F.latency("ams", "203.0.113.1", 3.1), F.latency("ams", "198.51.100.1", nil),
                F.latency("fra", "203.0.113.2", 8.2), F.latency("lon", "203.0.113.3", 3.5),
            ],
            current: ("ams", "203.0.113.1"),
            outcome: .failed(
                """
                no device can take a second tunnel (multicast) next to the one on ams:
                  ams: every reachable endpoint is already used by this client (203.0.113.1)
                  fra: min RTT 8.200 ms is more than 5.000 ms above the current device's 3.100 ms
                  lon: takes no multicast tunnels (limit 0)
                """)),
        Row(
            name: "error: second tunnel, current device unreachable so nothing compares",
            devices: [F.device("ams", "203.0.113.1", unicastUsers: 48), F.device("fra", "203.0.113.2")],
            latencies: [F.latency("ams", "203.0.113.1", nil), F.latency("fra", "203.0.113.2", 2)],
            current: ("ams", "203.0.113.1"),
            outcome: .failed(
                """
                no device can take a second tunnel (unicast) next to the one on ams:
                  ams: no free unicast slot (48/48 in use)
                  fra: cannot compare latencies: the current device ams has no reachable measurement
                """)),
        Row(
            name: "error: the current tunnel's device is unknown",
            devices: [F.device("fra", "203.0.113.2")],
            latencies: [F.latency("fra", "203.0.113.2", 2)],
            current: ("zzz", "203.0.113.9"),
            outcome: .failed(
                "the device \(F.key("zzz")) of the client's current tunnel is not among the known devices")),
    ]

    @Test("selection rules", arguments: rows)
    func selection(_ row: Row) {
        let current = row.current.map { CurrentTunnel(device: F.key($0.code), endpoint: $0.endpoint) }
        let result = Result { () throws(DeviceSelectionError) -> TunnelPlacement in
            try DeviceSelectionPolicy.rfc13.select(
                tunnelType: row.tunnelType, devices: row.devices, latencies: row.latencies, currentTunnel: current)
        }
        switch (row.outcome, result) {
        case (.placed(let code, let endpoint, let reason), .success(let placement)):
            #expect(placement.deviceCode == code)
            #expect(placement.device == F.key(code))
            #expect(placement.endpoint == endpoint)
            #expect(placement.reason == reason)
            #expect(placement.statistics.reachable)
        case (.failed(let message), .failure(let error)):
            #expect(error.description == message)
        case (.placed, .failure(let error)):
            Issue.record("expected a placement, got: \(error)")
        case (.failed, .success(let placement)):
            Issue.record("expected an error, got \(placement.deviceCode) \(placement.endpoint)")
        }
    }

    @Test("the result does not depend on the order of devices or measurements")
    func orderIndependent() throws {
        let devices = [
            F.device("ams", "203.0.113.1"), F.device("fra", "203.0.113.2"), F.device("lon", "203.0.113.3"),
        ]
        let latencies = [
            F.latency("ams", "203.0.113.1", 2), F.latency("fra", "203.0.113.2", 2), F.latency("lon", "203.0.113.3", 2),
        ]
        let forward = try DeviceSelectionPolicy.rfc13.select(tunnelType: .ibrl, devices: devices, latencies: latencies)
        let backward = try DeviceSelectionPolicy.rfc13.select(
            tunnelType: .ibrl, devices: devices.reversed(), latencies: latencies.reversed())
        #expect(forward == backward)
        #expect(forward.deviceCode == "ams")
    }

    @Test("the tolerance is a parameter of the policy")
    func customTolerance() throws {
        let devices = [F.device("ams", "203.0.113.1"), F.device("fra", "203.0.113.2")]
        let latencies = [F.latency("ams", "203.0.113.1", 10), F.latency("fra", "203.0.113.2", 15)]
        let current = CurrentTunnel(device: F.key("ams"), endpoint: "203.0.113.1")
        let strict = DeviceSelectionPolicy(nearbyTolerance: .milliseconds(1))
        #expect(throws: DeviceSelectionError.self) {
            try strict.select(tunnelType: .ibrl, devices: devices, latencies: latencies, currentTunnel: current)
        }
        let placement = try DeviceSelectionPolicy.rfc13.select(
            tunnelType: .ibrl, devices: devices, latencies: latencies, currentTunnel: current)
        #expect(placement.deviceCode == "fra")
    }
}
