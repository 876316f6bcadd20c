import AppTestSupport
import Foundation
import Models
import Testing

/// Locations, exchanges and contributors: create, list (table and JSON), get, update, suspend and delete.
@Suite("Locations, exchanges and contributors")
struct InfrastructureTests {
    @Test("location list prints the upstream columns and JSON with snake_case fields")
    func locationList() async throws {
        let workspace = try await CLIWorkspace.withInfrastructure()

        let table = try await workspace.succeed(["location", "list"])
        let lines = table.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(table.standardOutput)")
        let header = lines[0].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(header == ["account", "code", "name", "country", "lat", "lng", "status", "owner"])
        #expect(lines.allSatisfy { $0.hasPrefix(" ") })
        #expect(lines[1].contains("| ewr  | Newark "), "rows are sorted by code: \(table.standardOutput)")

        let json = try await workspace.succeed(["location", "list", "--json"])
        let objects = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(objects.count == 2)
        #expect(Set(objects.compactMap { $0["code"] as? String }) == ["lax", "ewr"])
        #expect(objects.allSatisfy { $0["reference_count"] != nil && $0["lat"] != nil })

        let locations = try await workspace.json([Location].self, ["location", "list"])
        let lax = try #require(locations.first { $0.code == "lax" })
        #expect(lax.name == "Los Angeles")
        #expect(lax.country == "US")
        #expect(lax.latitude == 34.05)
        #expect(lax.status == .activated)

        let compact = try await workspace.succeed(["location", "list", "--json-compact"])
        #expect(compact.standardOutput.split(separator: "\n").count == 1)
    }

    @Test("get finds an account by code or by public key")
    func getByCodeOrKey() async throws {
        let workspace = try await CLIWorkspace.withInfrastructure()
        let byCode = try await workspace.json(Exchange.self, ["exchange", "get", "--code", "xewr"])
        #expect(byCode.bgpCommunity == 10001)
        let byKey = try await workspace.json(Exchange.self, ["exchange", "get", "--code", byCode.pubkey.base58])
        #expect(byKey == byCode)

        let lines = try await workspace.succeed(["exchange", "get", "--code", "xewr"])
        #expect(lines.standardOutput.contains(" bgp_community   | 10001\n"), "\(lines.standardOutput)")
    }

    @Test("an unknown code names the known ones")
    func unknownCode() async throws {
        let workspace = try await CLIWorkspace.withInfrastructure()
        let run = try await workspace.ledger(["exchange", "get", "--code", "xyz"])
        #expect(run.exitCode == 1)
        #expect(run.standardError == "Error: no exchange with code 'xyz' (known: xewr, xlax)\n")
    }

    @Test("exchange update --bgp-community: a free value is taken, out of range and duplicates are refused")
    func bgpCommunity() async throws {
        let workspace = try await CLIWorkspace.withInfrastructure()
        try await workspace.succeed(["exchange", "update", "--pubkey", "xewr", "--bgp-community", "10500"])
        #expect(try await workspace.json(Exchange.self, ["exchange", "get", "--code", "xewr"]).bgpCommunity == 10500)

        let outOfRange = try await workspace.ledger([
            "exchange", "update", "--pubkey", "xewr", "--bgp-community", "9999",
        ])
        #expect(outOfRange.exitCode == 64)
        #expect(outOfRange.standardError.contains("--bgp-community"), "stderr: \(outOfRange.standardError)")
        #expect(outOfRange.standardError.contains("InvalidBgpCommunity (55)"), "stderr: \(outOfRange.standardError)")

        let duplicate = try await workspace.ledger([
            "exchange", "update", "--pubkey", "xewr", "--bgp-community", "10000",
        ])
        #expect(duplicate.exitCode == 1)
        #expect(
            duplicate.standardError.hasPrefix("Error: InvalidBgpCommunity (55): "), "stderr: \(duplicate.standardError)"
        )
        #expect(duplicate.standardError.contains("xlax"), "stderr: \(duplicate.standardError)")
        #expect(try await workspace.json(Exchange.self, ["exchange", "get", "--code", "xewr"]).bgpCommunity == 10500)
    }

    @Test("update changes only the fields given")
    func update() async throws {
        let workspace = try await CLIWorkspace.withInfrastructure()
        try await workspace.succeed(["location", "update", "--pubkey", "lax", "--name", "LA", "--lat", "-33.5"])
        let lax = try await workspace.json(Location.self, ["location", "get", "--code", "lax"])
        #expect(lax.name == "LA")
        #expect(lax.latitude == -33.5)
        #expect(lax.longitude == -118.24)
        #expect(lax.country == "US")

        let other = try await workspace.keygen("ops.json")
        try await workspace.succeed(["contributor", "update", "--pubkey", "co01", "--ops-manager", other.publicKey])
        let contributor = try await workspace.json(Contributor.self, ["contributor", "get", "--code", "co01"])
        #expect(contributor.opsManager?.base58 == other.publicKey)
    }

    @Test("suspend and resume")
    func suspendAndResume() async throws {
        let workspace = try await CLIWorkspace.withInfrastructure()
        try await workspace.succeed(["contributor", "suspend", "--pubkey", "co01"])
        #expect(
            try await workspace.json(Contributor.self, ["contributor", "get", "--code", "co01"]).status == .suspended)
        try await workspace.succeed(["contributor", "resume", "--pubkey", "co01"])
        #expect(
            try await workspace.json(Contributor.self, ["contributor", "get", "--code", "co01"]).status == .activated)
    }

    @Test("delete removes an unreferenced account and refuses a referenced one")
    func delete() async throws {
        let workspace = try await CLIWorkspace.withDevice()
        let referenced = try await workspace.ledger(["location", "delete", "--pubkey", "lax"])
        #expect(referenced.exitCode == 1)
        #expect(
            referenced.standardError.hasPrefix("Error: ReferenceCountNotZero (13): "),
            "stderr: \(referenced.standardError)")

        try await workspace.succeed(["location", "delete", "--pubkey", "ewr"])
        try await workspace.succeed(["exchange", "delete", "--pubkey", "xewr"])
        #expect(try await workspace.json([Location].self, ["location", "list"]).map(\.code) == ["lax"])
        #expect(try await workspace.json([Exchange].self, ["exchange", "list"]).map(\.code) == ["xlax"])
        let gone = try await workspace.ledger(["location", "get", "--code", "ewr"])
        #expect(gone.exitCode == 1)
        #expect(gone.standardError.contains("no location with code 'ewr'"), "stderr: \(gone.standardError)")
    }
}
