import Foundation
@_spi(LedgerStoreTesting) import Ledger
import Models
import Testing

@Suite struct LedgerServiceTests {
    @Test func stateAndHeadSurviveCloseAndReopen() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        let path = directory.path("data/ledger.sqlite")
        var scenario = LedgerFileScenario()
        let (head, state): (LedgerHead, LedgerState)
        do {
            let ledger = try LedgerService(path: path, creating: scenario.genesis)
            let receipts = try await ledger.submitAll([
                scenario.initialization(), scenario.createLocation("lax"), scenario.createLocation("ewr"),
                scenario.setEpoch(3),
            ])
            #expect(receipts.map(\.sequence) == [1, 2, 3, 4])
            head = try await ledger.head()
            state = try await ledger.currentState()
            #expect(head.sequence == 4)
            #expect(head.hash == receipts.last?.hash)
            #expect(head.stateHash == state.stateHash)
            await ledger.close()
        }
        let reopened = try LedgerService(path: path, creating: scenario.genesis)
        #expect(try await reopened.head() == head)
        #expect(try await reopened.currentState() == state)
        #expect(try await reopened.entities(of: .location, matching: .all).count == 2)
        let lax = try await reopened.entities(of: .location, matching: EntityFilter(["code": "lax"]))
        #expect(lax.count == 1)
        #expect(try await reopened.entity(try #require(lax.first).ref) == lax.first)
    }

    @Test func aReplayedTransactionIsRejectedAndChangesNothing() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let ledger = try LedgerService(path: directory.path(), creating: scenario.genesis)
        let location = scenario.createLocation("lax")
        try await ledger.submitAll([scenario.initialization(), location])
        let before = try await ledger.head()

        let error = await submitExpectingRejection(of: location, by: ledger)
        #expect(error?.code == .replayedTransaction)
        #expect(error?.message.contains("log entry 2") == true)
        #expect(try await ledger.head() == before)

        // Same signer and nonce with other instructions is a replay too.
        let sameNonce = SignedTransaction(
            signing: TransactionMessage(
                signer: scenario.foundation.publicKey, nonce: location.message.nonce, ledger: scenario.genesis.id,
                instructions: [.setEpoch(SetEpochArgs(epoch: 9))]),
            with: scenario.foundation)
        #expect(await submitExpectingRejection(of: sameNonce, by: ledger)?.code == .replayedTransaction)
        #expect(try await ledger.head() == before)
    }

    @Test func aRejectedTransactionLeavesTheFileAndTheStateUnchanged() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        let path = directory.path()
        var scenario = LedgerFileScenario()
        let ledger = try LedgerService(path: path, creating: scenario.genesis)
        try await ledger.submitAll([scenario.initialization(), scenario.createLocation("lax")])
        let head = try await ledger.head()
        let state = try await ledger.currentState()

        // The second instruction fails, so the first (a valid location) must not stick either.
        let refused = scenario.signed(
            .createLocation(CreateLocationArgs(code: "ewr", name: "NY", country: "US", latitude: 40, longitude: -74)),
            .createLocation(
                CreateLocationArgs(code: "fra", name: "Frankfurt", country: "GER", latitude: 50, longitude: 8)))
        #expect(await submitExpectingRejection(of: refused, by: ledger)?.code == .invalidCountryCode)
        #expect(
            await submitExpectingRejection(of: scenario.createLocation("lax"), by: ledger)?.code
                == .accountAlreadyInitialized)

        #expect(try await ledger.head() == head)
        #expect(try await ledger.currentState() == state)
        let file = try LedgerStore(path: path, accessMode: .readOnly)
        #expect(try file.head() == LogPosition(sequence: head.sequence, hash: head.hash))
        #expect(try file.loadState().state == state)
        // The refused pair can never be applied later, not even with other instructions.
        #expect(await submitExpectingRejection(of: refused, by: ledger)?.code == .nonceRefusedBefore)
        let sameNonce = SignedTransaction(
            signing: TransactionMessage(
                signer: scenario.foundation.publicKey, nonce: refused.message.nonce, ledger: scenario.genesis.id,
                instructions: [.setEpoch(SetEpochArgs(epoch: 1))]),
            with: scenario.foundation)
        #expect(await submitExpectingRejection(of: sameNonce, by: ledger)?.code == .nonceRefusedBefore)
        #expect(try await ledger.head() == head)
    }

    @Test func twoServicesOnOneFileTakeTurnsAndCatchUp() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        let path = directory.path()
        var scenario = LedgerFileScenario()
        let first = try LedgerService(path: path, creating: scenario.genesis)
        let second = try LedgerService(path: path, creating: scenario.genesis)

        #expect(try await first.submit(scenario.initialization()).sequence == 1)
        // The second service runs the program on the state the first one wrote.
        #expect(try await second.submit(scenario.createLocation("lax")).sequence == 2)
        #expect(
            await submitExpectingRejection(of: scenario.createLocation("lax"), by: first)?.code
                == .accountAlreadyInitialized)
        #expect(try await first.submit(scenario.createLocation("ewr")).sequence == 3)
        // A replay is caught even when the first submission went through the other service.
        let epoch = scenario.setEpoch(5)
        #expect(try await second.submit(epoch).sequence == 4)
        #expect(await submitExpectingRejection(of: epoch, by: first)?.code == .replayedTransaction)
        for round in 0..<10 {
            let ledger = round.isMultiple(of: 2) ? first : second
            #expect(try await ledger.submit(scenario.setEpoch(UInt64(6 + round))).sequence == UInt64(5 + round))
        }

        let firstHead = try await first.head()
        #expect(firstHead.sequence == 14)
        #expect(try await second.head() == firstHead)
        #expect(try await first.currentState() == second.currentState())
        let report = try LedgerVerifier.verify(path: path)
        #expect(report.isValid, "\(report)")
        #expect(report.stateHash == firstHead.stateHash)
    }

    @Test func submittersInParallelOnTwoServicesNeverCollide() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        let path = directory.path()
        var scenario = LedgerFileScenario()
        let first = try LedgerService(path: path, creating: scenario.genesis)
        let second = try LedgerService(path: path, creating: scenario.genesis)
        _ = try await first.submit(scenario.initialization())
        let keys = (0..<2).map { _ in Keypair() }
        _ = try await first.submit(
            scenario.signed(
                .addFoundationAllowlist(PubkeyArgs(pubkey: keys[0].publicKey)),
                .addFoundationAllowlist(PubkeyArgs(pubkey: keys[1].publicKey))))

        let ledgerID = scenario.genesis.id
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, ledger) in [first, second].enumerated() {
                group.addTask {
                    for round in 1...25 {
                        let code = "s\(index)-\(round)"
                        _ = try await ledger.submit(
                            SignedTransaction(
                                [
                                    .createLocation(
                                        CreateLocationArgs(
                                            code: code, name: code, country: "US", latitude: 1, longitude: 1))
                                ],
                                signedBy: keys[index], for: ledgerID, nonce: UInt64(round)))
                    }
                }
            }
            try await group.waitForAll()
        }
        let head = try await first.head()
        #expect(head.sequence == 52)
        #expect(try await second.head() == head)
        #expect(try await first.entities(of: .location, matching: .all).count == 50)
        let report = try LedgerVerifier.verify(path: path)
        #expect(report.isValid, "\(report)")
    }

    @Test func aFailedAppendRestoresTheStateAndTheLedgerCarriesOn() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        let path = directory.path()
        var scenario = LedgerFileScenario()
        let ledger = try LedgerService(path: path, creating: scenario.genesis)
        let receipts = try await ledger.submitAll([scenario.initialization(), scenario.createLocation("lax")])
        let location = try #require(receipts[1].changes.first { $0.ref.kind == .location }).ref
        let head = try await ledger.head()
        let state = try await ledger.currentState()

        // Another connection makes SQLite refuse every new log row.
        let saboteur = try LedgerStore(path: path, creating: scenario.genesis)
        try saboteur.executeRawSQL(
            "CREATE TRIGGER refuse_appends BEFORE INSERT ON log BEGIN SELECT RAISE(ABORT, 'disk says no'); END")
        do throws(LedgerError) {
            _ = try await ledger.submit(
                scenario.signed(
                    .updateLocation(UpdateLocationArgs(pubkey: location.pubkey, name: "Renamed")),
                    .createLocation(
                        CreateLocationArgs(code: "ewr", name: "NY", country: "US", latitude: 40, longitude: -74))))
            Issue.record("the append should have failed")
        } catch {
            guard case .storage(let message) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(message.contains("disk says no"))
            #expect(message.contains(path))
        }
        #expect(try await ledger.head() == head)
        #expect(try await ledger.currentState() == state)

        try saboteur.executeRawSQL("DROP TRIGGER refuse_appends")
        #expect(try await ledger.submit(scenario.setEpoch(1)).sequence == head.sequence + 1)
        #expect(try LedgerVerifier.verify(path: path).isValid)
    }

    @Test func aClosedServiceRefusesCallsAndEndsItsFollowers() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let ledger = try LedgerService(path: directory.path(), creating: scenario.genesis)
        _ = try await ledger.submit(scenario.initialization())
        let stream = ledger.follow(from: 1)
        let reader = Task {
            var sequences: [UInt64] = []
            for try await entry in stream { sequences.append(entry.sequence) }
            return sequences
        }
        #expect(await waitUntil { await ledger.liveFollowerCount == 1 })
        await ledger.close()
        #expect(try await reader.value == [1])
        do throws(LedgerError) {
            _ = try await ledger.head()
            Issue.record("a closed ledger answered")
        } catch {
            guard case .storage = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }

    /// Debug-build throughput of single-process submits (for the record; no threshold).
    @Test func submitThroughputIsReported() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let ledger = try LedgerService(path: directory.path(), creating: scenario.genesis)
        _ = try await ledger.submit(scenario.initialization())
        let transactions = (1...1000).map { scenario.setEpoch(UInt64($0)) }
        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            try await ledger.submitAll(transactions)
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "LedgerService submit throughput (debug build): \(transactions.count) submits in \(elapsed), \(Int(Double(transactions.count) / seconds)) per second"
        )
        #expect(try await ledger.head().sequence == 1001)
    }
}
