import AppTestSupport
import Foundation
import Ledger
import LedgerClient
import Models
import Testing

/// Kills `doublezero-ledger serve` with SIGKILL in the middle of a write loop, many times:
/// after every restart, every transaction the server acknowledged is still there, nothing is
/// applied twice, and `doublezero-ledger verify` proves the log and the state intact.
@Suite("doublezero-ledger crash safety")
struct LedgerServerCrashTests {
    static let rounds = 8
    static let writers = 4

    /// One running server and a client for it.
    struct RunningServer {
        let app: BackgroundApp
        let client: RemoteLedger

        static func start(path: String, in directory: URL) async throws -> RunningServer {
            let app = try BackgroundApp(
                "doublezero-ledger", ["serve", "--db", path, "--listen", "127.0.0.1:0"], in: directory)
            let line = try #require(
                await app.waitForOutputLine(startingWith: "listening on "),
                "the server did not start; stderr: \(app.standardError)")
            var configuration = RemoteLedgerConfiguration()
            configuration.connectTimeout = .seconds(1)
            let client = try RemoteLedger(
                url: "http://" + line.dropFirst("listening on ".count), configuration: configuration)
            return RunningServer(app: app, client: client)
        }
    }

    /// Transactions acknowledged by the server: index of the transaction -> its log sequence.
    actor Acknowledgements {
        var sequences: [Int: UInt64] = [:]
        var attempted = 0
        func record(_ index: Int, _ sequence: UInt64) { sequences[index] = sequence }
        func attempt() { attempted += 1 }
    }

    /// A stream of distinct access-pass transactions, each for its own client IP and payer.
    final class Workload: @unchecked Sendable {
        let foundation = Keypair()
        /// The ledger's identity, known once it is created (set before the writers start).
        var ledger: LedgerID?
        private let lock = NSLock()
        private var next = 0
        private(set) var payers: [PublicKey] = []

        func take() -> (index: Int, transaction: SignedTransaction) {
            lock.lock()
            defer { lock.unlock() }
            let index = next
            next += 1
            let payer = Keypair().publicKey
            payers.append(payer)
            let args = SetAccessPassArgs(clientIp: Self.clientIp(index), userPayer: payer)
            return (
                index,
                SignedTransaction(
                    [.setAccessPass(args)], signedBy: foundation, for: ledger!, nonce: UInt64(index) + 1)
            )
        }

        static func clientIp(_ index: Int) -> IPv4Address { IPv4Address(0x2C00_0000 + UInt32(index) + 1) }
    }

    @Test("SIGKILL during writes, 8 times: no acknowledged transaction lost, verify passes")
    func killDuringWrites() async throws {
        try await withScratchDirectory { directory in
            let path = directory.appendingPathComponent("ledger.sqlite").path
            let workload = Workload()
            let initRun = try await AppRun.run(
                "doublezero-ledger", ["init", "--db", path, "--foundation", workload.foundation.publicKey.base58])
            try #require(initRun.exitCode == 0, "init failed: \(initRun.standardError)")
            let acknowledged = Acknowledgements()

            // Bootstrap once.
            let first = try await RunningServer.start(path: path, in: directory)
            workload.ledger = try await first.client.genesis().id
            _ = try await first.client.submit([.initGlobalState], signedBy: workload.foundation)
            try await first.client.shutdown()
            #expect(await first.app.stop(signal: SIGTERM) == 0)

            for _ in 1...Self.rounds {
                let server = try await RunningServer.start(path: path, in: directory)
                let client = server.client
                let writers = Task {
                    await withTaskGroup(of: Void.self) { group in
                        for _ in 0..<Self.writers {
                            group.addTask {
                                while !Task.isCancelled {
                                    let (index, transaction) = workload.take()
                                    await acknowledged.attempt()
                                    guard let receipt = try? await client.submit(transaction) else { return }
                                    await acknowledged.record(index, receipt.sequence)
                                }
                            }
                        }
                    }
                }
                try await Task.sleep(for: .milliseconds(Int.random(in: 150...600)))
                _ = await server.app.stop(signal: SIGKILL)  // killed: there is no exit status to check
                await writers.value
                try await server.client.shutdown()
            }

            // Restart and check every acknowledged transaction.
            let server = try await RunningServer.start(path: path, in: directory)
            let acks = await acknowledged.sequences
            let attempted = await acknowledged.attempted
            print("crash test: \(Self.rounds) kills, \(acks.count) acknowledged of \(attempted) attempted")
            #expect(acks.count > Self.rounds * 10, "too few writes got through to test anything: \(acks.count)")
            let passes = try await server.client.entities(of: .accessPass, matching: .all)
            var payerOfPass: [IPv4Address: PublicKey] = [:]
            for case .accessPass(let pass) in passes { payerOfPass[pass.clientIp] = pass.userPayer }
            var missing: [Int] = []
            for index in acks.keys where payerOfPass[Workload.clientIp(index)] != workload.payers[index] {
                missing.append(index)
            }
            #expect(missing.isEmpty, "acknowledged but missing after restart: \(missing.sorted().prefix(10))")
            // Each transaction creates one pass: no duplicates, and nothing beyond what was sent.
            let head = try await server.client.head()
            #expect(head.sequence == UInt64(passes.count) + 1)
            #expect(passes.count >= acks.count && passes.count <= attempted)
            #expect(Set(acks.values).count == acks.count, "two transactions acknowledged at one sequence")
            #expect(acks.values.allSatisfy { $0 <= head.sequence })
            try await server.client.shutdown()
            #expect(await server.app.stop(signal: SIGTERM) == 0)

            let verify = try await AppRun.run("doublezero-ledger", ["verify", "--db", path, "--json"])
            #expect(verify.exitCode == 0, "verify failed: \(verify.standardOutput) \(verify.standardError)")
        }
    }
}
