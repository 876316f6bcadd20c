import Foundation
@_spi(LedgerStoreTesting) import Ledger
import Models
import Testing

@Suite struct LedgerVerifierTests {
    /// A ledger file with 8 entries: initialisation, three locations, an exchange, a contributor,
    /// a rename of the first location and an epoch.
    private struct SampleLedger {
        let directory: TemporaryLedgerDirectory
        let path: String
        let head: LedgerHead
        let receipts: [SubmitReceipt]

        init() async throws {
            directory = try TemporaryLedgerDirectory()
            path = directory.path()
            var scenario = LedgerFileScenario()
            let ledger = try LedgerService(path: path, creating: scenario.genesis)
            var receipts = try await ledger.submitAll([
                scenario.initialization(), scenario.createLocation("lax", name: "Los Angeles"),
                scenario.createLocation("ewr"), scenario.createLocation("fra"),
                scenario.signed(
                    .createExchange(CreateExchangeArgs(code: "xlax", name: "LA", latitude: 34, longitude: -118))),
                scenario.signed(
                    .createContributor(CreateContributorArgs(code: "co01", owner: scenario.contributorOwner.publicKey))),
            ])
            let lax = try #require(receipts[1].changes.first { $0.ref.kind == .location }).ref
            receipts += try await ledger.submitAll([
                scenario.signed(.updateLocation(UpdateLocationArgs(pubkey: lax.pubkey, name: "LA Metro"))),
                scenario.setEpoch(1),
            ])
            self.receipts = receipts
            head = try await ledger.head()
            await ledger.close()
        }

        /// The location created by entry 2 (renamed by entry 7).
        var lax: EntityRef { receipts[1].changes.first { $0.ref.kind == .location }!.ref }

        /// Runs `sql` on the file through a separate connection, outside every ledger rule.
        func tamper(_ sql: String) throws {
            let store = try LedgerStore(path: path)
            try store.executeRawSQL(sql)
            try store.close()
        }

