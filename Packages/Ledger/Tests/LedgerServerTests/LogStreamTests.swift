import AsyncHTTPClient
import Foundation
import Ledger
import LedgerTestSupport
import LedgerClient
import LedgerWireFormat
import Models
import NIOCore
import Testing

/// `GET /v1/log`: history then live entries, `follow=false`, several followers, heartbeats.
@Suite("Ledger server: log stream")
struct LogStreamTests {
    /// Submits `count` location creations after initialising; returns the receipts.
    private func populate(_ fixture: ServerFixture, locations count: Int) async throws -> [SubmitReceipt] {
        var receipts = [try await fixture.client.submit(fixture.transactions.initialize())]
        for index in 0..<count {
            receipts.append(try await fixture.client.submit(fixture.transactions.createLocation("loc\(index)")))
        }
        return receipts
    }

    @Test("a follower gets the history, then live entries as they are accepted", arguments: LedgerBackend.allCases)
    func historyThenLive(_ backend: LedgerBackend) async throws {
        try await ServerFixture.with(backend) { fixture in
            let history = try await populate(fixture, locations: 2)
            let collector = await LogCollector.start(fixture.client.follow(from: 1))
            let first = await collector.waitFor(3)
            #expect(first.map(\.sequence) == [1, 2, 3])
            #expect(first.map(\.hash) == history.map(\.hash))

            let live = try await fixture.client.submit(fixture.transactions.createLocation("late"))
            let all = await collector.waitFor(4)
            #expect(all.map(\.sequence) == [1, 2, 3, 4])
            #expect(all.last?.hash == live.hash)
            #expect(all.last?.changes == live.changes)
            #expect(await collector.finished == false)
            await collector.stop()

            let fromTwo = await LogCollector.start(fixture.client.follow(from: 2))
            #expect(await fromTwo.waitFor(3).map(\.sequence) == [2, 3, 4])
            await fromTwo.stop()
        }
    }

    @Test("follow=false ends at the head; from past the head is empty", arguments: LedgerBackend.allCases)
    func followFalse(_ backend: LedgerBackend) async throws {
        try await ServerFixture.with(backend) { fixture in
            _ = try await populate(fixture, locations: 2)
            let reply = try await fixture.http.get("/v1/log?from=2&follow=false")
            #expect(reply.status == 200)
            #expect(reply.contentType == LedgerMediaType.ndjson)
            let lines = reply.text.split(separator: "\n")
            let entries = try lines.map { try JSONDecoder().decode(LogEntry.self, from: Data($0.utf8)) }
            #expect(entries.map(\.sequence) == [2, 3])
            #expect(reply.text.hasSuffix("\n"))

            let beyond = try await fixture.http.get("/v1/log?from=9&follow=false")
            #expect(beyond.status == 200)
            #expect(beyond.body.isEmpty)

            let all = try await fixture.http.get("/v1/log?follow=false")
            #expect(all.text.split(separator: "\n").count == 3)
        }
    }

    @Test("two followers see the same entries in the same order", arguments: LedgerBackend.allCases)
    func twoFollowers(_ backend: LedgerBackend) async throws {
        try await ServerFixture.with(backend) { fixture in
            _ = try await fixture.client.submit(fixture.transactions.initialize())
            let one = await LogCollector.start(fixture.client.follow(from: 1))
            let two = await LogCollector.start(fixture.client.follow(from: 1))
            #expect(await one.waitFor(1).count == 1)
            #expect(await two.waitFor(1).count == 1)
            for index in 0..<5 {
                _ = try await fixture.client.submit(fixture.transactions.createLocation("l\(index)"))
            }
            let seenByOne = await one.waitFor(6)
            let seenByTwo = await two.waitFor(6)
            #expect(seenByOne.map(\.sequence) == Array(1...6))
            #expect(seenByOne == seenByTwo)
            await one.stop()
            await two.stop()
        }
    }

