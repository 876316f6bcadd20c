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
            let collector = await LogCollector.start(fixture.client.follow(from: 1))
            #expect(await collector.waitFor(1).count == 1)
            #expect(await eventually { await ledger.followerCount == 1 })
            await collector.stop()
            #expect(await eventually { await ledger.followerCount == 0 })
        }
    }

    @Test("a ledger stream cut off for falling behind is resumed inside the response: no gap, no duplicate")
    func fellBehindIsResumed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("behind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // A live follower may have one entry waiting: bursts of submits cut it off.
        let transactions = TransactionFactory()
        let ledger = try LedgerService(
            path: directory.appendingPathComponent("ledger.sqlite").path, creating: transactions.genesis,
            followerBufferCapacity: 1)
        let server = try await RunningLedgerServer.start(ledger)
        let client = try RemoteLedger(url: server.url)
        _ = try await ledger.submit(transactions.initialize())
        let collector = await LogCollector.start(client.follow(from: 1))
        #expect(await collector.waitFor(1).count == 1)
        for index in 0..<40 {
            _ = try await ledger.submit(transactions.createLocation("b\(index)"))
        }
        let entries = await collector.waitFor(41, within: .seconds(30))
        #expect(entries.map(\.sequence) == Array(1...41))
        #expect(await collector.failure == nil)
        await collector.stop()
        try await client.shutdown()
        try await server.stop()
        await ledger.close()
    }
}