        /// The raw row of log entry `sequence`.
        func logRow(_ sequence: UInt64) throws -> StoredLogRow {
            try #require(
                try LedgerStore(path: path, accessMode: .readOnly).read {
                    (reader) throws(LedgerStoreError) in try reader.logRows(from: sequence, limit: 1).first
                })
        }
    }

    @Test func aSoundFileVerifies() async throws {
        let sample = try await SampleLedger()
        defer { sample.directory.remove() }
        let report = try LedgerVerifier.verify(path: sample.path)
        #expect(report.isValid, "\(report)")
        #expect(report.entriesChecked == 8)
        #expect(report.finalPosition == LogPosition(sequence: sample.head.sequence, hash: sample.head.hash))
        #expect(report.stateHash == sample.head.stateHash)
        #expect(!report.problemsTruncated)
    }

    @Test func anEmptyLedgerVerifiesAndAMissingFileIsAnError() throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        let path = directory.path()
        try LedgerStore(path: path, creating: LedgerGenesis(foundation: Keypair().publicKey)).close()
        let report = try LedgerVerifier.verify(path: path)
        #expect(report.isValid)
        #expect(report.entriesChecked == 0)
        #expect(report.finalPosition == .genesis)
        #expect(report.stateHash == LedgerState().stateHash)
        let missing = directory.path("missing.sqlite")
        #expect(throws: LedgerStoreError.fileNotFound(path: missing)) { try LedgerVerifier.verify(path: missing) }
    }

    @Test func aFlippedByteInAStoredMessageIsCaught() async throws {
        let sample = try await SampleLedger()
        defer { sample.directory.remove() }
        var message = try sample.logRow(3).message
        // Inside the location's code: still valid JSON, no longer what was signed.
        let position = try #require(message.firstIndex(of: UInt8(ascii: "e")))
        message[position] ^= 0x01
        try sample.tamper("UPDATE log SET message = X'\(Hex.encode(message))' WHERE sequence = 3")

        let report = try LedgerVerifier.verify(path: sample.path)
        #expect(!report.isValid)
        let invalid = report.problems.compactMap { problem -> ProgramError? in
            if case .invalidTransaction(3, let error) = problem { return error }
            return nil
        }
        #expect(invalid.count == 1, "\(report)")
        #expect(invalid.first.map { [.invalidSignature, .malformedTransaction].contains($0.code) } == true)
        #expect(report.problems.allSatisfy { $0.sequence == 3 }, "\(report)")
    }

    @Test func aChangedEntityRowIsCaughtAsTheFirstDifferingEntity() async throws {
        let sample = try await SampleLedger()
        defer { sample.directory.remove() }
        try sample.tamper(
            """
            UPDATE entities SET value = CAST(replace(CAST(value AS TEXT), '"name":"LA Metro"', '"name":"Elsewhere"') AS BLOB)
            WHERE kind = 'location' AND pubkey = '\(sample.lax.pubkey)'
            """)
        let report = try LedgerVerifier.verify(path: sample.path)
        #expect(report.problems.count == 1, "\(report)")
        guard case .stateMismatch(let ref, let stored, let replayed, let count) = report.problems.first else {
            Issue.record("expected a state mismatch: \(report)")
            return
        }
        #expect(ref == sample.lax)
        #expect(count == 1)
        guard case .location(let storedLocation) = stored, case .location(let replayedLocation) = replayed else {
            Issue.record("expected two locations")
            return
        }
        #expect(storedLocation.name == "Elsewhere")
        #expect(replayedLocation.name == "LA Metro")
        #expect(report.stateHash == sample.head.stateHash, "the replay itself is unaffected")
    }

    @Test func aWrongEntityRowSequenceIsCaught() async throws {
        let sample = try await SampleLedger()
        defer { sample.directory.remove() }
        try sample.tamper(
            "UPDATE entities SET sequence = 2 WHERE kind = 'location' AND pubkey = '\(sample.lax.pubkey)'")
        let report = try LedgerVerifier.verify(path: sample.path)
        #expect(report.problems == [.entitySequenceMismatch(ref: sample.lax, stored: 2, expected: 7)])
    }

    @Test func aDeletedLogRowIsCaughtAsAGapAndABrokenChain() async throws {
        let sample = try await SampleLedger()
        defer { sample.directory.remove() }
        let fifth = try sample.logRow(5)
        try sample.tamper("DELETE FROM log WHERE sequence = 4")
        let report = try LedgerVerifier.verify(path: sample.path)
        #expect(report.entriesChecked == 7)
        #expect(report.problems.contains(.sequenceGap(expected: 4, found: 5)), "\(report)")
        let fourthHash = sample.receipts[3].hash
        #expect(
            report.problems.contains(
                .brokenChain(
                    sequence: 5, previousHash: fourthHash, expected: sample.receipts[2].hash)), "\(report)")
        #expect(fifth.previousHash == fourthHash)
        // The lost entry created the "fra" location, which the table still holds.
        #expect(report.problems.contains { if case .stateMismatch = $0 { true } else { false } }, "\(report)")
    }

    @Test func tamperedStoredChangesAreCaught() async throws {
        let sample = try await SampleLedger()
        defer { sample.directory.remove() }
        try sample.tamper(
            """
            UPDATE log SET changes = CAST(replace(CAST(changes AS TEXT), '"epoch":2', '"epoch":3') AS BLOB) WHERE sequence = 8
            """)
        let report = try LedgerVerifier.verify(path: sample.path)
        #expect(report.problems.contains { if case .hashMismatch(8, _, _) = $0 { true } else { false } }, "\(report)")
        #expect(
            report.problems.contains(
                .changesMismatch(sequence: 8, ref: EntityRef(kind: .globalState, pubkey: Entity.globalStateKey))),
            "\(report)")
    }

    @Test func aRewrittenHashBreaksTheChainAfterIt() async throws {
        let sample = try await SampleLedger()
        defer { sample.directory.remove() }
        let forged = String(repeating: "ab", count: 32)
        try sample.tamper("UPDATE log SET hash = '\(forged)' WHERE sequence = 6")
        let report = try LedgerVerifier.verify(path: sample.path)
        #expect(
            report.problems.contains { if case .hashMismatch(6, forged, _) = $0 { true } else { false } }, "\(report)")
        #expect(
            report.problems.contains(
                .brokenChain(sequence: 7, previousHash: sample.receipts[5].hash, expected: forged)), "\(report)")
    }
}
