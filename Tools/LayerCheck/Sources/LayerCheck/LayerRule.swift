/// The layer rule of DESIGN.md as a pure function over a ``PackageGraph``.
///
/// - Models and LinuxHost (layer 0) depend on no local package; Ledger, Allocator, Tunnel and
///   Probe (layer 1) on layer-0 packages only; Routing (layer 2) on layer-0 and layer-1 packages
///   only. Sources may import the modules of those packages only (any external module is fine).
/// - Allocator stays embeddable and does no I/O: it depends on Models only (not LinuxHost), no
///   external package outside its tests, and its sources import Models only (and the standard
///   library's `Swift`).
/// - Every directory under `Packages/` is one of the seven packages, has a `Package.swift` declaring
///   its own name, and declares local dependencies by relative paths into `Packages/`.
public enum LayerRule {
    /// Modules an embeddable package may import besides its allowed packages and its own modules:
    /// the standard library, which every Swift file imports anyway.
    public static let embeddableBaseModules: Set<String> = ["Swift"]

    /// Every violation in `graph`, packages in directory order, then manifest before sources.
    public static func check(_ graph: PackageGraph) -> [Violation] {
        let moduleOwners = self.moduleOwners(in: graph)
        return graph.packages.flatMap { check($0, moduleOwners: moduleOwners) }
    }

    /// Maps each module name to the known package providing it: every package's own name, plus the
    /// non-test targets its manifest declares.
    static func moduleOwners(in graph: PackageGraph) -> [String: LocalPackage] {
        var owners: [String: LocalPackage] = [:]
        for package in LocalPackage.allCases { owners[package.name] = package }
        for node in graph.packages {
            guard let package = node.knownPackage else { continue }
            for module in node.modules where owners[module] == nil { owners[module] = package }
        }
        return owners
    }

    /// The violations of one directory under `Packages/`.
    static func check(_ node: PackageNode, moduleOwners: [String: LocalPackage]) -> [Violation] {
        guard let package = node.knownPackage else { return [.unknownPackage(directory: node.directoryName)] }
        switch node.manifest {
        case .missing:
            return [.missingManifest(directory: node.directoryName)]
        case .unreadable(let reason):
            return [.unreadableManifest(directory: node.directoryName, reason: reason)]
                + checkImports(
                    of: node, package: package, moduleOwners: moduleOwners)
        case .read(let declaredName):
            var violations: [Violation] = []
            if declaredName != node.directoryName {
                violations.append(.manifestNameMismatch(directory: node.directoryName, declaredName: declaredName))
            }
            violations += checkDependencies(of: node, package: package)
            violations += checkImports(of: node, package: package, moduleOwners: moduleOwners)
            return violations
        }
    }

    /// The violations of a package's manifest dependencies.
    static func checkDependencies(of node: PackageNode, package: LocalPackage) -> [Violation] {
        var violations: [Violation] = []
        for dependency in node.localDependencies {
            if !dependency.isDeclaredRelative {
                violations.append(.nonRelativeDependencyPath(package: package, dependency: dependency))
            }
            guard let target = LocalPackage(name: dependency.name), dependency.isInPackagesDirectory else {
                violations.append(.unknownDependency(package: package, dependency: dependency))
                continue
            }
            if !package.allowedLocalDependencies.contains(target) {
                violations.append(.forbiddenDependency(package: package, dependency: target))
            }
        }
        if package.isEmbeddable {
            for dependency in node.externalDependencies where !dependency.isUsedByTestsOnly {
                violations.append(.externalDependency(package: package, identity: dependency.identity))
            }
        }
        return violations
    }

    /// The violations of a package's source imports.
    static func checkImports(
        of node: PackageNode, package: LocalPackage, moduleOwners: [String: LocalPackage]
    ) -> [Violation] {
        let ownModules = Set(node.modules).union([package.name])
        var violations: [Violation] = []
        for sourceImport in node.imports {
            let module = sourceImport.module
            if ownModules.contains(module) { continue }
            let allowed: Bool
            if let owner = moduleOwners[module] {
                allowed = owner == package || package.allowedLocalDependencies.contains(owner)
            } else {
                allowed = !package.isEmbeddable || embeddableBaseModules.contains(module)
            }
            if !allowed {
                violations.append(.forbiddenImport(package: package, module: module, location: sourceImport.location))
            }
        }
        return violations
    }
}