    @Test("heartbeats carry the head sequence; the client skips them")
    func heartbeats() async throws {
        try await ServerFixture.with(.inMemory, heartbeatInterval: .milliseconds(100)) { fixture in
            let (status, contentType, body) = try await fixture.http.stream("/v1/log?from=1")
            #expect(status == 200)
            #expect(contentType == LedgerMediaType.ndjson)
            var lines = NDJSONLineSplitter(maxLineBytes: 1 << 20)
            var iterator = body.makeAsyncIterator()
            var received: [String] = []
            _ = try await fixture.client.submit(fixture.transactions.initialize())
            while received.filter({ $0.hasPrefix(#"{"heartbeat":1}"#) }).isEmpty || received.count < 3 {
                guard let chunk = try await iterator.next() else { break }
                lines.append(chunk.readableBytesView)
                while let line = try lines.nextLine() { received.append(String(decoding: line, as: UTF8.self)) }
            }
            let entryLines = received.filter { !$0.hasPrefix(#"{"heartbeat""#) }
            #expect(entryLines.count == 1)
            #expect(received.contains(#"{"heartbeat":1}"#))

            let collector = await LogCollector.start(fixture.client.follow(from: 1))
            #expect(await collector.waitFor(1).map(\.sequence) == [1])
            try await Task.sleep(for: .milliseconds(350))
            #expect(await collector.entries.count == 1)
            #expect(await collector.failure == nil)
            await collector.stop()
        }
    }

    @Test("a follower that goes away is detached from the ledger")
    func followerGoesAway() async throws {
        try await ServerFixture.with(.inMemory) { fixture in
            let ledger = try #require(fixture.ledger as? InMemoryLedger)
            _ = try await fixture.client.submit(fixture.transactions.initialize())
            // The server follows the ledger itself (its keys with standing, for the rate limit).
            #expect(await eventually { await ledger.followerCount == 1 })
            let collector = await LogCollector.start(fixture.client.follow(from: 1))
            #expect(await collector.waitFor(1).count == 1)
            #expect(await eventually { await ledger.followerCount == 2 })
            await collector.stop()
            #expect(await eventually { await ledger.followerCount == 1 })
        }
    }

    /// A served ledger file whose live followers may have one entry waiting, a second service on
    /// the same file standing for another process, and a client. Entries the other process
    /// appends reach the followers in one batch at the next `refresh()`, which overflows a
    /// follower's backlog at once (the file watch is too slow to interfere).
    private struct BehindFixture {
        let directory: URL
        let ledger: LedgerService
        let otherProcess: LedgerService
        let server: RunningLedgerServer
        let client: RemoteLedger
        let transactions: TransactionFactory

        static func with(_ body: (BehindFixture) async throws -> Void) async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("behind-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("ledger.sqlite").path
            let transactions = TransactionFactory()
            let ledger = try LedgerService(
                path: path, creating: transactions.genesis,
                followerBacklog: FollowerBacklogLimit(entries: 1, bytes: 1 << 20),
                fileWatchInterval: .seconds(3600))
            let otherProcess = try LedgerService(path: path)
            let server = try await RunningLedgerServer.start(ledger)
            let client = try RemoteLedger(url: server.url)
            let fixture = BehindFixture(
                directory: directory, ledger: ledger, otherProcess: otherProcess, server: server, client: client,
                transactions: transactions)
            do {
                try await body(fixture)
            } catch {
                try? await client.shutdown()
                try? await server.stop()
                await ledger.close()
                await otherProcess.close()
                throw error
            }
            try await client.shutdown()
            try await server.stop()
            await ledger.close()
            await otherProcess.close()
        }

        /// The other process appends `count` locations; then the served ledger hands them to its
        /// followers all at once.
        func appendBatchElsewhere(_ count: Int, prefix: String) async throws {
            for index in 0..<count {
                _ = try await otherProcess.submit(transactions.createLocation("\(prefix)\(index)"))
            }
            try await ledger.refresh()
        }
    }

    @Test("a client that falls behind gets a last line naming where to resume, and the response ends")
    func fellBehindEndsWithACutLine() async throws {
        try await BehindFixture.with { fixture in
            _ = try await fixture.ledger.submit(fixture.transactions.initialize())
            let (status, _, body) = try await RawHTTP(baseURL: fixture.server.url).stream("/v1/log?from=1")
            #expect(status == 200)
            var lines = NDJSONLineSplitter(maxLineBytes: 1 << 20)
            var iterator = body.makeAsyncIterator()
            var received: [String] = []
            while received.isEmpty, let chunk = try await iterator.next() {
                lines.append(chunk.readableBytesView)
                while let line = try lines.nextLine() { received.append(String(decoding: line, as: UTF8.self)) }
            }
            // The client and the server's own follower (its keys with standing).
            #expect(await eventually { await fixture.ledger.liveFollowerCount == 2 })

            try await fixture.appendBatchElsewhere(10, prefix: "b")
            while let chunk = try await iterator.next() {
                lines.append(chunk.readableBytesView)
                while let line = try lines.nextLine() { received.append(String(decoding: line, as: UTF8.self)) }
            }
            let last = try #require(received.last)
            #expect(LogStreamCut.isCut(Array(last.utf8)), "the response ends with a cut: \(last)")
            let cut = try JSONDecoder().decode(LogStreamCut.self, from: Data(last.utf8))
            let entries = try received.dropLast().map { try JSONDecoder().decode(LogEntry.self, from: Data($0.utf8)) }
            #expect(entries.map(\.sequence) == Array(1..<cut.cut.resumeFrom), "everything before resume_from was sent")
            #expect(cut.cut.resumeFrom < 11, "it was cut before the end of the batch")
            #expect(
                cut.cut.message.contains("follow again from sequence \(cut.cut.resumeFrom)"), "\(cut.cut.message)")
            // Only the server's own follower is left (cut off too, it followed again).
            #expect(await eventually { await fixture.ledger.followerCount == 1 })
        }
    }

    @Test("RemoteLedger's follower, cut off for falling behind, follows again from its sequence: no gap, no repeat")
    func fellBehindIsResumedByTheClient() async throws {
        try await BehindFixture.with { fixture in
            _ = try await fixture.ledger.submit(fixture.transactions.initialize())
            let collector = await LogCollector.start(fixture.client.follow(from: 1))
            #expect(await collector.waitFor(1).count == 1)
            for round in 0..<4 {
                // The client's follower and the server's own (its keys with standing).
                #expect(await eventually { await fixture.ledger.liveFollowerCount == 2 })
                try await fixture.appendBatchElsewhere(10, prefix: "r\(round)-")
                #expect(
                    await collector.waitFor(1 + 10 * (round + 1), within: .seconds(30)).count == 1 + 10 * (round + 1))
            }
            let entries = await collector.entries
            #expect(entries.map(\.sequence) == Array(1...41))
            for (earlier, later) in zip(entries, entries.dropFirst()) { #expect(later.previousHash == earlier.hash) }
            #expect(await collector.failure == nil)
            await collector.stop()
        }
    }
}
