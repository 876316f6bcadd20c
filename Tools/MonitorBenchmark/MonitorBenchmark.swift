import BenchmarkNetwork
import BenchmarkSupport
import Foundation
import Ledger
import LedgerClient
import Models
import MonitorService

/// `make bench-monitor`: how long the monitor takes to evaluate every check, and to render the
/// devices page, on a large ledger.
///
/// The ledger (``BenchmarkNetwork``) has `--devices` (100) devices with `--users` (100) users each
/// (10,000 users; per-type limit 64, counters matching). One evaluation is what the monitor does
/// on every ledger change: count users per device, rebuild the Allocator's pools and audit them,
/// and run every check (``NetworkChecks``). One page render builds the devices page from the
/// resulting view and renders it through the layout to HTML, as the server does per request.
/// After a warm-up, `--runs` (15) of each are timed; the medians are reported, with a baseline
/// measured in the same run: copying every entity into a fresh ledger state (the least any
/// evaluation of this ledger must touch). Figures are printed last, one per line:
/// `monitor.evaluate_ms`, `monitor.page_ms`, `monitor.evaluate_vs_copy`.
@main
struct MonitorBenchmark {
    /// Command-line options.
    struct Options {
        var devices = 100
        var users = 100
        var runs = 15

        init(arguments: [String]) throws {
            try WholeNumberFlags<Self>(["--devices": \.devices, "--users": \.users, "--runs": \.runs])
                .parse(arguments, into: &self)
            guard (1...250).contains(devices) else { throw BenchmarkError("--devices must be from 1 to 250") }
            guard (1...128).contains(users) else { throw BenchmarkError("--users must be from 1 to 128") }
            guard runs >= 1 else { throw BenchmarkError("--runs must be at least 1") }
        }
    }

    static func main() {
        exitOnFailure("monitor-bench") { try run(Options(arguments: CommandLine.arguments)) }
    }

    static func run(_ options: Options) throws {
        let network = BenchmarkNetwork.snapshot(
            devices: options.devices, usersPerDevice: options.users, maxUsersPerType: 64)
        var entities: [Entity] = [.globalConfig(network.globalConfig)]
        entities += network.exchanges.map(Entity.exchange) + network.devices.map(Entity.device)
        entities += network.links.map(Entity.link) + network.users.map(Entity.user)
        entities += network.multicastGroups.map(Entity.multicastGroup)
        var state = LedgerState()
        for entity in entities { state.put(entity) }
        print(
            "ledger: \(state.devices.count) devices, \(state.users.count) users, \(state.links.count) links, "
                + "\(state.exchanges.count) exchanges")

        let checks = NetworkChecks()
        var book = AlertBook()
        var view: MonitorView?
        func evaluate() -> Duration {
            let clock = ContinuousClock()
            let start = clock.now
            let input = NetworkChecks.Input(state: state, now: Date())
            let findings = checks.evaluate(input)
            _ = book.update(with: findings, at: input.now)
            let elapsed = clock.now - start
            view = MonitorView(
                sequence: 1, evaluatedAt: input.now, evaluationTime: elapsed, state: input.state, tally: input.tally,
                pools: input.pools, clock: input.clock, openAlerts: book.openAlerts, history: book.history,
                follow: LedgerFollowStatus(), fetches: nil, thresholds: checks.thresholds)
            return elapsed
        }
        func copy() -> Duration {
            let clock = ContinuousClock()
            let start = clock.now
            var fresh = LedgerState()
            for entity in entities { fresh.put(entity) }
            precondition(fresh.users.count == state.users.count)
            return clock.now - start
        }
        let renderer = try DashboardRenderer()
        var bytes = 0
        func render() throws -> Duration {
            guard let view else { throw BenchmarkError("no view evaluated") }
            let clock = ContinuousClock()
            let start = clock.now
            let page = DevicesPage(view: view, query: [:])
            bytes = renderer.document(page).utf8.count
            return clock.now - start
        }

        _ = evaluate()
        _ = copy()
        _ = try render()
        print("open alerts: \(book.openAlerts.count) (\(Set(book.openAlerts.map(\.finding.kind.rawValue)).sorted()))")
        for alert in book.openAlerts.prefix(3) { print("  e.g. \(alert.finding.message)") }
        var evaluations: [Double] = []
        var copies: [Double] = []
        var pages: [Double] = []
        for number in 1...options.runs {
            let copied = copy().inMilliseconds
            let evaluated = evaluate().inMilliseconds
            let rendered = try render().inMilliseconds
            copies.append(copied)
            evaluations.append(evaluated)
            pages.append(rendered)
            print(
                String(
                    format: "run %d: evaluate %.2f ms, copy %.2f ms, devices page %.2f ms (%d bytes)", number,
                    evaluated,
                    copied, rendered, bytes))
        }
        print(String(format: "monitor.evaluate_ms: %.2f ms", median(evaluations)))
        print(String(format: "monitor.page_ms: %.2f ms", median(pages)))
        print(String(format: "monitor.evaluate_vs_copy: %.2f x", median(evaluations) / median(copies)))
    }
}
