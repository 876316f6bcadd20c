import BenchmarkSupport
import Foundation
import Ledger
import LedgerClient
import LedgerServer
import Logging
import Models

/// `ledger.submit_p99_under_scans_ms`: how long a submit over HTTP takes (99th percentile)
/// while `scanners` clients keep running filtered scans over `entities` access passes.
///
/// One ledger file is filled with `entities` access passes (embedded, before the clock), then
/// served on loopback. Each scanner loops `GET /v1/entities/access_pass?client_ip=<a random
/// pass's IP>` (every scan reads the whole kind and returns one entity); meanwhile one client
/// submits `submitsPerRun` new access passes one after another, timing each. The figure is the
/// median over `runs` of each run's p99; the scans completed per second are printed beside it.
enum ScanLoadBenchmark {
    /// The scenario's size.
    struct Options {
        var entities = 10_000
        var scanners = 8
        var submitsPerRun = 300
        var runs = 3
    }

    /// One run's submit latency p99 and scan rate.
    struct RunFigures {
        var submitP99Milliseconds: Double
        var scansPerSecond: Double
    }

    /// Runs the scenario and prints its figure lines.
    static func run(_ options: Options) async throws {
        let workload = Workload(count: options.entities + options.submitsPerRun * options.runs)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // The workload is signed up front, and a scan-loaded run may outlast a transaction's
        // 120 s window: the ledger's clock stays at the signing time (the check costs the same).
        let signedAt = TransactionValidity.now()
        let ledger = try LedgerService(
            path: directory.path + "/ledger.sqlite", creating: workload.genesis, clock: { signedAt })
        for transaction in workload.setup { _ = try await ledger.submit(transaction) }
        for wire in workload.wires.prefix(options.entities) {
            _ = try await ledger.submit(try SignedTransaction(wire: wire))
        }
        var timed = try workload.wires.dropFirst(options.entities).map { try SignedTransaction(wire: $0) }[...]

        var logger = Logger(label: "doublezero.ledger.bench")
        logger.logLevel = .critical
        let server = LedgerHTTPServer(
            ledger: ledger, configuration: LedgerServerConfiguration(host: "127.0.0.1", port: 0), logger: logger)
        let serving = Task { try await server.run() }
        defer { serving.cancel() }
        let address = try await server.listeningAddress()
        // Separate clients, so the submitter never waits for a pooled connection a scan holds.
        let scanClient = try RemoteLedger(url: address.url)
        let submitClient = try RemoteLedger(url: address.url)
        let scans = ScanCount()
        let scanning = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<options.scanners {
                    group.addTask {
                        while !Task.isCancelled {
                            let index = UInt32.random(in: 0..<UInt32(options.entities))
                            let filter = EntityFilter(["client_ip": "\(IPv4Address(0x2C00_0000 + index + 1))"])
                            let found = try await scanClient.entities(of: .accessPass, matching: filter)
                            guard found.count == 1 else { throw BenchmarkError("a scan found \(found.count) passes") }
                            scans.add()
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        try await Task.sleep(for: .milliseconds(500))  // the scans are running

        var runs: [RunFigures] = []
        for run in 1...options.runs {
            let clock = ContinuousClock()
            let scansBefore = scans.value
            let start = clock.now
            var latencies: [Duration] = []
            for transaction in timed.prefix(options.submitsPerRun) {
                let began = clock.now
                _ = try await submitClient.submit(transaction)
                latencies.append(clock.now - began)
            }
            timed = timed.dropFirst(options.submitsPerRun)
            latencies.sort()
            let p99 = latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))]
            let figures = RunFigures(
                submitP99Milliseconds: p99.inMilliseconds,
                scansPerSecond: Double(scans.value - scansBefore) / (clock.now - start).inSeconds)
            runs.append(figures)
            print(
                String(
                    format: "scan load run %d/%d: submit p50 %.2f ms, p99 %.2f ms, max %.2f ms; %.0f scans/s",
                    run, options.runs, latencies[latencies.count / 2].inMilliseconds, figures.submitP99Milliseconds,
                    latencies[latencies.count - 1].inMilliseconds, figures.scansPerSecond))
        }
        scanning.cancel()
        _ = await scanning.result
        try await scanClient.shutdown()
        try await submitClient.shutdown()
        await ledger.close()
        print(
            "scan load: \(options.entities) access passes, \(options.scanners) scanning clients, "
                + "\(options.submitsPerRun) submits per run")
        print(String(format: "ledger.submit_p99_under_scans_ms: %.2f ms", median(runs.map(\.submitP99Milliseconds))))
        print(String(format: "ledger.scans_per_s_under_submits: %.0f scans/s", median(runs.map(\.scansPerSecond))))
    }
}

/// Scans completed, counted from every scanning task.
final class ScanCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// Counts one scan.
    func add() { lock.withLock { count += 1 } }

    /// The scans counted so far.
    var value: Int { lock.withLock { count } }
}
