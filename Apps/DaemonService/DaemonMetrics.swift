import CoreMetrics
import Models
import Synchronization

/// doublezerod's metrics under upstream's names, recorded through the swift-metrics API (the
/// executable exports them to Prometheus at `/metrics` when `--metrics-enable` is given).
///
/// | metric | type | dimensions |
/// |---|---|---|
/// | `doublezero_build_info` | gauge (1) | version, commit, date |
/// | `doublezero_session_is_up` | gauge | — |
/// | `doublezero_session_established_duration_seconds` | timer (histogram) | peer_ip |
/// | `doublezero_bgp_handle_update_duration_seconds` | timer (histogram) | — |
/// | `doublezero_bgp_routes_installed` | gauge | src, next_hop |
/// | `doublezero_reconciler_polls_total` | counter | status (success, error) |
/// | `doublezero_reconciler_provisions_total`, `_removals_total`, `_updates_total` | counter | service_type, status |
/// | `doublezero_reconciler_matched_users` | gauge | service_type |
/// | `doublezero_connection_info` | gauge (1) | user_type, network, current_device, metro, tunnel_name, tunnel_src, tunnel_dst |
/// | `doublezero_connection_rtt_nanoseconds`, `doublezero_connection_loss_percentage` | gauge | user_type, network, current_device, metro |
/// | `doublezero_onchain_fetch_duration_seconds` | timer (histogram) | — |
/// | `doublezero_onchain_fetch_total` | counter | result (success, error_stale, error_no_cache) |
/// | `doublezero_onchain_stale_cache_age_seconds` | gauge | — |
/// | `doublezero_latency_rtt_{min,avg,max}_nanoseconds`, `doublezero_latency_loss_percentage`, `doublezero_latency_reachable` | gauge (only when latency gauges are on) | device_pk, device_code, device_ip |
///
/// Series of connections and devices that went away are destroyed, so a scrape shows only what is.
public final class DaemonMetrics: Sendable {
    /// The outcome of one ledger fetch, as upstream's `result` label spells it.
    public enum FetchResult: String, Sendable {
        /// Fresh data.
        case success
        /// The fetch failed; the last good snapshot was used.
        case errorStale = "error_stale"
        /// The fetch failed and there was nothing to fall back to.
        case errorNoCache = "error_no_cache"
    }

    private let factory: any MetricsFactory
    /// Whether per-device latency gauges are recorded (`--enable-latency-metrics`).
    public let latencyGauges: Bool
    private let sessionIsUp: Gauge
    private let staleCacheAge: Gauge
    private let series = Mutex<[String: Set<[String]>]>([:])

    /// Metrics recorded through `factory` (default: the process's bootstrapped metrics system).
    public init(factory: any MetricsFactory = MetricsSystem.factory, latencyGauges: Bool = false) {
        self.factory = factory
        self.latencyGauges = latencyGauges
        sessionIsUp = Gauge(label: "doublezero_session_is_up", factory: factory)
        staleCacheAge = Gauge(label: "doublezero_onchain_stale_cache_age_seconds", factory: factory)
    }

    /// Records `doublezero_build_info` = 1 for this build.
    public func recordBuildInfo(version: String, commit: String, date: String) {
        Gauge(
            label: "doublezero_build_info", dimensions: [("version", version), ("commit", commit), ("date", date)],
            factory: factory
        ).record(1)
    }

    /// Brings the connection gauges up to date with the provisioned `services`:
    /// `doublezero_session_is_up` is 1 when any session is up; one `doublezero_connection_info`
    /// (and RTT and loss) series per service.
    public func recordConnections(_ services: [ServiceReport], network: String) {
        sessionIsUp.record(services.contains { $0.session.state == .up } ? 1 : 0)
        var info: [[(String, String)]] = []
        var quality: [[(String, String)]] = []
        for service in services {
            let base = [
                ("user_type", service.userType.apiName), ("network", network),
                ("current_device", service.currentDevice), ("metro", service.metro),
            ]
            let infoDimensions =
                base + [
                    ("tunnel_name", service.tunnelName), ("tunnel_src", service.tunnelSource?.description ?? ""),
                    ("tunnel_dst", service.tunnelDestination?.description ?? ""),
                ]
            Gauge(label: "doublezero_connection_info", dimensions: infoDimensions, factory: factory).record(1)
            Gauge(label: "doublezero_connection_rtt_nanoseconds", dimensions: base, factory: factory)
                .record(Double(service.currentDeviceRTTNanoseconds))
            Gauge(label: "doublezero_connection_loss_percentage", dimensions: base, factory: factory)
                .record(service.currentDeviceLossPercentage)
            info.append(infoDimensions)
            quality.append(base)
        }
        keepOnly(info, of: ["doublezero_connection_info"])
        keepOnly(quality, of: ["doublezero_connection_rtt_nanoseconds", "doublezero_connection_loss_percentage"])
    }

