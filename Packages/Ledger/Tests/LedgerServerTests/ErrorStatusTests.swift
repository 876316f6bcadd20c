import Foundation
import Ledger
import LedgerTestSupport
import LedgerClient
import LedgerWireFormat
import Models
import Testing

/// Every refusal has its status and ProgramError code, and leaves the ledger as it was.
@Suite("Ledger server: error statuses")
struct ErrorStatusTests {
    /// Runs `request` on an initialised ledger and checks status, code and that the head did not move.
    private func expectRefusal(
        _ backend: LedgerBackend, status: Int, code: ErrorCode,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ request: (ServerFixture) async throws -> RawHTTP.Reply
    ) async throws {
        try await ServerFixture.with(backend) { (fixture: ServerFixture) async throws in
            _ = try await fixture.client.submit(fixture.transactions.initialize())
            let before = try await fixture.ledger.head()
            let reply = try await request(fixture)
            #expect(reply.status == status, "\(reply.text)", sourceLocation: sourceLocation)
            #expect(reply.contentType == LedgerMediaType.json, sourceLocation: sourceLocation)
            #expect(reply.programError?.code == code, "\(reply.text)", sourceLocation: sourceLocation)
            #expect(reply.errorDetail?.name == code.name, sourceLocation: sourceLocation)
            #expect(
                try await fixture.ledger.head() == before, "a refused request changed the ledger",
                sourceLocation: sourceLocation)
        }
    }

    @Test("a body over 64 KiB is 413 PayloadTooLarge", arguments: LedgerBackend.allCases)
    func oversize(_ backend: LedgerBackend) async throws {
        try await expectRefusal(backend, status: 413, code: .payloadTooLarge) { fixture in
            try await fixture.http.post(LedgerHTTPPath.transactions, TransactionFactory.oversizeBody())
        }
    }

    @Test("a streamed body without a length is cut off at 64 KiB with 413", arguments: LedgerBackend.allCases)
    func oversizeStreamed(_ backend: LedgerBackend) async throws {
        try await expectRefusal(backend, status: 413, code: .payloadTooLarge) { fixture in
            try await fixture.http.postStreamed(LedgerHTTPPath.transactions, TransactionFactory.oversizeBody())
        }
    }

    @Test("garbage is 400 MalformedTransaction", arguments: LedgerBackend.allCases)
    func garbage(_ backend: LedgerBackend) async throws {
        try await expectRefusal(backend, status: 400, code: .malformedTransaction) { fixture in
            try await fixture.http.post(LedgerHTTPPath.transactions, Array("this is not json {".utf8))
        }
    }

    @Test("an empty body is 400 MalformedTransaction", arguments: LedgerBackend.allCases)
    func emptyBody(_ backend: LedgerBackend) async throws {
        try await expectRefusal(backend, status: 400, code: .malformedTransaction) { fixture in
            try await fixture.http.post(LedgerHTTPPath.transactions, [])
        }
    }

    @Test("a signature over other bytes is 400 InvalidSignature", arguments: LedgerBackend.allCases)
    func badSignature(_ backend: LedgerBackend) async throws {
        try await expectRefusal(backend, status: 400, code: .invalidSignature) { fixture in
            try await fixture.http.post(LedgerHTTPPath.transactions, fixture.transactions.badSignatureWire())
        }
    }

    @Test("an unknown instruction is 400 UnknownInstruction", arguments: LedgerBackend.allCases)
    func unknownInstruction(_ backend: LedgerBackend) async throws {
        try await expectRefusal(backend, status: 400, code: .unknownInstruction) { fixture in
            try await fixture.http.post(LedgerHTTPPath.transactions, fixture.transactions.unknownInstructionWire())
        }
    }

    @Test("the same transaction twice is 409 ReplayedTransaction", arguments: LedgerBackend.allCases)
    func replay(_ backend: LedgerBackend) async throws {
        try await ServerFixture.with(backend) { (fixture: ServerFixture) async throws in
            let transaction = fixture.transactions.initialize()
            #expect(try await fixture.http.post(LedgerHTTPPath.transactions, transaction.wire).status == 200)
            let before = try await fixture.ledger.head()
            let again = try await fixture.http.post(LedgerHTTPPath.transactions, transaction.wire)
            #expect(again.status == 409)
            #expect(again.programError?.code == .replayedTransaction)
            #expect(try await fixture.ledger.head() == before)
            do throws(LedgerError) {
                _ = try await fixture.client.submit(transaction)
            } catch {
                guard case .rejected(let programError) = error else {
                    Issue.record("expected a rejection, got \(error)")
                    return
                }
                #expect(programError.code == .replayedTransaction)
            }
        }
    }

    @Test("a program refusal is 422 with the program's code", arguments: LedgerBackend.allCases)
    func programRefusal(_ backend: LedgerBackend) async throws {
        try await expectRefusal(backend, status: 422, code: .notAllowed) { fixture in
            try await fixture.http.post(
                LedgerHTTPPath.transactions,
                fixture.transactions.createLocation("nyc", by: fixture.transactions.stranger).wire)
        }
    }

    @Test("the client reports a program refusal as rejected with the same error", arguments: LedgerBackend.allCases)
    func clientRefusal(_ backend: LedgerBackend) async throws {
        try await ServerFixture.with(backend) { (fixture: ServerFixture) async throws in
            do throws(LedgerError) {
                _ = try await fixture.client.submit(fixture.transactions.createLocation("nyc"))
                Issue.record("a location was created before initialisation")
            } catch {
                guard case .rejected(let programError) = error else {
                    Issue.record("expected a rejection, got \(error)")
                    return
                }
                #expect(programError.code == .notInitialized)
                #expect(!programError.message.isEmpty)
            }
            #expect(try await fixture.ledger.head().sequence == 0)
        }
    }

    @Test("an unknown kind is 404 InvalidAccountType naming the valid kinds", arguments: LedgerBackend.allCases)
    func unknownKind(_ backend: LedgerBackend) async throws {
        try await expectRefusal(backend, status: 404, code: .invalidAccountType) { fixture in
            let reply = try await fixture.http.get("/v1/entities/router")
            let message = reply.programError?.message ?? ""
            for kind in EntityKind.allCases {
                #expect(message.contains(kind.rawValue), "\(message)")
            }
            #expect(message.contains("router"))
            return reply
        }
        try await expectRefusal(backend, status: 404, code: .invalidAccountType) { fixture in
            try await fixture.http.get("/v1/entities/router/\(Keypair().publicKey.base58)")
        }
    }

    @Test("a malformed key is 400 InvalidArgument", arguments: LedgerBackend.allCases)
    func malformedKey(_ backend: LedgerBackend) async throws {
        try await expectRefusal(backend, status: 400, code: .invalidArgument) { fixture in
            try await fixture.http.get("/v1/entities/device/not-a-key-0OIl")
        }
        try await expectRefusal(backend, status: 400, code: .invalidArgument) { fixture in
            try await fixture.http.get("/v1/entities/device/\(Base58.encode([UInt8](repeating: 1, count: 31)))")
        }
    }

    @Test("a bad log query is 400 InvalidArgument", arguments: LedgerBackend.allCases)
    func badLogQuery(_ backend: LedgerBackend) async throws {
        try await expectRefusal(backend, status: 400, code: .invalidArgument) { fixture in
            try await fixture.http.get("/v1/log?from=minus-one")
        }
        try await expectRefusal(backend, status: 400, code: .invalidArgument) { fixture in
            try await fixture.http.get("/v1/log?from=1&follow=maybe")
        }
    }

    @Test("a storage failure is 500 with a message and no internals; the client sees .storage")
    func storageFailure() async throws {
        try await ServerFixture.with(.inMemory) { (fixture: ServerFixture) async throws in
            let ledger = try #require(fixture.ledger as? InMemoryLedger)
            await ledger.failNextSubmit(with: "disk I/O error at /secret/path/ledger.sqlite")
            let reply = try await fixture.http.post(LedgerHTTPPath.transactions, fixture.transactions.initialize().wire)
            #expect(reply.status == 500)
            #expect(reply.errorDetail?.code == nil)
            #expect(reply.errorDetail?.message.isEmpty == false)
            #expect(!reply.text.contains("/secret/path"))
            #expect(try await fixture.ledger.head().sequence == 0)

            await ledger.failNextSubmit(with: "disk full")
            do throws(LedgerError) {
                _ = try await fixture.client.submit(fixture.transactions.initialize())
                Issue.record("the submit succeeded")
            } catch {
                guard case .storage = error else {
                    Issue.record("expected a storage error, got \(error)")
                    return
                }
            }
        }
    }

    @Test("another ledger's transaction is 400 WrongLedger", arguments: LedgerBackend.allCases)
    func wrongLedger(_ backend: LedgerBackend) async throws {
        try await expectRefusal(backend, status: 400, code: .wrongLedger) { fixture in
            let elsewhere = LedgerGenesis(foundation: fixture.transactions.foundation.publicKey).id
            let transaction = SignedTransaction(
                [.setEpoch(SetEpochArgs(epoch: 2))], signedBy: fixture.transactions.foundation, for: elsewhere)
            return try await fixture.http.post(LedgerHTTPPath.transactions, transaction.wire)
        }
    }

    @Test("an expired transaction is 400 TransactionExpired", arguments: LedgerBackend.allCases)
    func expired(_ backend: LedgerBackend) async throws {
        try await expectRefusal(backend, status: 400, code: .transactionExpired) { fixture in
            let transaction = SignedTransaction(
                [.setEpoch(SetEpochArgs(epoch: 2))], signedBy: fixture.transactions.foundation,
                for: fixture.transactions.genesis.id, notAfter: TransactionValidity.now() - 1)
            return try await fixture.http.post(LedgerHTTPPath.transactions, transaction.wire)
        }
    }

    @Test("a transaction refused once is 409 NonceRefusedBefore when it comes again")
    func refusedBefore() async throws {
        try await expectRefusal(.sqliteFile, status: 409, code: .nonceRefusedBefore) { fixture in
            let stranger = fixture.transactions.createLocation("lax", by: fixture.transactions.stranger)
            let first = try await fixture.http.post(LedgerHTTPPath.transactions, stranger.wire)
            #expect(first.status == 422)
            #expect(first.programError?.code == .notAllowed)
            return try await fixture.http.post(LedgerHTTPPath.transactions, stranger.wire)
        }
    }

    @Test("GET /v1/genesis is the record whose hash every transaction names", arguments: LedgerBackend.allCases)
    func genesis(_ backend: LedgerBackend) async throws {
        try await ServerFixture.with(backend) { (fixture: ServerFixture) async throws in
            let genesis = try await fixture.client.genesis()
            #expect(genesis == fixture.transactions.genesis)
            let reply = try await fixture.http.get(LedgerHTTPPath.genesis)
            #expect(reply.status == 200)
            #expect(reply.text.contains(fixture.transactions.foundation.publicKey.base58))
            // The client signs with it: a transaction submitted through it is accepted.
            let receipt = try await fixture.client.submit([.initGlobalState], signedBy: fixture.transactions.foundation)
            #expect(receipt.sequence == 1)
        }
    }

    @Test("an unknown route is a JSON 404")
    func unknownRoute() async throws {
        try await ServerFixture.with(.inMemory) { (fixture: ServerFixture) async throws in
            let reply = try await fixture.http.get("/v2/nothing")
            #expect(reply.status == 404)
            #expect(reply.errorDetail != nil, "\(reply.text)")
        }
    }

    @Test("an unreachable server is a transport error")
    func unreachable() async throws {
        let client = try RemoteLedger(
            url: "http://127.0.0.1:1", configuration: RemoteLedgerConfiguration(connectTimeout: .seconds(2)))
        do throws(LedgerError) {
            _ = try await client.head()
            Issue.record("a head came from nowhere")
        } catch {
            guard case .transport = error else {
                Issue.record("expected a transport error, got \(error)")
                return
            }
        }
        try await client.shutdown()
    }
}
