import LayerCheck
import Testing

/// The pure rule over in-memory graphs: one test per kind of violation.
@Suite("LayerRule")
struct LayerRuleTests {
    @Test("a graph that follows the layering has no violations")
    func correctGraphPasses() {
        #expect(LayerRule.check(SampleGraph.correct) == [])
    }

    @Test(
        "a layer-0 package depending on any local package is reported",
        arguments: [(LocalPackage.models, LocalPackage.ledger), (.linuxHost, .models)])
    func layerZeroDependingOnAnything(package: LocalPackage, dependency: LocalPackage) {
        let graph = SampleGraph.correct(changing: package.name) {
            $0.localDependencies.append(.sibling(dependency.name))
        }
        let violations = LayerRule.check(graph)
        #expect(violations == [.forbiddenDependency(package: package, dependency: dependency)])
        #expect(
            violations.first?.message
                == "\(package.name) depends on \(dependency.name): "
                + "layer 0 packages (Models, LinuxHost) may depend on no local package")
    }

    @Test("Tunnel depending on Routing is reported")
    func tunnelDependingOnRouting() {
        let graph = SampleGraph.correct(changing: "Tunnel") { $0.localDependencies.append(.sibling("Routing")) }
        let violations = LayerRule.check(graph)
        #expect(violations == [.forbiddenDependency(package: .tunnel, dependency: .routing)])
        #expect(
            violations.first?.description
                == "Tunnel depends on Routing: layer 1 packages may depend on layer-0 packages (Models, LinuxHost) only"
        )
    }

    @Test("a layer-1 package depending on another layer-1 package is reported")
    func probeDependingOnLedger() {
        let graph = SampleGraph.correct(changing: "Probe") { $0.localDependencies.append(.sibling("Ledger")) }
        #expect(LayerRule.check(graph) == [.forbiddenDependency(package: .probe, dependency: .ledger)])
    }

    @Test("every package above layer 0 may use LinuxHost, except Allocator")
    func linuxHostUsers() {
        #expect(LocalPackage.tunnel.allowedLocalDependencies == [.models, .linuxHost])
        #expect(LocalPackage.routing.allowedLocalDependencies.isSuperset(of: [.models, .linuxHost, .ledger, .probe]))
        #expect(LocalPackage.allocator.allowedLocalDependencies == [.models])
    }

    @Test("Allocator depending on or importing LinuxHost is reported: Models only")
    func allocatorUsingLinuxHost() {
        let file = "Packages/Allocator/Sources/Allocator/x.swift"
        let graph = SampleGraph.correct(changing: "Allocator") {
            $0.localDependencies.append(.sibling("LinuxHost"))
            $0.imports.append(SourceImport(module: "LinuxHost", file: file, line: 7))
        }
        let violations = LayerRule.check(graph)
        #expect(
            violations == [
                .forbiddenDependency(package: .allocator, dependency: .linuxHost),
                .forbiddenImport(
                    package: .allocator, module: "LinuxHost", location: SourceLocation(file: file, line: 7)),
            ])
        #expect(
            violations.first?.message
                == "Allocator depends on LinuxHost: Allocator must stay embeddable and may depend on Models only")
    }

    @Test("Routing depending on an app directory outside Packages/ is reported")
    func routingDependingOnApp() throws {
        let app = LocalDependency(
            name: "doublezero", location: "Apps/doublezero", declaredPath: "../../Apps/doublezero")
        let graph = SampleGraph.correct(changing: "Routing") { $0.localDependencies.append(app) }
        let violations = LayerRule.check(graph)
        #expect(violations == [.unknownDependency(package: .routing, dependency: app)])
        let violation = try #require(violations.first)
        #expect(
            violation.message
                == "Routing depends on doublezero (../../Apps/doublezero): not one of the packages under Packages/ "
                + "(Models, LinuxHost, Ledger, Allocator, Tunnel, Probe, Routing)")
        #expect(violation.package == "Routing")
        #expect(violation.subject == "doublezero")
    }

    @Test("Routing depending on an unknown sibling package is reported")
    func routingDependingOnUnknownPackage() {
        let graph = SampleGraph.correct(changing: "Routing") { $0.localDependencies.append(.sibling("Telemetry")) }
        #expect(LayerRule.check(graph) == [.unknownDependency(package: .routing, dependency: .sibling("Telemetry"))])
    }

    @Test("a known name reached by a path outside Packages/ is reported as unknown")
    func knownNameOutsidePackages() {
        let vendored = LocalDependency(name: "Models", location: "Vendor/Models", declaredPath: "../../Vendor/Models")
        let graph = SampleGraph.correct(changing: "Probe") { $0.localDependencies = [vendored] }
        #expect(LayerRule.check(graph) == [.unknownDependency(package: .probe, dependency: vendored)])
    }

    @Test("Allocator importing Foundation is reported with file and line")
    func allocatorImportingFoundation() throws {
        let file = "Packages/Allocator/Sources/Allocator/Pool.swift"
        let graph = SampleGraph.correct(changing: "Allocator") {
            $0.imports.append(SourceImport(module: "Foundation", file: file, line: 3))
        }
        let violations = LayerRule.check(graph)
        let location = SourceLocation(file: file, line: 3)
        #expect(violations == [.forbiddenImport(package: .allocator, module: "Foundation", location: location)])
        let violation = try #require(violations.first)
        #expect(violation.location == location)
        #expect(
            violation.description
                == "Packages/Allocator/Sources/Allocator/Pool.swift:3: "
                + "Allocator imports Foundation: Allocator does no I/O and may import Models only")
    }

    @Test(
        "Allocator importing Glibc or Dispatch is reported too",
        arguments: ["Glibc", "Dispatch", "FoundationEssentials"])
    func allocatorImportingSystemModules(module: String) {
        let sourceImport = SourceImport(module: module, file: "Packages/Allocator/Sources/Allocator/x.swift", line: 9)
        let graph = SampleGraph.correct(changing: "Allocator") { $0.imports.append(sourceImport) }
        #expect(
            LayerRule.check(graph) == [
                .forbiddenImport(package: .allocator, module: module, location: sourceImport.location)
            ])
    }

    @Test("Allocator with an external package used outside its tests is reported")
    func allocatorWithExternalDependency() {
        let graph = SampleGraph.correct(changing: "Allocator") {
            $0.externalDependencies.append(ExternalDependency(identity: "swift-collections", isUsedByTestsOnly: false))
        }
        let violations = LayerRule.check(graph)
        #expect(violations == [.externalDependency(package: .allocator, identity: "swift-collections")])
        #expect(
            violations.first?.message
                == "Allocator depends on external package swift-collections: "
                + "Allocator must stay embeddable and may depend on Models only")
    }

    @Test("an external package is fine for every package but Allocator")
    func externalDependencyElsewhere() {
        let graph = SampleGraph.correct(changing: "Probe") {
            $0.externalDependencies.append(ExternalDependency(identity: "swift-nio", isUsedByTestsOnly: false))
            $0.imports.append(SourceImport(module: "NIOCore", file: "Packages/Probe/Sources/Probe/x.swift", line: 5))
        }
        #expect(LayerRule.check(graph) == [])
    }

    @Test("Ledger source importing Routing is reported with file and line")
    func ledgerImportingRouting() throws {
        let file = "Packages/Ledger/Sources/Ledger/Store.swift"
        let graph = SampleGraph.correct(changing: "Ledger") {
            $0.imports.append(SourceImport(module: "Routing", file: file, line: 4))
        }
        let violations = LayerRule.check(graph)
        #expect(
            violations == [
                .forbiddenImport(package: .ledger, module: "Routing", location: SourceLocation(file: file, line: 4))
            ])
        #expect(
            violations.first?.description
                == "Packages/Ledger/Sources/Ledger/Store.swift:4: "
                + "Ledger imports Routing: layer 1 packages may depend on layer-0 packages (Models, LinuxHost) only")
    }

    @Test("importing a non-main module of a forbidden package is reported")
    func importingAnotherTargetOfForbiddenPackage() {
        let graph = SampleGraph.correct(changing: "Probe") {
            $0.imports.append(SourceImport(module: "CNetlink", file: "Packages/Probe/Sources/Probe/x.swift", line: 2))
        }
        #expect(
            LayerRule.check(graph) == [
                .forbiddenImport(
                    package: .probe, module: "CNetlink",
                    location: SourceLocation(file: "Packages/Probe/Sources/Probe/x.swift", line: 2))
            ])
    }

    @Test("a directory that is not one of the seven packages is reported")
    func unknownPackageDirectory() {
        var graph = SampleGraph.correct
        graph.packages.append(PackageNode(directoryName: "Telemetry"))
        let violations = LayerRule.check(graph)
        #expect(violations == [.unknownPackage(directory: "Telemetry")])
        #expect(
            violations.first?.message
                == "Packages/Telemetry is not a known package: the packages are "
                + "Models, LinuxHost, Ledger, Allocator, Tunnel, Probe, Routing")
    }

    @Test("a package directory without Package.swift is reported")
    func missingManifest() {
        let graph = SampleGraph.correct(changing: "Probe") { $0.manifest = .missing }
        let violations = LayerRule.check(graph)
        #expect(violations == [.missingManifest(directory: "Probe")])
        #expect(
            violations.first?.message
                == "Packages/Probe has no Package.swift: every directory under Packages/ must be a package")
    }

    @Test("a manifest that cannot be read is reported with the first line of the error")
    func unreadableManifest() {
        let graph = SampleGraph.correct(changing: "Tunnel") {
            $0.manifest = .unreadable("error: manifest parse error\nmore detail")
        }
        let violations = LayerRule.check(graph)
        #expect(
            violations == [.unreadableManifest(directory: "Tunnel", reason: "error: manifest parse error\nmore detail")]
        )
        #expect(violations.first?.message.hasSuffix("dump-package: error: manifest parse error") == true)
    }

    @Test("an unreadable manifest's message quotes the compiler's located diagnostic")
    func unreadableManifestDiagnostic() {
        let reason = """
            error: 'models': Invalid manifest (compiled with: ["/opt/swift/usr/bin/swiftc", "-vfsoverlay"])
            /repo/Packages/Models/Package.swift:11:1: error: expected expression in list of expressions
            error: invalid manifests at [<AbsolutePath:"/repo/Packages/Models">]
            """
        #expect(
            Violation.unreadableManifest(directory: "Models", reason: reason).message
                == "Packages/Models/Package.swift could not be read by swift package dump-package: "
                + "/repo/Packages/Models/Package.swift:11:1: error: expected expression in list of expressions")
    }

    @Test("a manifest declaring another name than its directory is reported")
    func manifestNameMismatch() {
        let graph = SampleGraph.correct(changing: "Probe") { $0.manifest = .read(declaredName: "Probing") }
        #expect(LayerRule.check(graph) == [.manifestNameMismatch(directory: "Probe", declaredName: "Probing")])
    }

    @Test("a local dependency declared by an absolute path is reported")
    func absoluteDependencyPath() throws {
        let absolute = LocalDependency(
            name: "Models", location: "Packages/Models", declaredPath: "/work/main/Packages/Models")
        let graph = SampleGraph.correct(changing: "Ledger") { $0.localDependencies = [absolute] }
        let violations = LayerRule.check(graph)
        #expect(violations == [.nonRelativeDependencyPath(package: .ledger, dependency: absolute)])
        #expect(
            try #require(violations.first).message
                == "Ledger declares its dependency on Models by the absolute path /work/main/Packages/Models: "
                + "local dependencies must be relative paths such as ../Models")
    }

    @Test("a local dependency whose path is not a string literal is reported")
    func computedDependencyPath() {
        let computed = LocalDependency(name: "Models", location: "Packages/Models", declaredPath: nil)
        let graph = SampleGraph.correct(changing: "Ledger") { $0.localDependencies = [computed] }
        #expect(LayerRule.check(graph) == [.nonRelativeDependencyPath(package: .ledger, dependency: computed)])
    }

    @Test("several violations are all reported, packages in directory order")
    func severalViolations() {
        var graph = SampleGraph.correct(changing: "Tunnel") { $0.localDependencies.append(.sibling("Routing")) }
        graph = PackageGraph(
            packages: graph.packages.map { node in
                guard node.directoryName == "Allocator" else { return node }
                var node = node
                node.localDependencies.append(.sibling("Probe"))
                return node
            })
        #expect(
            LayerRule.check(graph) == [
                .forbiddenDependency(package: .allocator, dependency: .probe),
                .forbiddenDependency(package: .tunnel, dependency: .routing),
            ])
    }
}