    /// Records every tunnel's figures (refreshed before each scrape): `doublezero_tunnel_bytes` and
    /// `doublezero_tunnel_packets` by `direction` (`rx`, `tx`), `doublezero_tunnel_bgp_state` (1 for the
    /// current `state`), `doublezero_tunnel_bgp_uptime_seconds`, `doublezero_tunnel_bgp_reconnects`,
    /// `doublezero_tunnel_rtt_nanoseconds` and `doublezero_tunnel_loss_percentage`, all by `tunnel_name`.
    /// Tunnels that went away disappear.
    public func recordTunnels(_ samples: [TunnelSample]) {
        var byTunnel: [[(String, String)]] = []
        var byDirection: [[(String, String)]] = []
        var byState: [[(String, String)]] = []
        for sample in samples {
            let tunnel = [("tunnel_name", sample.tunnelName)]
            for (direction, bytes, packets) in [
                ("rx", sample.receivedBytes, sample.receivedPackets), ("tx", sample.sentBytes, sample.sentPackets),
            ] {
                let dimensions = tunnel + [("direction", direction)]
                Gauge(label: "doublezero_tunnel_bytes", dimensions: dimensions, factory: factory).record(Double(bytes))
                Gauge(label: "doublezero_tunnel_packets", dimensions: dimensions, factory: factory)
                    .record(Double(packets))
                byDirection.append(dimensions)
            }
            for state in SessionState.allCases where state != .disconnected {
                let dimensions = tunnel + [("state", state.rawValue)]
                Gauge(label: "doublezero_tunnel_bgp_state", dimensions: dimensions, factory: factory)
                    .record(state == sample.sessionState ? 1 : 0)
                byState.append(dimensions)
            }
            Gauge(label: "doublezero_tunnel_bgp_uptime_seconds", dimensions: tunnel, factory: factory)
                .record(sample.sessionUptimeSeconds)
            Gauge(label: "doublezero_tunnel_bgp_reconnects", dimensions: tunnel, factory: factory)
                .record(Double(sample.reconnects))
            Gauge(label: "doublezero_tunnel_rtt_nanoseconds", dimensions: tunnel, factory: factory)
                .record(Double(sample.rttNanoseconds))
            Gauge(label: "doublezero_tunnel_loss_percentage", dimensions: tunnel, factory: factory)
                .record(sample.lossPercentage)
            byTunnel.append(tunnel)
        }
        keepOnly(byDirection, of: ["doublezero_tunnel_bytes", "doublezero_tunnel_packets"])
        keepOnly(byState, of: ["doublezero_tunnel_bgp_state"])
        keepOnly(
            byTunnel,
            of: [
                "doublezero_tunnel_bgp_uptime_seconds", "doublezero_tunnel_bgp_reconnects",
                "doublezero_tunnel_rtt_nanoseconds", "doublezero_tunnel_loss_percentage",
            ])
    }

    /// Records the per-device latency gauges (when ``latencyGauges`` is on) for the latest `results`.
    public func recordLatency(_ results: [LatencyResult]) {
        guard latencyGauges else { return }
        let labels = [
            "doublezero_latency_rtt_min_nanoseconds", "doublezero_latency_rtt_avg_nanoseconds",
            "doublezero_latency_rtt_max_nanoseconds", "doublezero_latency_loss_percentage",
            "doublezero_latency_reachable",
        ]
        var seen: [[(String, String)]] = []
        for result in results {
            let dimensions = [
                ("device_pk", result.devicePubkey.base58), ("device_code", result.deviceCode),
                ("device_ip", result.deviceIP.description),
            ]
            let values = [
                Double(result.minLatencyNanoseconds), Double(result.averageLatencyNanoseconds),
                Double(result.maxLatencyNanoseconds), result.lossPercentage, result.reachable ? 1 : 0,
            ]
            for (label, value) in zip(labels, values) {
                Gauge(label: label, dimensions: dimensions, factory: factory).record(value)
            }
            seen.append(dimensions)
        }
        keepOnly(seen, of: labels)
    }

