import AppTestSupport
import Foundation
import Ledger
import LedgerClient
import Testing

/// `doublezero-ledger serve` with followers that stop reading: what waits for each is bounded,
/// so however many there are and however large the entries, the server's memory stays small.
@Suite("doublezero-ledger: followers that stop reading")
struct LedgerFollowerMemoryTests {
    static let followers = 40
    static let entriesBefore = 100
    static let entriesDuring = 150
    static let rssLimit = 300 * 1000 * 1000

    @Test("40 followers from sequence 1 stop reading while the log grows by large entries: RSS stays under 300 MB")
    func stalledFollowersKeepTheServerSmall() async throws {
        try await withScratchDirectory { directory in
            let path = directory.appendingPathComponent("ledger.sqlite").path
            let workload = LargeTransactionWorkload()
            let initRun = try await AppRun.run(
                "doublezero-ledger", ["init", "--db", path, "--foundation", workload.foundation.publicKey.base58])
            try #require(initRun.exitCode == 0, "init failed: \(initRun.standardError)")
            let server = try BackgroundApp(
                "doublezero-ledger", ["serve", "--db", path, "--listen", "127.0.0.1:0"], in: directory)
            let line = try #require(
                await server.waitForOutputLine(startingWith: "listening on "),
                "the server did not start; stderr: \(server.standardError)")
            let address = String(line.dropFirst("listening on ".count))
            let port = try #require(Int(address.split(separator: ":").last ?? ""))
            let client = try RemoteLedger(url: "http://\(address)")
            workload.ledger = try await client.genesis().id
            let memory = ResidentMemory(pid: server.process.processIdentifier)
            await memory.start()

            _ = try await client.submit(workload.genesis())
            let sample = workload.next()
            let receipt = try await client.submit(sample)
            let entryBytes = sample.messageBytes.count + LogEntry.encodeChanges(receipt.changes).count
            print("follower memory test: one entry is about \(entryBytes / 1024) KiB")
            for _ in 1..<Self.entriesBefore { _ = try await client.submit(workload.next()) }

            let stalled = try (0..<Self.followers).map { _ in
                try StalledHTTPFollower(port: port, path: "/v1/log?from=1")
            }
            for _ in 0..<Self.entriesDuring {
                // Past the limit the test has failed: stop feeding a server that may be exploding.
                guard await memory.peakBytes < Self.rssLimit else { break }
                _ = try await client.submit(workload.next())
            }
            // Let the stalled streams take what they will.
            try await Task.sleep(for: .seconds(3))
            let peak = await memory.stop()
            print("follower memory test: peak RSS \(peak / 1_000_000) MB with \(Self.followers) stalled followers")
            #expect(peak < Self.rssLimit, "peak RSS \(peak / 1_000_000) MB")

            // The server still serves everyone else: a follower that reads gets the newest entries.
            let head = try await client.head()
            // Bounded: a server that died would leave the client reconnecting for ever.
            let last = try await withThrowingTaskGroup(of: UInt64?.self) { group in
                group.addTask {
                    var last: UInt64 = 0
                    for try await entry in client.follow(from: head.sequence - 2) {
                        last = entry.sequence
                        if last == head.sequence { break }
                    }
                    return last
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(60))
                    return nil
                }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
            #expect(
                last == head.sequence,
                "no entries from the server within 60 s; stderr: \(server.standardError.suffix(2000))")
            for follower in stalled { follower.disconnect() }
            try await client.shutdown()
            #expect(await server.stop(signal: SIGTERM) == 0, "stderr: \(server.standardError.suffix(2000))")
        }
    }
}
