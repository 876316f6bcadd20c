import Foundation
import Ledger
import LedgerClient
import LedgerWireFormat
import Models
import Testing

/// Submitting, reading entities, filtering and the head, over real HTTP on 127.0.0.1.
@Suite("Ledger server: submit and read")
struct SubmitAndReadTests {
    @Test("a submitted transaction returns its receipt, and the head moves", arguments: LedgerBackend.allCases)
    func submitReturnsReceipt(_ backend: LedgerBackend) async throws {
        try await ServerFixture.with(backend) { fixture in
            let transaction = fixture.transactions.initialize()
            let raw = try await fixture.http.post(LedgerHTTPPath.transactions, transaction.wire)
            #expect(raw.status == 200, "\(raw.text)")
            #expect(raw.contentType == LedgerMediaType.json)
            let receipt = try JSONDecoder().decode(SubmitReceipt.self, from: raw.body)
            #expect(receipt.sequence == 1)
            #expect(receipt.transactionId == transaction.id)
            #expect(receipt.changes.map(\.ref.kind) == [.globalState])
            #expect(raw.text.contains(#""transaction_id""#))

            let second = try await fixture.client.submit(fixture.transactions.createLocation("nyc"))
            #expect(second.sequence == 2)
            let head = try await fixture.client.head()
            #expect(head.sequence == 2)
            #expect(head.hash == second.hash)
            #expect(head == (try await fixture.ledger.head()))
        }
    }

    @Test("the head of an empty ledger is sequence 0 with the genesis hash", arguments: LedgerBackend.allCases)
    func emptyHead(_ backend: LedgerBackend) async throws {
        try await ServerFixture.with(backend) { fixture in
            let raw = try await fixture.http.get(LedgerHTTPPath.head)
            #expect(raw.status == 200)
            #expect(raw.text.contains(#""state_hash""#))
            let head = try await fixture.client.head()
            #expect(head.sequence == 0)
            #expect(head.hash == LogEntry.genesisHash)
        }
    }

    @Test("entities: one by key, a kind's list, and filters on fields", arguments: LedgerBackend.allCases)
    func entitiesAndFilters(_ backend: LedgerBackend) async throws {
        try await ServerFixture.with(backend) { fixture in
            _ = try await fixture.client.submit(fixture.transactions.initialize())
            let nyc = try await fixture.client.submit(fixture.transactions.createLocation("nyc"))
            _ = try await fixture.client.submit(fixture.transactions.createLocation("lax"))
            let nycKey = try #require(nyc.changes.first { $0.ref.kind == .location }?.ref)

            let all = try await fixture.client.entities(of: .location, matching: .all)
            #expect(all.count == 2)
            #expect(all == (try await fixture.ledger.entities(of: .location, matching: .all)))

            let filtered = try await fixture.client.entities(of: .location, matching: EntityFilter(["code": "nyc"]))
            #expect(filtered.map(\.pubkey) == [nycKey.pubkey])
            let none = try await fixture.client.entities(
                of: .location, matching: EntityFilter(["code": "nyc", "country": "FR"]))
            #expect(none.isEmpty)

            let raw = try await fixture.http.get(LedgerHTTPPath.entities(of: .location) + "?code=lax")
            #expect(raw.status == 200)
            let body = try JSONDecoder().decode(EntityListBody.self, from: raw.body)
            #expect(body.entities.count == 1)
            #expect(raw.text.hasPrefix(#"{"entities":[{"kind":"location","value":{"#))

            let one = try await fixture.client.entity(nycKey)
            #expect(one == (try await fixture.ledger.entity(nycKey)))
            #expect(one?.kind == .location)

            let global = try await fixture.client.entities(of: .globalState, matching: .all)
            #expect(global.count == 1)
        }
    }

    @Test("a filter value with reserved characters survives the query string", arguments: LedgerBackend.allCases)
    func filterEncoding(_ backend: LedgerBackend) async throws {
        try await ServerFixture.with(backend) { fixture in
            _ = try await fixture.client.submit(fixture.transactions.initialize())
            _ = try await fixture.client.submit(fixture.transactions.createLocation("odd", name: "a&b=c/d+e %"))
            let found = try await fixture.client.entities(
                of: .location, matching: EntityFilter(["name": "a&b=c/d+e %"]))
            #expect(found.count == 1)
        }
    }

    @Test(
        "an absent entity is nil through the client and 404 AccountNotFound over HTTP",
        arguments: LedgerBackend.allCases)
    func absentEntity(_ backend: LedgerBackend) async throws {
        try await ServerFixture.with(backend) { fixture in
            let ref = EntityRef(kind: .device, pubkey: Keypair().publicKey)
            #expect(try await fixture.client.entity(ref) == nil)
            let raw = try await fixture.http.get(LedgerHTTPPath.entity(ref))
            #expect(raw.status == 404)
            #expect(raw.programError?.code == .accountNotFound)
        }
    }

    @Test("healthz answers ok", arguments: LedgerBackend.allCases)
    func health(_ backend: LedgerBackend) async throws {
        try await ServerFixture.with(backend) { fixture in
            let raw = try await fixture.http.get(LedgerHTTPPath.health)
            #expect(raw.status == 200)
            #expect(raw.text == "ok\n")
            try await fixture.client.checkHealth()
        }
    }
}
