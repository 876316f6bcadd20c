import ActivatorService
import BenchmarkSupport
import Foundation
import Ledger
import Logging
import Models

/// `make bench-activator`: how fast the activator turns pending users into activated ones,
/// against an embedded ledger with the activator running in-process.
///
/// 1. Steady: users created one by one at `--rate` (200) per second, `--steady-users` (10,000)
///    of them; the delay of each from just before its creation was submitted to its activation
///    appearing in the log gives p50 and p99.
/// 2. Burst: `--burst-users` (10,000) users created as fast as `--concurrency` writers can; the
///    time from the first creation to the last activation gives the total and the rate.
///
/// Each of `--runs` (3) runs starts from a fresh ledger; each figure is the median over the runs.
/// Access passes and devices are set up before any clock starts. Figures are printed last, one
/// per line: `activator.activations_per_s`, `activator.p50_ms`, `activator.p99_ms`,
/// `activator.total_10k_s`.
@main
struct ActivatorBenchmark {
    /// Command-line options.
    struct Options {
        var steadyUsers = 10_000
        var rate = 200
        var runs = 3
        var burstUsers = 10_000
        var concurrency = 16

        init(arguments: [String]) throws {
            try WholeNumberFlags<Self>([
                "--steady-users": \.steadyUsers, "--rate": \.rate, "--burst-users": \.burstUsers,
                "--concurrency": \.concurrency, "--runs": \.runs,
            ]).parse(arguments, into: &self)
        }
    }

    static func main() async {
        await exitOnFailure("activator-bench") { try await run(Options(arguments: CommandLine.arguments)) }
    }

    /// The figures of one run.
    struct Figures {
        var activationsPerSecond: Double
        var p50Milliseconds: Double
        var p99Milliseconds: Double
        var totalSeconds: Double
    }

    static func run(_ options: Options) async throws {
        var runs: [Figures] = []
        for number in 1...options.runs {
            let figures = try await measure(options)
            print(
                String(
                    format: "run %d: %.0f activations/s, p50 %.2f ms, p99 %.2f ms, 10k burst %.2f s", number,
                    figures.activationsPerSecond, figures.p50Milliseconds, figures.p99Milliseconds,
                    figures.totalSeconds))
            runs.append(figures)
        }
        print(
            String(
                format: "activator.activations_per_s: %.0f activations/s", median(runs.map(\.activationsPerSecond))))
        print(String(format: "activator.p50_ms: %.2f ms", median(runs.map(\.p50Milliseconds))))
        print(String(format: "activator.p99_ms: %.2f ms", median(runs.map(\.p99Milliseconds))))
        print(String(format: "activator.total_10k_s: %.2f s", median(runs.map(\.totalSeconds))))
    }

    /// One run on a fresh ledger.
    static func measure(_ options: Options) async throws -> Figures {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "activator-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let foundation = Keypair()
        let ledger = try LedgerService(
            path: directory.appendingPathComponent("ledger.sqlite").path,
            creating: LedgerGenesis(foundation: foundation.publicKey))
        let setup = try await BenchmarkNetwork(
            ledger: ledger, foundation: foundation, users: options.steadyUsers + options.burstUsers)
        var logger = Logger(label: "activator-bench")
        logger.logLevel = .warning
        let activator = Activator(ledger: ledger, keypair: setup.activatorKey, logger: logger)
        let running = Task { await activator.runUntilCancelled() }
        let watcher = ActivationWatcher()
        let head = try await ledger.head().sequence
        let watching = Task {
            for try await entry in ledger.follow(from: head + 1) {
                let now = ContinuousClock.now
                for change in entry.changes {
                    if case .user(let user)? = change.entity, user.status == .activated {
                        await watcher.activated(user.pubkey, at: now)
                    }
                }
            }
        }

        // The activator's start-up (reading the ledger, rebuilding the pools) is not measured.
        while !(await activator.isIdle(through: head)) { try await Task.sleep(for: .milliseconds(5)) }

        // Steady phase.
        print("steady: \(options.steadyUsers) users at \(options.rate)/s")
        let interval = Duration.seconds(1) / options.rate
        let steadyStart = ContinuousClock.now
        var delays: [Duration] = []
        var steadyKeys: [(PublicKey, ContinuousClock.Instant)] = []
        for index in 0..<options.steadyUsers {
            try await ContinuousClock().sleep(until: steadyStart + interval * index)
            let created = ContinuousClock.now
            steadyKeys.append((try await setup.createUser(index), created))
        }
        try await watcher.waitFor(steadyKeys.map(\.0), timeout: .seconds(60))
        for (key, created) in steadyKeys {
            if let activated = await watcher.activations[key] { delays.append(activated - created) }
        }
        delays.sort()

        // Burst phase.
        print("burst: \(options.burstUsers) users, \(options.concurrency) writers")
        let burstIndices = Array(options.steadyUsers..<(options.steadyUsers + options.burstUsers))
        let burstStart = ContinuousClock.now
        let burstKeys = try await withThrowingTaskGroup(of: [PublicKey].self) { group in
            for writer in 0..<options.concurrency {
                let mine = burstIndices.enumerated().filter { $0.offset % options.concurrency == writer }.map(\.element)
                group.addTask {
                    var keys: [PublicKey] = []
                    for index in mine { keys.append(try await setup.createUser(index)) }
                    return keys
                }
            }
            var all: [PublicKey] = []
            for try await keys in group { all += keys }
            return all
        }
        try await watcher.waitFor(burstKeys, timeout: .seconds(120))
        var lastActivation = burstStart
        for key in burstKeys {
            if let activated = await watcher.activations[key], activated > lastActivation { lastActivation = activated }
        }
        let total = lastActivation - burstStart
        running.cancel()
        watching.cancel()
        _ = await running.result
        await ledger.close()

        let statistics = await activator.statistics
        print("activator: \(statistics)")
        let totalSeconds = total.inSeconds
        func milliseconds(_ quantile: Double) -> Double {
            guard !delays.isEmpty else { return .nan }
            let value = delays[min(delays.count - 1, Int(Double(delays.count) * quantile))]
            return value.inMilliseconds
        }
        return Figures(
            activationsPerSecond: Double(options.burstUsers) / totalSeconds, p50Milliseconds: milliseconds(0.50),
            p99Milliseconds: milliseconds(0.99), totalSeconds: totalSeconds)
    }
}

/// When each user's activation appeared in the log.
actor ActivationWatcher {
    /// Activation instants by user key.
    private(set) var activations: [PublicKey: ContinuousClock.Instant] = [:]

    /// Records an activation (the first one seen counts).
    func activated(_ key: PublicKey, at instant: ContinuousClock.Instant) {
        if activations[key] == nil { activations[key] = instant }
    }

    /// Waits until every key in `keys` is activated.
    func waitFor(_ keys: [PublicKey], timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while !keys.allSatisfy({ activations[$0] != nil }) {
            guard ContinuousClock.now < deadline else {
                throw BenchmarkError(
                    "only \(keys.filter { activations[$0] != nil }.count) of \(keys.count) users activated in \(timeout)"
                )
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
