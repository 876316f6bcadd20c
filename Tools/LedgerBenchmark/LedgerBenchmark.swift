import BenchmarkSupport
import Foundation
import GRDB
import Ledger
import LedgerClient
import LedgerServer
import Logging
import Models

/// `make bench-ledger`: signed transactions per second into the ledger, embedded and over HTTP,
/// against plain SQLite single-row inserts with the same durability settings, measured in the
/// same run.
///
/// Every figure is the median of `--runs` runs; each run uses fresh files. Transactions are
/// signed before the clock starts (signing is the client's cost); the ledger's cost includes
/// signature verification, the replay check, the program and the durable append.
@main
struct LedgerBenchmark {
    struct Options {
        var transactions = 5_000
        var runs = 3
        var concurrency = 16

        init(arguments: [String]) throws {
            try WholeNumberFlags<Self>([
                "--transactions": \.transactions, "--runs": \.runs, "--concurrency": \.concurrency,
            ]).parse(arguments, into: &self)
        }
    }

    static func main() async {
        await exitOnFailure("ledger-bench") {
            let options = try Options(arguments: CommandLine.arguments)
            try await run(options)
        }
    }

    static func run(_ options: Options) async throws {
        var embedded: [Double] = []
        var http: [Double] = []
        var sqlite: [Double] = []
        for run in 1...options.runs {
            let workload = Workload(count: options.transactions)
            embedded.append(try await measureEmbedded(workload))
            http.append(try await measureHTTP(workload, concurrency: options.concurrency))
            sqlite.append(try measureSQLite(count: options.transactions, payloadBytes: workload.averageMessageBytes))
            print(
                "run \(run)/\(options.runs): embedded \(Int(embedded.last!)) tx/s, http \(Int(http.last!)) tx/s, sqlite \(Int(sqlite.last!)) inserts/s"
            )
        }
        let embeddedMedian = median(embedded)
        let sqliteMedian = median(sqlite)
        print(
            "transactions per run: \(options.transactions), runs: \(options.runs), http concurrency: \(options.concurrency)"
        )
        print("ledger.embedded_tx_per_s: \(Int(embeddedMedian)) tx/s")
        print("ledger.http_tx_per_s: \(Int(median(http))) tx/s")
        print("ledger.sqlite_insert_per_s: \(Int(sqliteMedian)) inserts/s")
        print("ledger.ratio_to_sqlite: \(String(format: "%.3f", embeddedMedian / sqliteMedian))")
        // The slowest refusal of a maximum-size hostile envelope (HostileEnvelopeBenchmark.swift).
        print(
            "ledger.hostile_envelope_ms: \(String(format: "%.3f", try HostileEnvelopeBenchmark.worstMilliseconds())) ms"
        )
        try await ScanLoadBenchmark.run(ScanLoadBenchmark.Options(runs: options.runs))  // submit p99 under scans
    }

    /// Submits the workload one transaction at a time into a ledger file opened in-process.
    static func measureEmbedded(_ workload: Workload) async throws -> Double {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ledger = try LedgerService(path: directory.path + "/ledger.sqlite", creating: workload.genesis)
        for transaction in workload.setup { _ = try await ledger.submit(transaction) }
        let clock = ContinuousClock()
        let start = clock.now
        for wire in workload.wires {
            // Decoding the wire form verifies the signature, as the server does for each request.
            _ = try await ledger.submit(try SignedTransaction(wire: wire))
        }
        let seconds = (clock.now - start).inSeconds
        await ledger.close()
        return Double(workload.wires.count) / seconds
    }

    /// Submits the workload over HTTP to an in-process server on loopback, `concurrency` at a time.
    static func measureHTTP(_ workload: Workload, concurrency: Int) async throws -> Double {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ledger = try LedgerService(path: directory.path + "/ledger.sqlite", creating: workload.genesis)
        for transaction in workload.setup { _ = try await ledger.submit(transaction) }
        var logger = Logger(label: "doublezero.ledger.bench")
        logger.logLevel = .critical  // the server logs a cancellation at shutdown; not a figure
        let server = LedgerHTTPServer(
            ledger: ledger, configuration: LedgerServerConfiguration(host: "127.0.0.1", port: 0), logger: logger)
        return try await withThrowingTaskGroup(of: Double?.self) { group in
            group.addTask {
                try await server.run()
                return nil
            }
            let address = try await server.listeningAddress()
            let client = try RemoteLedger(url: address.url)
            let transactions = try workload.wires.map { try SignedTransaction(wire: $0) }
            let next = Counter()
            let clock = ContinuousClock()
            let start = clock.now
            try await withThrowingTaskGroup(of: Void.self) { submitters in
                for _ in 0..<concurrency {
                    submitters.addTask {
                        while let index = next.take(below: transactions.count) {
                            _ = try await client.submit(transactions[index])
                        }
                    }
                }
                try await submitters.waitForAll()
            }
            let seconds = (clock.now - start).inSeconds
            try await client.shutdown()
            group.cancelAll()
            await ledger.close()
            return Double(transactions.count) / seconds
        }
    }

    /// Plain single-row inserts, one transaction each, with the ledger's durability settings
    /// (WAL, synchronous=NORMAL) and a payload the size of an average transaction message.
    static func measureSQLite(count: Int, payloadBytes: Int) throws -> Double {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(LedgerDurability.normal.rawValue.uppercased())")
        }
        let pool = try DatabasePool(path: directory.path + "/plain.sqlite", configuration: configuration)
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE rows (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)")
        }
        let payload = Data(repeating: 0x5A, count: payloadBytes)
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<count {
            try pool.write { db in
                try db.execute(sql: "INSERT INTO rows (payload) VALUES (?)", arguments: [payload])
            }
        }
        let seconds = (clock.now - start).inSeconds
        try pool.close()
        return Double(count) / seconds
    }
}

/// The transactions of one run: a bootstrap, then `count` access-pass creations, each signed by
/// the foundation key for a distinct client IP and payer (one new entity per transaction).
struct Workload {
    /// The ledger the transactions are for (each run creates its files with it).
    let genesis: LedgerGenesis
    let setup: [SignedTransaction]
    let wires: [[UInt8]]
    let averageMessageBytes: Int

    init(count: Int) {
        let foundation = Keypair()
        genesis = LedgerGenesis(foundation: foundation.publicKey)
        setup = [
            SignedTransaction(
                [
                    .initGlobalState,
                    .setGlobalConfig(
                        SetGlobalConfigArgs(
                            localAsn: 65000, remoteAsn: 65342, deviceTunnelBlock: "172.16.0.0/16",
                            userTunnelBlock: "169.254.0.0/16", multicastGroupBlock: "233.84.178.0/24")),
                ], signedBy: foundation, for: genesis.id)
        ]
        var wires: [[UInt8]] = []
        var messageBytes = 0
        for index in 0..<count {
            // 44.0.0.0/8 is globally routable; one address per transaction.
            let clientIp = IPv4Address(0x2C00_0000 + UInt32(index) + 1)
            let args = SetAccessPassArgs(clientIp: clientIp, userPayer: Keypair().publicKey)
            let transaction = SignedTransaction(
                [.setAccessPass(args)], signedBy: foundation, for: genesis.id, nonce: UInt64(index) + 1)
            messageBytes += transaction.messageBytes.count
            wires.append(transaction.wire)
        }
        self.wires = wires
        averageMessageBytes = messageBytes / max(count, 1)
    }
}

/// A shared index handed out once each.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// A fresh directory under the system temporary directory.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
