import Foundation
@_spi(LedgerStoreTesting) import Ledger
import Models
import Testing

/// ``EntityFilter`` on the stored value JSON: in SQL (``LedgerStoreReader/entityRows(of:matching:)``)
/// and in Swift (``EntityFilter/matches(storedValue:)``), with one meaning: values compare as the
/// text of the JSON scalar, and an absent, null, array or object field never matches.
@Suite struct EntityFilterTests {
    /// A stored value with a field of every JSON shape.
    static let value =
        #"{"array":[1,"a"],"big":18446744073709551615,"escaped":"a\"b\\c\u00e9","exponent":1e-05,"flag":true,"#
        + #""negative":-3,"nothing":null,"number":42,"object":{"number":42},"off":false,"real":34.05,"#
        + #""text":"activated","unicode":"é","whole_real":40.0}"#

    /// (field, value, whether it matches).
    static let cases: [(String, String, Bool)] = [
        ("text", "activated", true), ("text", "Activated", false), ("text", "\"activated\"", false),
        ("escaped", #"a"b\cé"#, true), ("escaped", #"a\"b\\c\u00e9"#, false), ("unicode", "é", true),
        ("number", "42", true), ("number", "42.0", false), ("number", "+42", false),
        ("negative", "-3", true), ("big", "18446744073709551615", true),
        ("real", "34.05", true), ("real", "34.050", false), ("whole_real", "40.0", true), ("whole_real", "40", false),
        ("exponent", "1e-05", true), ("exponent", "0.00001", false),
        ("flag", "true", true), ("flag", "1", false), ("off", "false", true), ("off", "", false),
        ("nothing", "null", false), ("nothing", "", false),
        ("object", #"{"number":42}"#, false), ("array", #"[1,"a"]"#, false),
        ("absent", "", false), ("absent", "x", false), ("te\"xt", "activated", false),
        // The text is in the JSON, but not as this field's value.
        ("text", "42", false), ("number", "activated", false), ("real", "34", false), ("object", "42", false),
    ]

    @Test("each condition alone, in SQL and in Swift", arguments: cases)
    func oneCondition(field: String, value: String, matches: Bool) throws {
        let filter = EntityFilter([field: value])
        #expect(filter.matches(storedValue: Array(Self.value.utf8)) == matches, "Swift: \(field)=\(value)")
        #expect(try Self.sqlMatches(filter, storedValue: Self.value) == matches, "SQL: \(field)=\(value)")
    }

    @Test("every condition must hold; no condition matches everything, even a value that is not an object")
    func conditionsCombine() throws {
        let both = EntityFilter(["text": "activated", "number": "42"])
        let oneWrong = EntityFilter(["text": "activated", "number": "43"])
        #expect(both.matches(storedValue: Array(Self.value.utf8)))
        #expect(try Self.sqlMatches(both, storedValue: Self.value))
        #expect(!oneWrong.matches(storedValue: Array(Self.value.utf8)))
        #expect(try !Self.sqlMatches(oneWrong, storedValue: Self.value))
        #expect(EntityFilter.all.matches(storedValue: Array("[1]".utf8)))
        #expect(!EntityFilter(["a": "1"]).matches(storedValue: Array("[1]".utf8)))
        #expect(!EntityFilter(["a": "1"]).matches(storedValue: Array(#"{"a":1"#.utf8)))
    }

    @Test("the ledger's filtered lists equal its state filtered in memory, for fields of every type")
    func ledgerListsMatchTheStateFiltered() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let ledger = try LedgerService(path: directory.path(), creating: scenario.genesis)
        _ = try await ledger.submit(scenario.initialization())
        _ = try await ledger.submit(scenario.createLocation("lax", name: "Los Angeles"))
        _ = try await ledger.submit(scenario.createLocation("ewr", name: #"New "York" / \ é"#))
        _ = try await ledger.submit(
            scenario.signed(
                .createLocation(
                    CreateLocationArgs(code: "fra", name: "Frankfurt", country: "DE", latitude: 50, longitude: 8.5))))
        let state = try await ledger.currentState()
        let filters: [EntityFilter] = [
            .all, EntityFilter(["code": "lax"]), EntityFilter(["name": #"New "York" / \ é"#]),
            EntityFilter(["country": "US"]), EntityFilter(["country": "US", "code": "ewr"]),
            EntityFilter(["lat": "34.05"]), EntityFilter(["lat": "50"]), EntityFilter(["lng": "8.5"]),
            EntityFilter(["lat": "50.0"]), EntityFilter(["code": "LAX"]), EntityFilter(["no_such_field": "x"]),
        ]
        for filter in filters {
            let expected = state.entities(of: .location).filter(filter.matches)
            #expect(try await ledger.entities(of: .location, matching: filter) == expected, "\(filter.conditions)")
        }
        #expect(try await ledger.entities(of: .location, matching: EntityFilter(["lat": "34.05"])).count == 2)
        #expect(try await ledger.entities(of: .location, matching: EntityFilter(["lat": "50"])).count == 1)
        let global = try await ledger.entities(of: .globalConfig, matching: EntityFilter(["local_asn": "65000"]))
        #expect(global.count == 1)
    }

    /// Whether the SQL filter selects a row holding `storedValue`.
    static func sqlMatches(_ filter: EntityFilter, storedValue: String) throws -> Bool {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        let store = try LedgerStore(path: directory.path(), creating: LedgerGenesis(foundation: Keypair().publicKey))
        defer { try? store.close() }
        let quoted = storedValue.replacingOccurrences(of: "'", with: "''")
        try store.executeRawSQL(
            "INSERT INTO entities (kind, pubkey, value, sequence) VALUES ('location', 'k', CAST('\(quoted)' AS BLOB), 1)"
        )
        let rows = try store.read { reader throws(LedgerStoreError) in
            try reader.entityRows(of: .location, matching: filter)
        }
        return !rows.isEmpty
    }
}
