import Models
import Testing

@testable import Probe

/// Hysteresis: the margins and dwell of `ReselectionPolicy`, and `reselect` on top of selection.
@Suite("Reselection hysteresis")
struct ReselectionPolicyTests {
    typealias F = SelectionFixtures

    /// One row: policy, current RTT (ms, nil = unavailable), candidate RTT (ms), held (s), decision.
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let policy: ReselectionPolicy
        let current: Double?
        let candidate: Double
        let heldSeconds: Int64
        let decision: ReselectionPolicy.Decision
        var testDescription: String { name }
    }

    static func ms(_ value: Double) -> Duration { .microseconds(Int64((value * 1000).rounded())) }

    static let rows: [Row] = [
        Row(
            name: "DZ: 5 ms better is not enough", policy: .doubleZero, current: 20, candidate: 15, heldSeconds: 0,
            decision: .keep(.gainWithinAbsoluteMargin(gain: ms(5)))),
        Row(
            name: "DZ: 5.001 ms better switches at once", policy: .doubleZero, current: 20, candidate: 14.999,
            heldSeconds: 0, decision: .switchToCandidate(.lowerLatency(gain: ms(5.001)))),
        Row(
            name: "slower candidate is kept out", policy: .doubleZero, current: 10, candidate: 12, heldSeconds: 99,
            decision: .keep(.candidateNotFaster(gain: ms(-2)))),
        Row(
            name: "unavailable current device fails over immediately, ignoring dwell", policy: .netBird, current: nil,
            candidate: 50, heldSeconds: 0, decision: .switchToCandidate(.currentUnavailable)),
        Row(
            name: "Tailscale: 12 ms of 40 ms is under a third", policy: .tailscale, current: 40, candidate: 28,
            heldSeconds: 0, decision: .keep(.gainWithinRelativeMargin(gain: ms(12)))),
        Row(
            name: "Tailscale: 14 ms of 40 ms is over a third", policy: .tailscale, current: 40, candidate: 26,
            heldSeconds: 0, decision: .switchToCandidate(.lowerLatency(gain: ms(14)))),
        Row(
            name: "Tailscale: a third but under 10 ms", policy: .tailscale, current: 15, candidate: 6, heldSeconds: 0,
            decision: .keep(.gainWithinAbsoluteMargin(gain: ms(9)))),
        Row(
            name: "NetBird: margins met, dwell not", policy: .netBird, current: 100, candidate: 50, heldSeconds: 10,
            decision: .keep(.dwelling(remaining: .seconds(20)))),
        Row(
            name: "NetBird: margins met after the dwell", policy: .netBird, current: 100, candidate: 50,
            heldSeconds: 30, decision: .switchToCandidate(.lowerLatency(gain: ms(50)))),
        Row(
            name: "NetBird: 21 ms of 200 ms is under 20 %", policy: .netBird, current: 200, candidate: 179,
            heldSeconds: 60, decision: .keep(.gainWithinRelativeMargin(gain: ms(21)))),
    ]

    @Test("decisions", arguments: rows)
    func decisions(_ row: Row) {
        let decision = row.policy.decide(
            currentRTT: row.current.map(Self.ms), candidateRTT: Self.ms(row.candidate),
            heldFor: .seconds(row.heldSeconds))
        #expect(decision == row.decision)
    }

    @Test("reselect compares the current device with the best device for a new tunnel")
    func reselect() throws {
        let devices = [F.device("ams", "203.0.113.1"), F.device("fra", "203.0.113.2"), F.device("lon", "203.0.113.3")]
        let latencies = [
            F.latency("ams", "203.0.113.1", 20), F.latency("fra", "203.0.113.2", 12),
            F.latency("lon", "203.0.113.3", 30),
        ]
        let onAms = CurrentTunnel(device: F.key("ams"), endpoint: "203.0.113.1")
        let moved = try DeviceSelectionPolicy.rfc13.reselect(
            tunnelType: .ibrl, devices: devices, latencies: latencies, currentTunnel: onAms, heldFor: .zero,
            hysteresis: .doubleZero)
        #expect(moved.best.deviceCode == "fra")
        #expect(moved.currentRTT == .milliseconds(20))
        #expect(moved.decision == .switchToCandidate(.lowerLatency(gain: .milliseconds(8))))

        let kept = try DeviceSelectionPolicy.rfc13.reselect(
            tunnelType: .ibrl, devices: devices, latencies: latencies, currentTunnel: onAms, heldFor: .zero,
            hysteresis: .tailscale)
        #expect(kept.decision == .keep(.gainWithinAbsoluteMargin(gain: .milliseconds(8))))

        let onFra = CurrentTunnel(device: F.key("fra"), endpoint: "203.0.113.2")
        let best = try DeviceSelectionPolicy.rfc13.reselect(
            tunnelType: .ibrl, devices: devices, latencies: latencies, currentTunnel: onFra, heldFor: .zero,
            hysteresis: .doubleZero)
        #expect(best.decision == .keep(.candidateNotFaster(gain: .zero)))

        var drained = devices
        drained[0].status = .drained
        let failover = try DeviceSelectionPolicy.rfc13.reselect(
            tunnelType: .ibrl, devices: drained, latencies: latencies, currentTunnel: onAms, heldFor: .zero,
            hysteresis: .netBird)
        #expect(failover.currentRTT == nil)
        #expect(failover.decision == .switchToCandidate(.currentUnavailable))
    }
}
