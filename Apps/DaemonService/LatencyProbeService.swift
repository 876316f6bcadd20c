import Logging
import Models
import Probe
import ServiceLifecycle
import Synchronization

/// Measures the latency to every device the ledger lists (`reference/client.md` §3.1): ICMP echo to
/// each device's public IP and user-tunnel-endpoint interfaces (Probe's ``ICMPEchoProber``, upstream's
/// 3 probes 1 s apart within 10 s), one pass at a time over one socket.
///
/// A pass runs when the device set is first known, every ``probeInterval`` after that (every
/// ``unreachableRetryInterval`` while no device answered), and as soon as the device set changes
/// (addresses added or removed). Each pass replaces the results; ``report`` is `ready` after the first.
public actor LatencyProbeService: Service {
    /// The steady time between passes (upstream: 300 s).
    public nonisolated let probeInterval: Duration
    /// The time between passes while nothing is reachable (upstream: 30 s).
    public nonisolated let unreachableRetryInterval: Duration
    /// Whether user-tunnel-endpoint interfaces are probed besides public IPs.
    public nonisolated let includeTunnelEndpoints: Bool
    private nonisolated let devices = Mutex<[Device]?>(nil)
    private nonisolated let bell: AsyncStream<Void>
    private nonisolated let bellRinger: AsyncStream<Void>.Continuation
    private let configuration: ICMPEchoProber.Configuration
    private let metrics: DaemonMetrics
    private let logger: Logger
    private var latest = LatencyReport.notReady

    /// A prober; nothing runs before ``run()`` and the first ``devicesChanged(_:)``.
    public init(
        probeInterval: Duration = .seconds(300), unreachableRetryInterval: Duration = .seconds(30),
        includeTunnelEndpoints: Bool = true, configuration: ICMPEchoProber.Configuration = .upstream,
        metrics: DaemonMetrics = DaemonMetrics(), logger: Logger = Logger(label: "doublezero.daemon.latency")
    ) {
        self.probeInterval = probeInterval
        self.unreachableRetryInterval = min(unreachableRetryInterval, probeInterval)
        self.includeTunnelEndpoints = includeTunnelEndpoints
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        (bell, bellRinger) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// The latest results.
    public var report: LatencyReport { latest }

    /// Hands over the ledger's devices; a pass follows at once if their addresses changed.
    public nonisolated func devicesChanged(_ devices: [Device]) {
        let targets = ProbeTarget.targets(for: devices, includeTunnelEndpoints: includeTunnelEndpoints)
        let changed = self.devices.withLock { current in
            let before = current.map { ProbeTarget.targets(for: $0, includeTunnelEndpoints: includeTunnelEndpoints) }
            current = devices
            return before != targets
        }
        if changed { bellRinger.yield() }
    }

    /// Probes until graceful shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.runUntilCancelled() }
    }

    /// Probes on schedule and on device changes until cancelled.
    public func runUntilCancelled() async {
        let ringer = bellRinger
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in self.bell { await self.pass() }
            }
            group.addTask {
                while !Task.isCancelled {
                    let delay = await self.nextDelay
                    do { try await Task.sleep(for: delay) } catch { return }
                    ringer.yield()
                }
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// How long until the next scheduled pass.
    private var nextDelay: Duration {
        latest.ready && !latest.results.contains(where: \.reachable) ? unreachableRetryInterval : probeInterval
    }

    /// One pass over every target of the current devices.
    func pass() async {
        guard let devices = devices.withLock({ $0 }) else { return }
        let targets = ProbeTarget.targets(for: devices, includeTunnelEndpoints: includeTunnelEndpoints)
        let results: [ProbeResult]
        do {
            let prober = try ICMPEchoProber(socket: ICMPSocket(.automatic), configuration: configuration)
            results = targets.isEmpty ? [] : try await prober.probe(targets)
        } catch {
            logger.warning("latency pass failed", metadata: ["error": "\(error)"])
            return
        }
        latest = LatencyReport(ready: true, results: results.map(LatencyResult.init))
        metrics.recordLatency(latest.results)
        logger.debug(
            "latency pass done",
            metadata: [
                "latency.targets": "\(targets.count)",
                "latency.reachable": "\(latest.results.filter(\.reachable).count)",
            ])
    }
}

extension LatencyResult {
    /// The row of one probe result (unreachable rows carry zero RTTs, as upstream).
    init(_ result: ProbeResult) {
        let statistics = result.statistics
        func nanoseconds(_ duration: Duration?) -> UInt64 {
            guard let duration, statistics.reachable else { return 0 }
            let (seconds, attoseconds) = duration.components
            return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds / 1_000_000_000))
        }
        self.init(
            devicePubkey: result.target.device, deviceIP: result.target.address, deviceCode: result.target.deviceCode,
            minLatencyNanoseconds: nanoseconds(statistics.minimum),
            maxLatencyNanoseconds: nanoseconds(statistics.maximum),
            averageLatencyNanoseconds: nanoseconds(statistics.average),
            lossPercentage: statistics.lossFraction * 100, interfaceName: result.target.interfaceName,
            reachable: statistics.reachable)
    }
}