    /// Records how long a BGP session with `peer` took to establish.
    public func sessionEstablished(peer: IPv4Address, after duration: Duration) {
        Timer(
            label: "doublezero_session_established_duration_seconds", dimensions: [("peer_ip", peer.description)],
            factory: factory
        ).record(duration: duration)
    }

    /// Records how long handling one BGP UPDATE took.
    public func bgpUpdateHandled(in duration: Duration) {
        Timer(label: "doublezero_bgp_handle_update_duration_seconds", factory: factory).record(duration: duration)
    }

    /// Records the number of installed BGP routes per (source, next hop).
    public func recordInstalledRoutes(_ counts: [RouteKey: Int]) {
        var seen: [[(String, String)]] = []
        for (key, count) in counts {
            let dimensions = [("src", key.source.description), ("next_hop", key.nextHop.description)]
            Gauge(label: "doublezero_bgp_routes_installed", dimensions: dimensions, factory: factory)
                .record(Double(count))
            seen.append(dimensions)
        }
        keepOnly(seen, of: ["doublezero_bgp_routes_installed"])
    }

    /// A (source, next hop) pair of installed routes.
    public struct RouteKey: Sendable, Hashable {
        /// The routes' preferred source (the service's DoubleZero IP).
        public var source: IPv4Address
        /// The routes' gateway (the device's overlay address).
        public var nextHop: IPv4Address

        /// A key with the given fields.
        public init(source: IPv4Address, nextHop: IPv4Address) {
            self.source = source
            self.nextHop = nextHop
        }
    }

    /// Counts one reconciler poll.
    public func countReconcilerPoll(succeeded: Bool) {
        Counter(
            label: "doublezero_reconciler_polls_total", dimensions: [("status", Self.status(succeeded))],
            factory: factory
        ).increment()
    }

    /// Counts one provisioning by the reconciler.
    public func countProvision(_ serviceClass: ServiceClass, succeeded: Bool) {
        countReconcilerAction("doublezero_reconciler_provisions_total", serviceClass, succeeded)
    }

    /// Counts one removal by the reconciler.
    public func countRemoval(_ serviceClass: ServiceClass, succeeded: Bool) {
        countReconcilerAction("doublezero_reconciler_removals_total", serviceClass, succeeded)
    }

    /// Counts one incremental update (multicast groups) by the reconciler.
    public func countUpdate(_ serviceClass: ServiceClass, succeeded: Bool) {
        countReconcilerAction("doublezero_reconciler_updates_total", serviceClass, succeeded)
    }

    /// Records how many of the ledger's users the last reconcile matched to this host, per class.
    public func recordMatchedUsers(_ serviceClass: ServiceClass, count: Int) {
        Gauge(
            label: "doublezero_reconciler_matched_users", dimensions: [("service_type", serviceClass.rawValue)],
            factory: factory
        ).record(Double(count))
    }

    /// Records one ledger fetch: its duration and its outcome.
    public func ledgerFetched(in duration: Duration, result: FetchResult) {
        Timer(label: "doublezero_onchain_fetch_duration_seconds", factory: factory).record(duration: duration)
        Counter(label: "doublezero_onchain_fetch_total", dimensions: [("result", result.rawValue)], factory: factory)
            .increment()
    }

    /// Records the age of the stale snapshot in use (0 when fresh).
    public func recordStaleCacheAge(seconds: Double) {
        staleCacheAge.record(seconds)
    }

    private func countReconcilerAction(_ label: String, _ serviceClass: ServiceClass, _ succeeded: Bool) {
        Counter(
            label: label, dimensions: [("service_type", serviceClass.rawValue), ("status", Self.status(succeeded))],
            factory: factory
        ).increment()
    }

    private static func status(_ succeeded: Bool) -> String { succeeded ? "success" : "error" }

    /// Destroys the gauges of `labels` whose dimensions were recorded before but are not in `current`.
    private func keepOnly(_ current: [[(String, String)]], of labels: [String]) {
        let key = labels.joined(separator: ",")
        let flat = Set(current.map { $0.flatMap { [$0.0, $0.1] } })
        let gone = series.withLock { known -> Set<[String]> in
            let gone = (known[key] ?? []).subtracting(flat)
            known[key] = flat
            return gone
        }
        for dimensions in gone {
            let pairs = stride(from: 0, to: dimensions.count, by: 2).map { (dimensions[$0], dimensions[$0 + 1]) }
            for label in labels { Gauge(label: label, dimensions: pairs, factory: factory).destroy() }
        }
    }
}
