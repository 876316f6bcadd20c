import Foundation
import LayerCheck
import Testing

/// Reading `dump-package` JSON and the paths a manifest spells.
@Suite("ManifestDump and DeclaredPackagePaths")
struct ManifestDumpTests {
    /// An abridged `dump-package` of a package like Allocator: a path dependency on Models, an
    /// external package used by the tests only, and one used by the library.
    let json = Data(
        #"""
        {
          "name": "Allocator",
          "dependencies": [
            {"fileSystem": [{"identity": "models", "path": "/repo/Packages/Models", "productFilter": null}]},
            {"sourceControl": [{"identity": "swift-property-based",
              "location": {"remote": [{"urlString": "https://github.com/x-sheep/swift-property-based.git"}]}}]},
            {"registry": [{"identity": "apple.swift-collections"}]}
          ],
          "targets": [
            {"name": "Allocator", "type": "regular",
             "dependencies": [{"product": ["Models", "Models", null, null]},
                              {"product": ["Collections", "apple.swift-collections", null, null]},
                              {"target": ["CAllocator", null]}]},
            {"name": "CAllocator", "type": "regular", "dependencies": []},
            {"name": "AllocatorTests", "type": "test",
             "dependencies": [{"byName": ["Allocator", null]},
                              {"product": ["PropertyBased", "swift-property-based", null, null]}]}
          ]
        }
        """#.utf8)

    @Test("name, dependencies and targets are read")
    func parsesDump() throws {
        let dump = try ManifestDump(json: json)
        #expect(dump.name == "Allocator")
        #expect(dump.dependencies.map(\.identity) == ["models", "swift-property-based", "apple.swift-collections"])
        #expect(dump.dependencies.map(\.path) == ["/repo/Packages/Models", nil, nil])
        #expect(dump.modules == ["Allocator", "CAllocator"])
    }

    @Test("external packages are told apart by whether only tests use them")
    func externalUsage() throws {
        let dump = try ManifestDump(json: json)
        #expect(
            dump.externalDependencies == [
                ExternalDependency(identity: "swift-property-based", isUsedByTestsOnly: true),
                ExternalDependency(identity: "apple.swift-collections", isUsedByTestsOnly: false),
            ])
    }

    @Test("a declared external package no target uses does not count as test-only")
    func unusedExternal() {
        let dump = ManifestDump(
            name: "Allocator",
            dependencies: [.init(identity: "swift-nio", path: nil)],
            targets: [.init(name: "Allocator", isTest: false, productPackages: [], byNameDependencies: [])])
        #expect(dump.externalDependencies == [ExternalDependency(identity: "swift-nio", isUsedByTestsOnly: false)])
    }

    @Test("a by-name product of an undeclared package counts as external")
    func byNameExternal() {
        let dump = ManifestDump(
            name: "Allocator",
            dependencies: [.init(identity: "models", path: "/repo/Packages/Models")],
            targets: [
                .init(name: "Allocator", isTest: false, productPackages: [], byNameDependencies: ["Models", "Atomics"])
            ])
        #expect(dump.externalDependencies == [ExternalDependency(identity: "atomics", isUsedByTestsOnly: false)])
    }

    @Test("output that is not a package dump is refused")
    func refusesGarbage() {
        #expect(throws: ManifestDump.FormatError.self) { try ManifestDump(json: Data(#"{"targets": []}"#.utf8)) }
        #expect(throws: (any Error).self) { try ManifestDump(json: Data("not json".utf8)) }
    }

    @Test("literal .package(path:) strings are found, with or without name:")
    func declaredPaths() {
        let manifest = """
            dependencies: [
                .package(path: "../Models"),
                .package( name: "Ledger" , path : "../Ledger" ),
                .package(url: "https://example.invalid/x.git", from: "1.0.0"),
                .package(path: "/abs/Probe"),
                .package(path: computed),
            ]
            """
        #expect(DeclaredPackagePaths.paths(in: manifest) == ["../Models", "../Ledger", "/abs/Probe"])
    }

    @Test("the literal leading to a dumped path is matched, relative preferred")
    func matchesDeclaration() {
        let directory = URL(fileURLWithPath: "/repo/Packages/Ledger")
        #expect(
            DeclaredPackagePaths.declaration(
                of: "/repo/Packages/Models", among: ["/repo/Packages/Models", "../Models"], packageDirectory: directory)
                == "../Models")
        #expect(
            DeclaredPackagePaths.declaration(
                of: "/repo/Packages/Models", among: ["/repo/Packages/Models"], packageDirectory: directory)
                == "/repo/Packages/Models")
        #expect(
            DeclaredPackagePaths.declaration(
                of: "/repo/Packages/Models", among: ["../Probe"], packageDirectory: directory)
                == nil)
    }
}
