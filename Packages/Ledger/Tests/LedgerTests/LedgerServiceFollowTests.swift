import Foundation
@_spi(LedgerStoreTesting) import Ledger
import Models
import Testing

@Suite struct LedgerServiceFollowTests {
    /// Reads `count` entries from `stream` (or fewer if it ends).
    private static func take(_ count: Int, from stream: AsyncThrowingStream<LogEntry, any Error>) async throws
        -> [LogEntry]
    {
        var entries: [LogEntry] = []
        guard count > 0 else { return entries }
        for try await entry in stream {
            entries.append(entry)
            if entries.count == count { break }
        }
        return entries
    }

    /// Checks that `entries` are `sequences`, each chained to the one before.
    private static func expectContiguous(
        _ entries: [LogEntry], _ sequences: ClosedRange<UInt64>, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(entries.map(\.sequence) == Array(sequences), sourceLocation: sourceLocation)
        for (earlier, later) in zip(entries, entries.dropFirst()) {
            #expect(later.previousHash == earlier.hash, sourceLocation: sourceLocation)
        }
    }

    @Test func historyThenLiveEntriesWithoutGapOrDuplicate() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let ledger = try LedgerService(path: directory.path(), creating: scenario.genesis)
        _ = try await ledger.submit(scenario.initialization())
        for epoch in 1...599 { _ = try await ledger.submit(scenario.setEpoch(UInt64(epoch))) }

        // The history spans several pages; new entries keep arriving while it is read.
        let stream = ledger.follow(from: 1)
        let reader = Task { try await Self.take(700, from: stream) }
        for epoch in 600...699 { _ = try await ledger.submit(scenario.setEpoch(UInt64(epoch))) }
        let entries = try await reader.value
        Self.expectContiguous(entries, 1...700)
        let stored = try LedgerStore(path: directory.path(), accessMode: .readOnly).entries(from: 1, limit: 1000)
        #expect(entries == stored)
    }

    @Test func severalFollowersEachGetEveryEntry() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let ledger = try LedgerService(path: directory.path(), creating: scenario.genesis)
        _ = try await ledger.submit(scenario.initialization())
        let readers = (0..<4).map { _ in
            let stream = ledger.follow(from: 1)
            return Task { try await Self.take(40, from: stream) }
        }
        for epoch in 1...39 { _ = try await ledger.submit(scenario.setEpoch(UInt64(epoch))) }
        for reader in readers {
            Self.expectContiguous(try await reader.value, 1...40)
        }
    }

    @Test func aFollowerCanStartInTheMiddleOrBeyondTheHead() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let ledger = try LedgerService(path: directory.path(), creating: scenario.genesis)
        _ = try await ledger.submit(scenario.initialization())
        for epoch in 1...9 { _ = try await ledger.submit(scenario.setEpoch(UInt64(epoch))) }

        Self.expectContiguous(try await Self.take(7, from: ledger.follow(from: 4)), 4...10)
        Self.expectContiguous(try await Self.take(10, from: ledger.follow(from: 0)), 1...10)

        let future = ledger.follow(from: 13)
        let reader = Task { try await Self.take(2, from: future) }
        #expect(await waitUntil { await ledger.liveFollowerCount == 1 })
        for epoch in 10...14 { _ = try await ledger.submit(scenario.setEpoch(UInt64(epoch))) }
        Self.expectContiguous(try await reader.value, 13...14)
    }

    @Test func aFollowerThatStopsIsRemoved() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let ledger = try LedgerService(path: directory.path(), creating: scenario.genesis)
        _ = try await ledger.submit(scenario.initialization())
        let entries = try await Self.take(1, from: ledger.follow(from: 1))
        #expect(entries.map(\.sequence) == [1])
        #expect(await waitUntil { await ledger.followerCount == 0 })

        let stream = ledger.follow(from: 1)
        let reader = Task {
            for try await _ in stream {}
        }
        #expect(await waitUntil { await ledger.liveFollowerCount == 1 })
        reader.cancel()
        #expect(await waitUntil { await ledger.followerCount == 0 })
        _ = try await ledger.submit(scenario.setEpoch(1))
    }

    @Test func aSlowFollowerIsCutOffWithWhereToResumeAndNeverBlocksSubmits() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let limit = FollowerBacklogLimit(entries: 4, bytes: FollowerBacklogLimit.default.bytes)
        let ledger = try LedgerService(path: directory.path(), creating: scenario.genesis, followerBacklog: limit)
        _ = try await ledger.submit(scenario.initialization())
        let stream = ledger.follow(from: 2)
        #expect(await waitUntil { await ledger.liveFollowerCount == 1 })

        // Nobody reads the stream: submits go on regardless.
        for epoch in 1...10 { _ = try await ledger.submit(scenario.setEpoch(UInt64(epoch))) }
        #expect(await ledger.followerCount == 0)

        // The four entries that waited were dropped with the cut: it says to resume from 2.
        var received: [UInt64] = []
        do {
            for try await entry in stream { received.append(entry.sequence) }
            Issue.record("the stream ended without an error")
        } catch let error as LedgerFollowError {
            #expect(error == .fellBehind(resumeFrom: 2, limit: limit))
        }
        #expect(received.isEmpty)
        // Resuming from where it says gives the rest.
        Self.expectContiguous(try await Self.take(10, from: ledger.follow(from: 2)), 2...11)
    }

    @Test("a live follower past the byte bound is cut off, says where to resume, and resumes without gap or repeat")
    func aFollowerPastTheByteBoundIsCutOffAndResumes() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        // Room for many entries but few bytes: the bytes bound is the one that cuts.
        let limit = FollowerBacklogLimit(entries: 1000, bytes: 2000)
        var scenario = LedgerFileScenario()
        let ledger = try LedgerService(path: directory.path(), creating: scenario.genesis, followerBacklog: limit)
        _ = try await ledger.submit(scenario.initialization())
        var follower = ledger.follow(from: 1).makeAsyncIterator()
        let first = try await follower.next()
        #expect(first?.sequence == 1)
        #expect(await waitUntil { await ledger.liveFollowerCount == 1 })

        // It stops reading while 20 entries of a few hundred bytes each are accepted.
        var receipts: [SubmitReceipt] = []
        for epoch in 1...20 { receipts.append(try await ledger.submit(scenario.setEpoch(UInt64(epoch)))) }
        #expect(await ledger.followerCount == 0, "cut off, and forgotten by the service")

        var cut: LedgerFollowError?
        var received: [LogEntry] = []
        do {
            while let entry = try await follower.next() { received.append(entry) }
        } catch let error as LedgerFollowError {
            cut = error
        }
        guard case .fellBehind(let resumeFrom, let reported)? = cut else {
            Issue.record("expected fellBehind, got \(String(describing: cut))")
            return
        }
        #expect(reported == limit)
        #expect(resumeFrom == 2, "nothing after entry 1 was delivered")
        #expect(received.isEmpty, "the entries that waited were dropped with the cut")
        #expect(cut?.description.contains("follow again from sequence 2") == true, "\(String(describing: cut))")
        #expect(cut?.description.contains("2000 bytes") == true)

        // Following again from there gives every later entry once, in order, chained to entry 1.
        let resumed = try await Self.take(20, from: ledger.follow(from: resumeFrom))
        Self.expectContiguous(resumed, 2...21)
        #expect(resumed.map(\.hash) == receipts.map(\.hash))
        #expect(resumed.first?.previousHash == first?.hash)
    }

    @Test func aSlowFollowerOfALongHistoryIsNotCutOff() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let ledger = try LedgerService(
            path: directory.path(), creating: scenario.genesis,
            followerBacklog: FollowerBacklogLimit(entries: 4, bytes: 1000))
        _ = try await ledger.submit(scenario.initialization())
        for epoch in 1...49 { _ = try await ledger.submit(scenario.setEpoch(UInt64(epoch))) }
        var entries: [LogEntry] = []
        for try await entry in ledger.follow(from: 1) {
            entries.append(entry)
            try await Task.sleep(for: .milliseconds(1))
            if entries.count == 50 { break }
        }
        Self.expectContiguous(entries, 1...50)
    }

    /// Generous: CPU-heavy suites running beside this one can starve its tasks for seconds.
    static let busyMachineTimeout = Duration.seconds(30)

    @Test("followers see entries another process appended, with no call on their own service")
    func followersSeeEntriesAnotherProcessAppended() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let server = try LedgerService(
            path: directory.path(), creating: scenario.genesis, fileWatchInterval: .milliseconds(20))
        let cli = try LedgerService(path: directory.path(), creating: scenario.genesis)
        _ = try await server.submit(scenario.initialization())
        #expect(await !server.isWatchingFile, "no follower, no watch")
        let collector = EntryCollector()
        let reader = Task {
            for try await entry in server.follow(from: 1) { await collector.append(entry) }
        }
        #expect(await waitUntil(timeout: Self.busyMachineTimeout) { await server.liveFollowerCount == 1 })
        #expect(await server.isWatchingFile)
        _ = try await cli.submit(scenario.setEpoch(1))
        _ = try await cli.submit(scenario.setEpoch(2))
        #expect(
            await waitUntil(timeout: Self.busyMachineTimeout) { await collector.entries.count == 3 },
            "the file watch delivers entries 2 and 3")
        _ = try await server.submit(scenario.setEpoch(3))
        #expect(await waitUntil(timeout: Self.busyMachineTimeout) { await collector.entries.count == 4 })
        Self.expectContiguous(await collector.entries, 1...4)
        reader.cancel()
        #expect(
            await waitUntil(timeout: Self.busyMachineTimeout) { await !server.isWatchingFile },
            "the watch ends with the last live follower")
    }
}

