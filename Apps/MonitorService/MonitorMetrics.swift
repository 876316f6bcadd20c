import CoreMetrics
import Models
import Synchronization

/// The monitor's metrics, recorded through the swift-metrics API after every evaluation (the
/// executable exports them to Prometheus at `GET /metrics`).
///
/// Upstream's monitor counts each tick a violation persists; this one keeps gauges of what is
/// open now (`doublezero_monitor_alerts_open`), which an alert rule reads directly, and a counter
/// of alerts ever opened.
///
/// | metric | type | dimensions | meaning |
/// |---|---|---|---|
/// | `doublezero_monitor_entities` | gauge | kind, status | ledger entities by kind and status |
/// | `doublezero_monitor_device_users` | gauge | device_code, type | users holding a slot on a device, by user type |
/// | `doublezero_monitor_device_user_slots` | gauge | device_code, family | users holding a unicast or multicast slot |
/// | `doublezero_monitor_device_user_limit` | gauge | device_code, family | the device's unicast or multicast limit |
/// | `doublezero_monitor_pool_allocated` | gauge | pool | values allocated in a pool |
/// | `doublezero_monitor_pool_capacity` | gauge | pool | values a pool can hold |
/// | `doublezero_monitor_pool_utilisation_ratio` | gauge | pool | allocated / capacity |
/// | `doublezero_monitor_alerts_open` | gauge | kind, severity | open alerts (every kind, 0 when none) |
/// | `doublezero_monitor_alerts_opened_total` | counter | kind | alerts opened since start |
/// | `doublezero_monitor_ledger_sequence` | gauge | — | the ledger sequence the evaluation reflects |
/// | `doublezero_monitor_ledger_head` | gauge | — | the newest sequence received from the ledger |
/// | `doublezero_monitor_follow_lag` | gauge | — | entries received and not yet applied |
/// | `doublezero_monitor_evaluation_seconds` | gauge | — | how long the last evaluation took |
/// | `doublezero_monitor_evaluations_total` | counter | — | evaluations run |
public final class MonitorMetrics: Sendable {
    private struct Families {
        var entities: GaugeFamily
        var deviceUsers: GaugeFamily
        var deviceSlots: GaugeFamily
        var deviceLimits: GaugeFamily
        var poolAllocated: GaugeFamily
        var poolCapacity: GaugeFamily
        var poolRatio: GaugeFamily
    }

    private let factory: any MetricsFactory
    private let families: Mutex<Families>
    private let alertsOpen: [AlertKind: Gauge]
    private let sequence: Gauge
    private let head: Gauge
    private let lag: Gauge
    private let evaluationSeconds: Gauge
    private let evaluations: Counter

    /// Metrics recorded through `factory` (default: the process's bootstrapped metrics system).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        families = Mutex(
            Families(
                entities: GaugeFamily("doublezero_monitor_entities", dimensions: ["kind", "status"], factory: factory),
                deviceUsers: GaugeFamily(
                    "doublezero_monitor_device_users", dimensions: ["device_code", "type"], factory: factory),
                deviceSlots: GaugeFamily(
                    "doublezero_monitor_device_user_slots", dimensions: ["device_code", "family"], factory: factory),
                deviceLimits: GaugeFamily(
                    "doublezero_monitor_device_user_limit", dimensions: ["device_code", "family"], factory: factory),
                poolAllocated: GaugeFamily("doublezero_monitor_pool_allocated", dimensions: ["pool"], factory: factory),
                poolCapacity: GaugeFamily("doublezero_monitor_pool_capacity", dimensions: ["pool"], factory: factory),
                poolRatio: GaugeFamily(
                    "doublezero_monitor_pool_utilisation_ratio", dimensions: ["pool"], factory: factory)))
        alertsOpen = Dictionary(
            uniqueKeysWithValues: AlertKind.allCases.map { kind in
                (
                    kind,
                    Gauge(
                        label: "doublezero_monitor_alerts_open",
                        dimensions: [("kind", kind.rawValue), ("severity", kind.severity.rawValue)], factory: factory)
                )
            })
        sequence = Gauge(label: "doublezero_monitor_ledger_sequence", factory: factory)
        head = Gauge(label: "doublezero_monitor_ledger_head", factory: factory)
        lag = Gauge(label: "doublezero_monitor_follow_lag", factory: factory)
        evaluationSeconds = Gauge(label: "doublezero_monitor_evaluation_seconds", factory: factory)
        evaluations = Counter(label: "doublezero_monitor_evaluations_total", factory: factory)
        for gauge in alertsOpen.values { gauge.record(0) }
    }

    /// Records what `view` shows.
    public func record(_ view: MonitorView, opened: [Alert]) {
        var entities: [[String]: Double] = [:]
        for exchange in view.state.exchanges.values {
            entities[["exchange", exchange.status.rawValue], default: 0] += 1
        }
        for device in view.state.devices.values { entities[["device", device.status.rawValue], default: 0] += 1 }
        for link in view.state.links.values { entities[["link", link.status.rawValue], default: 0] += 1 }
        for (status, count) in view.tally.usersByStatus { entities[["user", status.rawValue]] = Double(count) }
        for group in view.state.multicastGroups.values {
            entities[["multicast_group", group.status.rawValue], default: 0] += 1
        }
        var users: [[String]: Double] = [:]
        var slots: [[String]: Double] = [:]
        var limits: [[String]: Double] = [:]
        for device in view.state.devices.values {
            let held = view.tally[device.pubkey]
            for type in UserType.allCases { users[[device.code, type.rawValue]] = Double(held.count(of: type)) }
            slots[[device.code, "unicast"]] = Double(held.unicast)
            slots[[device.code, "multicast"]] = Double(held.multicast)
            limits[[device.code, "unicast"]] = Double(device.maxUnicastUsers)
            limits[[device.code, "multicast"]] = Double(device.maxMulticastUsers)
        }
        var allocated: [[String]: Double] = [:]
        var capacity: [[String]: Double] = [:]
        var ratio: [[String]: Double] = [:]
        for pool in view.pools.pools {
            allocated[[pool.name]] = Double(pool.utilisation.allocated)
            capacity[[pool.name]] = Double(pool.utilisation.capacity)
            ratio[[pool.name]] = pool.utilisation.fraction
        }
        families.withLock { families in
            families.entities.record(entities)
            families.deviceUsers.record(users)
            families.deviceSlots.record(slots)
            families.deviceLimits.record(limits)
            families.poolAllocated.record(allocated)
            families.poolCapacity.record(capacity)
            families.poolRatio.record(ratio)
        }
        var open: [AlertKind: Int] = [:]
        for alert in view.openAlerts { open[alert.finding.kind, default: 0] += 1 }
        for (kind, gauge) in alertsOpen { gauge.record(Double(open[kind] ?? 0)) }
        for alert in opened {
            Counter(
                label: "doublezero_monitor_alerts_opened_total", dimensions: [("kind", alert.finding.kind.rawValue)],
                factory: factory
            ).increment()
        }
        sequence.record(Double(view.sequence))
        head.record(Double(max(view.follow.receivedSequence, view.sequence)))
        lag.record(Double(view.follow.lag))
        evaluationSeconds.record(NetworkChecks.seconds(view.evaluationTime))
        evaluations.increment()
    }
}
