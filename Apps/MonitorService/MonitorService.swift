import Foundation
import Ledger
import LedgerClient
import Logging
import Models
import ServiceLifecycle

/// The monitor: follows the ledger through the shared ``LedgerClient/LedgerFollowSession``,
/// evaluates every ``NetworkChecks`` rule on each change (at most once per ``minimumSpacing``)
/// and every ``MonitorConfiguration/interval`` (for the time-based checks and the controller's
/// metrics), keeps the alerts in an ``AlertBook``, logs each alert once when it opens and once
/// when it clears, records ``MonitorMetrics`` and puts the result in ``current`` for the
/// dashboard.
public actor MonitorService: Service, LedgerFollowConsumer {
    /// The entity kinds the checks and the dashboard read.
    public static let kinds: [EntityKind] = [
        .globalConfig, .location, .exchange, .contributor, .device, .link, .user, .multicastGroup,
    ]

    /// The ledger followed.
    public nonisolated let ledger: any LedgerAPI
    /// The view in service.
    public nonisolated let current: CurrentMonitorView
    /// Where it records metrics.
    public nonisolated let metrics: MonitorMetrics
    /// The checks.
    public nonisolated let checks: NetworkChecks
    /// How often the time-based checks run.
    public nonisolated let interval: Duration
    /// The least time between two evaluations caused by ledger changes.
    public nonisolated let minimumSpacing: Duration
    private let logger: Logger
    private let retryDelay: Duration
    private let scraper: ControllerMetricsScraper?
    private let now: @Sendable () -> Date

    private var state = LedgerState()
    private var sequence: UInt64 = 0
    private var loaded = false
    private var book: AlertBook
    private var clock = UserStatusClock()
    private var fetches: ConfigFetchWatch?
    private var doorbell: AsyncStream<Void>.Continuation?
    private var session: LedgerFollowSession?

    /// A monitor of `ledger`.
    ///
    /// - Parameters:
    ///   - ledger: the ledger (a file opened in this process, or a server).
    ///   - configuration: thresholds, interval, history size and the controller's metrics URL (its
    ///     ledger, host and port are the executable's).
    ///   - metrics: where it records.
    ///   - logger: where alerts and evaluations are logged.
    ///   - retryDelay: the first delay after a failed follow attempt.
    ///   - minimumSpacing: the least time between evaluations caused by ledger changes.
    ///   - now: the wall clock (tests move it).
    public init(
        ledger: any LedgerAPI, configuration: MonitorConfiguration, metrics: MonitorMetrics = MonitorMetrics(),
        logger: Logger = Logger(label: "doublezero.monitor"), retryDelay: Duration = .seconds(1),
        minimumSpacing: Duration = .milliseconds(100), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.ledger = ledger
        self.current = CurrentMonitorView()
        self.metrics = metrics
        self.checks = NetworkChecks(thresholds: configuration.thresholds)
        self.interval = configuration.interval
        self.minimumSpacing = minimumSpacing
        self.logger = logger
        self.retryDelay = retryDelay
        self.now = now
        self.book = AlertBook(historyLimit: configuration.historyLimit)
        if let url = configuration.controllerMetrics {
            scraper = ControllerMetricsScraper(url: url)
            fetches = ConfigFetchWatch(url: url)
        } else {
            scraper = nil
        }
    }

    /// Runs until graceful shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.runUntilCancelled() }
        await scraper?.shutdown()
    }

    /// Follows, evaluates and ticks until the task is cancelled.
    public func runUntilCancelled() async {
        let session = LedgerFollowSession(
            ledger: ledger, kinds: Self.kinds, consumer: self,
            backoff: ReconnectBackoff(initial: retryDelay, maximum: retryDelay * 10), logger: logger)
        self.session = session
        let (bell, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        doorbell = continuation
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await session.runUntilCancelled(alongside: bell) {
                    await self.evaluate()
                    try? await Task.sleep(for: self.minimumSpacing)
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    await self.scrapeController()
                    await self.ring()
                    do { try await Task.sleep(for: self.interval) } catch { break }
                }
            }
            await group.next()
            group.cancelAll()
        }
        doorbell?.finish()
        doorbell = nil
        self.session = nil
    }

    // MARK: - LedgerFollowConsumer

    /// Takes a fresh snapshot's entities and asks for an evaluation.
    public func start(from snapshot: LedgerSnapshot) {
        state = LedgerState(entities: snapshot.entities)
        sequence = snapshot.sequence
        loaded = true
        ring()
    }

    /// Applies the entries' changes and asks for an evaluation.
    public func apply(_ entries: [LogEntry]) {
        state.apply(entries, kinds: Set(Self.kinds))
        sequence = max(sequence, entries.last?.sequence ?? 0)
        ring()
    }

    // MARK: - Evaluation

    private func ring() { doorbell?.yield() }

    /// Reads the controller's request counters into the fetch watch (when configured).
    func scrapeController() async {
        guard let scraper else { return }
        do {
            let totals = try await scraper.requestTotals()
            fetches?.record(totals: totals, at: now())
        } catch {
            fetches?.recordFailure("\(error)", at: now())
        }
    }

    /// Runs every check on the current state now, updates the alerts, logs what opened and
    /// cleared, records the metrics and publishes the view. Does nothing before the ledger loaded.
    public func evaluate() async {
        guard loaded else { return }
        let clockStart = ContinuousClock.now
        let time = now()
        clock.observe(state, at: time)
        let input = NetworkChecks.Input(state: state, clock: clock, fetches: fetches, now: time)
        let findings = checks.evaluate(input)
        let transitions = book.update(with: findings, at: time)
        let elapsed = ContinuousClock.now - clockStart
        let view = MonitorView(
            sequence: sequence, evaluatedAt: time, evaluationTime: elapsed, state: input.state, tally: input.tally,
            pools: input.pools, clock: clock, openAlerts: book.openAlerts, history: book.history,
            follow: await session?.status ?? LedgerFollowStatus(), fetches: fetches, thresholds: checks.thresholds)
        for alert in transitions.opened {
            let level: Logger.Level = alert.finding.severity == .critical ? .error : .warning
            logger.log(level: level, "alert opened: \(alert.finding.message)", metadata: Self.metadata(alert))
        }
        for alert in transitions.cleared {
            logger.info(
                "alert cleared: \(alert.finding.kind.title) (\(alert.finding.subject))", metadata: Self.metadata(alert))
        }
        metrics.record(view, opened: transitions.opened)
        current.replace(with: view)
        logger.debug(
            "evaluated",
            metadata: [
                "ledger.sequence": "\(sequence)", "monitor.open_alerts": "\(view.openAlerts.count)",
                "monitor.evaluation": "\(elapsed)",
            ])
    }

    /// Loads `snapshot` and evaluates it at once (tests, and tools that hand the monitor a state
    /// the ledger would refuse to hold).
    public func evaluate(_ snapshot: LedgerSnapshot) async {
        start(from: snapshot)
        await evaluate()
    }

    private static func metadata(_ alert: Alert) -> Logger.Metadata {
        [
            "alert.kind": "\(alert.finding.kind.rawValue)", "alert.severity": "\(alert.finding.severity.rawValue)",
            "alert.subject": "\(alert.finding.subject)", "alert.first_seen": "\(alert.firstSeen)",
        ]
    }
}
