import AsyncHTTPClient
import BenchmarkSupport
import Foundation
import Ledger
import LedgerServer
import LedgerWireFormat
import Logging
import Models
import NIOCore
import Synchronization

/// `make bench-load`: the ledger server under `--clients` (200) concurrent clients submitting
/// signed transactions for `--seconds` (60).
///
/// The server (`LedgerHTTPServer` over a fresh ledger file, the authentication limit at its
/// defaults) runs in this process on loopback; each client holds its own connection and, in a
/// loop, signs a fresh transaction and submits it, timing each request. Most clients are
/// operators with standing (the foundation granting access passes); `--hostile` (10) of them are
/// strangers whose transactions the program refuses (422) until the rate limit locks them out
/// (429): those answers are deliberate rejections. Anything else — a transport error, a 5xx, any
/// other status — is an error. The baseline, measured in the same run before the load, is the
/// embedded ledger submitting the same kind of transaction one at a time for a tenth of the time.
/// Figures are printed last, one per line: `load.tx_per_s` (accepted), `load.p99_ms` (accepted
/// requests), `load.errors`, `load.rejected`, `load.embedded_tx_per_s`, `load.vs_embedded`.
@main
struct LoadBenchmark {
    struct Options {
        var clients = 200
        var seconds = 60
        var hostile = 10

        init(arguments: [String]) throws {
            try WholeNumberFlags<Self>(["--clients": \.clients, "--seconds": \.seconds, "--hostile": \.hostile])
                .parse(arguments, into: &self)
            guard clients >= 1, seconds >= 1, hostile >= 0, hostile < clients else {
                throw BenchmarkError("--clients and --seconds must be at least 1, --hostile below --clients")
            }
        }
    }

    static func main() async {
        await exitOnFailure("load-bench") { try await run(Options(arguments: CommandLine.arguments)) }
    }

    /// Hands out 1, 2, 3, … to concurrent callers.
    final class Numbering: Sendable {
        private let value = Mutex<UInt32>(0)

        func next() -> UInt32 {
            value.withLock { value in
                value += 1
                return value
            }
        }
    }

    /// What the clients saw.
    final class Tally: Sendable {
        private struct State {
            var accepted: [Double] = []
            var rejected = 0
            var errors: [String: Int] = [:]
        }
        private let state = Mutex(State())

        func accepted(_ milliseconds: Double) { state.withLock { $0.accepted.append(milliseconds) } }
        func rejected() { state.withLock { $0.rejected += 1 } }
        func error(_ what: String) { state.withLock { $0.errors[what, default: 0] += 1 } }
        var snapshot: (accepted: [Double], rejected: Int, errors: [String: Int]) {
            state.withLock { ($0.accepted, $0.rejected, $0.errors) }
        }
    }