extension LedgerServiceFollowTests {
    @Test("when the file's log no longer continues the service's, live followers end with the error")
    func fileWatchEndsFollowersOnADivergedLog() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let server = try LedgerService(
            path: directory.path(), creating: scenario.genesis, fileWatchInterval: .milliseconds(20))
        _ = try await server.submit(scenario.initialization())
        _ = try await server.submit(scenario.setEpoch(1))
        let ended = Task { () -> (any Error)? in
            do {
                for try await _ in server.follow(from: 1) {}
                return nil
            } catch {
                return error
            }
        }
        #expect(await waitUntil(timeout: Self.busyMachineTimeout) { await server.liveFollowerCount == 1 })
        // Another process cuts the log back: entry 2 is gone from the file.
        let other = try LedgerStore(path: directory.path(), creating: scenario.genesis)
        try other.executeRawSQL("DELETE FROM log WHERE sequence = 2")
        try other.close()
        let error = await ended.value
        guard case .catchUpFailed(.storage(let message))? = error as? LedgerFollowError else {
            Issue.record("expected catchUpFailed, got \(String(describing: error))")
            return
        }
        #expect(message.contains("diverged") || message.contains("log ends"), "\(message)")
        #expect(await waitUntil(timeout: Self.busyMachineTimeout) { await !server.isWatchingFile })
    }
}

/// Entries a follower received, for tests that wait on them while the follower keeps reading.
private actor EntryCollector {
    private(set) var entries: [LogEntry] = []

    func append(_ entry: LogEntry) { entries.append(entry) }
}
