import DaemonService
import MetricsTestKit
import Models
import Testing

/// doublezerod's metrics carry upstream's names and labels, and series that went away are destroyed.
@Suite("Daemon metrics")
struct DaemonMetricsTests {
    @Test("build info, reconciler counters and gauges, fetches and BGP timers")
    func names() throws {
        let test = TestMetrics()
        let metrics = DaemonMetrics(factory: test)
        metrics.recordBuildInfo(version: "1.2.3", commit: "abc", date: "2026-01-01")
        #expect(
            try test.expectGauge(
                "doublezero_build_info", [("version", "1.2.3"), ("commit", "abc"), ("date", "2026-01-01")]
            ).lastValue == 1)
        metrics.countReconcilerPoll(succeeded: true)
        metrics.countReconcilerPoll(succeeded: false)
        #expect(try test.expectCounter("doublezero_reconciler_polls_total", [("status", "success")]).totalValue == 1)
        #expect(try test.expectCounter("doublezero_reconciler_polls_total", [("status", "error")]).totalValue == 1)
        metrics.countProvision(.unicast, succeeded: true)
        metrics.countRemoval(.multicast, succeeded: false)
        metrics.countUpdate(.multicast, succeeded: true)
        #expect(
            try test.expectCounter(
                "doublezero_reconciler_provisions_total", [("service_type", "unicast"), ("status", "success")]
            ).totalValue == 1)
        #expect(
            try test.expectCounter(
                "doublezero_reconciler_removals_total", [("service_type", "multicast"), ("status", "error")]
            ).totalValue == 1)
        #expect(
            try test.expectCounter(
                "doublezero_reconciler_updates_total", [("service_type", "multicast"), ("status", "success")]
            ).totalValue == 1)
        metrics.recordMatchedUsers(.unicast, count: 1)
        #expect(
            try test.expectGauge("doublezero_reconciler_matched_users", [("service_type", "unicast")]).lastValue == 1)
        metrics.ledgerFetched(in: .milliseconds(30), result: .errorStale)
        #expect(try test.expectCounter("doublezero_onchain_fetch_total", [("result", "error_stale")]).totalValue == 1)
        #expect(try test.expectTimer("doublezero_onchain_fetch_duration_seconds").lastValue == 30_000_000)
        metrics.recordStaleCacheAge(seconds: 12)
        #expect(try test.expectGauge("doublezero_onchain_stale_cache_age_seconds").lastValue == 12)
        metrics.sessionEstablished(peer: "169.254.0.0", after: .seconds(2))
        #expect(
            try test.expectTimer("doublezero_session_established_duration_seconds", [("peer_ip", "169.254.0.0")])
                .lastValue == 2_000_000_000)
        metrics.bgpUpdateHandled(in: .microseconds(5))
        #expect(try test.expectTimer("doublezero_bgp_handle_update_duration_seconds").lastValue == 5_000)
        metrics.recordInstalledRoutes([DaemonMetrics.RouteKey(source: "203.0.113.10", nextHop: "169.254.0.0"): 3])
        #expect(
            try test.expectGauge(
                "doublezero_bgp_routes_installed", [("src", "203.0.113.10"), ("next_hop", "169.254.0.0")]
            ).lastValue == 3)
    }

    @Test("connection gauges follow the services; a removed service's series are destroyed")
    func connections() throws {
        let test = TestMetrics()
        let metrics = DaemonMetrics(factory: test)
        let service = ServiceReport(
            userType: .ibrl, tunnelSource: "203.0.113.10", tunnelDestination: "198.51.100.7",
            doubleZeroIP: "203.0.113.10", session: SessionStatus(state: .up, lastUpdate: 1), currentDevice: "ny5-dz01",
            currentDeviceRTTNanoseconds: 812_345, currentDeviceLossPercentage: 0.5, metro: "New York")
        metrics.recordConnections([service], network: "testnet")
        #expect(try test.expectGauge("doublezero_session_is_up").lastValue == 1)
        let base = [
            ("user_type", "IBRL"), ("network", "testnet"), ("current_device", "ny5-dz01"), ("metro", "New York"),
        ]
        let info =
            base + [("tunnel_name", "doublezero0"), ("tunnel_src", "203.0.113.10"), ("tunnel_dst", "198.51.100.7")]
        #expect(try test.expectGauge("doublezero_connection_info", info).lastValue == 1)
        #expect(try test.expectGauge("doublezero_connection_rtt_nanoseconds", base).lastValue == 812_345)
        #expect(try test.expectGauge("doublezero_connection_loss_percentage", base).lastValue == 0.5)

        metrics.recordConnections([], network: "testnet")
        #expect(try test.expectGauge("doublezero_session_is_up").lastValue == 0)
        #expect(throws: (any Error).self) { try test.expectGauge("doublezero_connection_info", info) }
        #expect(throws: (any Error).self) { try test.expectGauge("doublezero_connection_rtt_nanoseconds", base) }
    }

    @Test("latency gauges only when enabled, per device address")
    func latency() throws {
        let device = PublicKey(uncheckedBytes: [UInt8](repeating: 3, count: 32))
        let result = LatencyResult(
            devicePubkey: device, deviceIP: "198.51.100.7", deviceCode: "ny5-dz01", minLatencyNanoseconds: 1,
            maxLatencyNanoseconds: 3, averageLatencyNanoseconds: 2, lossPercentage: 0, reachable: true)
        let off = TestMetrics()
        DaemonMetrics(factory: off, latencyGauges: false).recordLatency([result])
        #expect(throws: (any Error).self) { try off.expectGauge("doublezero_latency_reachable") }

        let on = TestMetrics()
        let metrics = DaemonMetrics(factory: on, latencyGauges: true)
        metrics.recordLatency([result])
        let dimensions = [("device_pk", device.base58), ("device_code", "ny5-dz01"), ("device_ip", "198.51.100.7")]
        #expect(try on.expectGauge("doublezero_latency_rtt_min_nanoseconds", dimensions).lastValue == 1)
        #expect(try on.expectGauge("doublezero_latency_rtt_avg_nanoseconds", dimensions).lastValue == 2)
        #expect(try on.expectGauge("doublezero_latency_rtt_max_nanoseconds", dimensions).lastValue == 3)
        #expect(try on.expectGauge("doublezero_latency_loss_percentage", dimensions).lastValue == 0)
        #expect(try on.expectGauge("doublezero_latency_reachable", dimensions).lastValue == 1)
        metrics.recordLatency([])
        #expect(throws: (any Error).self) { try on.expectGauge("doublezero_latency_reachable", dimensions) }
    }

    @Test(
        "per-tunnel figures: traffic each way, BGP state as one-hot, uptime, reconnects, RTT and loss; gone tunnels destroyed"
    )
    func tunnels() throws {
        let test = TestMetrics()
        let metrics = DaemonMetrics(factory: test)
        let sample = TunnelSample(
            tunnelName: "doublezero0", receivedBytes: 1_000, sentBytes: 2_000, receivedPackets: 10, sentPackets: 20,
            sessionState: .up, sessionUptimeSeconds: 42, reconnects: 3, rttNanoseconds: 1_500_000, lossPercentage: 5)
        metrics.recordTunnels([sample])
        let tunnel = [("tunnel_name", "doublezero0")]
        #expect(try test.expectGauge("doublezero_tunnel_bytes", tunnel + [("direction", "rx")]).lastValue == 1_000)
        #expect(try test.expectGauge("doublezero_tunnel_bytes", tunnel + [("direction", "tx")]).lastValue == 2_000)
        #expect(try test.expectGauge("doublezero_tunnel_packets", tunnel + [("direction", "tx")]).lastValue == 20)
        #expect(
            try test.expectGauge("doublezero_tunnel_bgp_state", tunnel + [("state", "BGP Session Up")]).lastValue == 1)
        #expect(
            try test.expectGauge("doublezero_tunnel_bgp_state", tunnel + [("state", "BGP Session Down")]).lastValue
                == 0)
        #expect(try test.expectGauge("doublezero_tunnel_bgp_uptime_seconds", tunnel).lastValue == 42)
        #expect(try test.expectGauge("doublezero_tunnel_bgp_reconnects", tunnel).lastValue == 3)
        #expect(try test.expectGauge("doublezero_tunnel_rtt_nanoseconds", tunnel).lastValue == 1_500_000)
        #expect(try test.expectGauge("doublezero_tunnel_loss_percentage", tunnel).lastValue == 5)
        metrics.recordTunnels([])
        #expect(throws: (any Error).self) { try test.expectGauge("doublezero_tunnel_bgp_uptime_seconds", tunnel) }
        #expect(throws: (any Error).self) {
            try test.expectGauge("doublezero_tunnel_bytes", tunnel + [("direction", "rx")])
        }
    }
}