    static func run(_ options: Options) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("load-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let foundation = Keypair()
        let genesis = LedgerGenesis(foundation: foundation.publicKey)
        let counter = Numbering()
        /// A fresh access pass for a new client address, signed by the foundation.
        @Sendable func grant() -> SignedTransaction {
            let number = counter.next()
            let args = SetAccessPassArgs(clientIp: IPv4Address(0x2C00_0000 + number), userPayer: foundation.publicKey)
            return SignedTransaction(
                [.setAccessPass(args)], signedBy: foundation, for: genesis.id, nonce: UInt64(number))
        }

        // The baseline: the embedded ledger, one transaction at a time (signing included, as the clients do).
        let embedded = try LedgerService(
            path: directory.appendingPathComponent("embedded.sqlite").path, creating: genesis)
        _ = try await embedded.submit(SignedTransaction([.initGlobalState], signedBy: foundation, for: genesis.id))
        let baselineSpan = Duration.milliseconds(max(1000, options.seconds * 100))
        let clock = ContinuousClock()
        var baselineCount = 0
        let baselineStart = clock.now
        while clock.now - baselineStart < baselineSpan {
            _ = try await embedded.submit(try SignedTransaction(wire: grant().wire))
            baselineCount += 1
        }
        let embeddedRate = Double(baselineCount) / (clock.now - baselineStart).inSeconds
        await embedded.close()

        // The server under load.
        let ledger = try LedgerService(path: directory.appendingPathComponent("served.sqlite").path, creating: genesis)
        _ = try await ledger.submit(SignedTransaction([.initGlobalState], signedBy: foundation, for: genesis.id))
        var logger = Logger(label: "doublezero.ledger.load")
        logger.logLevel = .critical
        let server = LedgerHTTPServer(
            ledger: ledger, configuration: LedgerServerConfiguration(host: "127.0.0.1", port: 0), logger: logger)
        let serverTask = Task { try await server.run() }
        defer { serverTask.cancel() }
        let address = try await server.listeningAddress()
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: options.clients)
        configuration.timeout.connect = .seconds(10)
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let url = address.url + LedgerHTTPPath.transactions
        let tally = Tally()
        let deadline = clock.now + .seconds(options.seconds)
        print(
            "load: \(options.clients) clients (\(options.hostile) hostile) for \(options.seconds) s against \(address.url)"
        )
        await withTaskGroup(of: Void.self) { clients in
            for number in 0..<options.clients {
                let stranger = number < options.hostile ? Keypair() : nil
                clients.addTask {
                    var nonce: UInt64 = 0
                    while clock.now < deadline {
                        let transaction: SignedTransaction
                        if let stranger {
                            nonce += 1
                            let args = SetAccessPassArgs(
                                clientIp: IPv4Address(0x2D00_0000 + UInt32(nonce)), userPayer: stranger.publicKey)
                            transaction = SignedTransaction(
                                [.setAccessPass(args)], signedBy: stranger, for: genesis.id, nonce: nonce)
                        } else {
                            transaction = grant()
                        }
                        var request = HTTPClientRequest(url: url)
                        request.method = .POST
                        request.headers.add(name: "Content-Type", value: "application/json")
                        request.body = .bytes(ByteBuffer(bytes: transaction.wire))
                        let started = clock.now
                        do {
                            let response = try await http.execute(request, timeout: .seconds(30))
                            _ = try await response.body.collect(upTo: 1 << 20)
                            let milliseconds = (clock.now - started).inMilliseconds
                            switch (response.status.code, stranger != nil) {
                            case (200, false): tally.accepted(milliseconds)
                            case (422, true), (429, true): tally.rejected()
                            default: tally.error("HTTP \(response.status.code)\(stranger != nil ? " (hostile)" : "")")
                            }
                        } catch {
                            tally.error("\(type(of: error)): \(error)".prefix(120).description)
                        }
                    }
                }
            }
        }
        let elapsed = Double(options.seconds)
        try await http.shutdown()
        serverTask.cancel()
        _ = try? await serverTask.value
        let head = try await ledger.head().sequence
        await ledger.close()

        let (accepted, rejected, errors) = tally.snapshot
        let sorted = accepted.sorted()
        let p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
        let p50 = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        let rate = Double(accepted.count) / elapsed
        print(
            "accepted \(accepted.count) (log head \(head)), p50 \(String(format: "%.1f", p50)) ms, rejected \(rejected)"
        )
        for (what, count) in errors.sorted(by: { $0.value > $1.value }) { print("error: \(count) × \(what)") }
        print("embedded baseline: \(baselineCount) transactions in \(baselineSpan)")
        print(String(format: "load.tx_per_s: %.0f tx/s", rate))
        print(String(format: "load.p99_ms: %.1f ms", p99))
        print("load.errors: \(errors.values.reduce(0, +)) errors")
        print("load.rejected: \(rejected) rejections")
        print(String(format: "load.embedded_tx_per_s: %.0f tx/s", embeddedRate))
        print(String(format: "load.vs_embedded: %.2f x", rate / embeddedRate))
    }
}
