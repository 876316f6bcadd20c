import Foundation
import LayerCheck
import Testing

/// The real front end (spawning `swift package dump-package`) on the fixture trees.
@Suite("Fixture trees")
struct FixtureTreeTests {
    @Test("the good tree has seven packages and no violations")
    func goodTreePasses() async throws {
        let report = try await LayerCheckReport.checking(root: TreeLocations.fixture("Good"))
        #expect(report.violations == [])
        #expect(report.passed)
        #expect(report.summary == "layer-check: 7 packages, 7 source files, no violations")
        let routing = try #require(report.graph["Routing"])
        #expect(routing.manifest == .read(declaredName: "Routing"))
        #expect(routing.localDependencies == [.sibling("Models"), .sibling("Ledger"), .sibling("Tunnel")])
        #expect(routing.imports.map(\.module) == ["Models", "Ledger", "Tunnel"])
        #expect(report.graph["Models"]?.localDependencies == [])
        #expect(report.graph["LinuxHost"]?.localDependencies == [])
        #expect(report.graph["Tunnel"]?.localDependencies == [.sibling("Models"), .sibling("LinuxHost")])
        #expect(report.graph["Tunnel"]?.imports.map(\.module) == ["Foundation", "LinuxHost", "Models"])
    }

    @Test("the bad tree reports exactly Tunnel -> Routing and Allocator importing Foundation")
    func badTreeFails() async throws {
        let report = try await LayerCheckReport.checking(root: TreeLocations.fixture("Bad"))
        #expect(!report.passed)
        #expect(
            report.violations == [
                .forbiddenImport(
                    package: .allocator, module: "Foundation",
                    location: SourceLocation(file: "Packages/Allocator/Sources/Allocator/x.swift", line: 1)),
                .forbiddenDependency(package: .tunnel, dependency: .routing),
            ])
        #expect(
            report.text == """
                Packages/Allocator/Sources/Allocator/x.swift:1: Allocator imports Foundation: \
                Allocator does no I/O and may import Models only
                Tunnel depends on Routing: layer 1 packages may depend on layer-0 packages (Models, LinuxHost) only
                layer-check: 6 packages, 6 source files, 2 violations
                """)
    }

    @Test("the bad tree's JSON report lists both violations")
    func badTreeJSON() async throws {
        let report = try await LayerCheckReport.checking(root: TreeLocations.fixture("Bad"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(object["passed"] as? Bool == false)
        #expect(object["sourceFiles"] as? Int == 6)
        let violations = try #require(object["violations"] as? [[String: Any]])
        #expect(violations.map { $0["kind"] as? String } == ["forbiddenImport", "forbiddenDependency"])
        #expect(violations.map { $0["subject"] as? String } == ["Foundation", "Routing"])
        #expect(violations.first?["line"] as? Int == 1)
        #expect(violations.last?["file"] == nil)
    }

    @Test("a root without Packages/ is refused")
    func missingPackagesDirectory() async {
        await #expect(throws: PackageTreeReader.Failure.self) {
            try await LayerCheckReport.checking(root: TreeLocations.fixture("Missing"))
        }
    }
}
