import Foundation

/// The parts of `swift package dump-package` JSON the layer rule needs.
public struct ManifestDump: Hashable, Sendable {
    /// A package dependency as the dump lists it.
    public struct Dependency: Hashable, Sendable {
        /// SwiftPM's identity for it (`models`, `swift-property-based`).
        public var identity: String
        /// The absolute path of a `.package(path:)` dependency; nil for URL and registry packages.
        public var path: String?

        /// Creates a dependency; `path` only for `.package(path:)` ones.
        public init(identity: String, path: String?) {
            self.identity = identity
            self.path = path
        }
    }

    /// A target and the names it depends on.
    public struct Target: Hashable, Sendable {
        /// The target's name.
        public var name: String
        /// Whether it is a test target.
        public var isTest: Bool
        /// The package identities or names of its product dependencies (`.product(name:package:)`).
        public var productPackages: [String]
        /// The names of its by-name dependencies (a sibling target or a product named like its package).
        public var byNameDependencies: [String]

        /// Creates a target from its name, kind and dependencies.
        public init(name: String, isTest: Bool, productPackages: [String], byNameDependencies: [String]) {
            self.name = name
            self.isTest = isTest
            self.productPackages = productPackages
            self.byNameDependencies = byNameDependencies
        }
    }

    /// Why a dump could not be understood.
    public struct FormatError: Error, Sendable, CustomStringConvertible {
        /// What was missing or malformed.
        public var description: String
    }

    /// The package name the manifest declares.
    public var name: String
    /// Its package dependencies, in manifest order.
    public var dependencies: [Dependency]
    /// Its targets, in manifest order.
    public var targets: [Target]

    /// Creates a dump from its parts.
    public init(name: String, dependencies: [Dependency], targets: [Target]) {
        self.name = name
        self.dependencies = dependencies
        self.targets = targets
    }

    /// Parses the JSON `swift package dump-package` prints.
    ///
    /// - Throws: ``FormatError`` when it lacks the package name or is not a JSON object.
    public init(json: Data) throws {
        guard let object = try JSONSerialization.jsonObject(with: json) as? [String: Any],
            let name = object["name"] as? String
        else { throw FormatError(description: "dump-package output has no package name") }
        self.name = name
        // Each dependency is {"fileSystem" | "sourceControl" | "registry": [{"identity": ..., ...}]}.
        self.dependencies = (object["dependencies"] as? [[String: Any]] ?? []).compactMap { entry in
            guard let (kind, value) = entry.first, let details = (value as? [Any])?.first as? [String: Any],
                let identity = details["identity"] as? String
            else { return nil }
            return Dependency(identity: identity, path: kind == "fileSystem" ? details["path"] as? String : nil)
        }
        // Each target dependency is {"product": [name, package, ...]}, {"byName": [name, ...]} or
        // {"target": [name, ...]}.
        self.targets = (object["targets"] as? [[String: Any]] ?? []).compactMap { target in
            guard let name = target["name"] as? String else { return nil }
            var productPackages: [String] = []
            var byName: [String] = []
            for dependency in target["dependencies"] as? [[String: Any]] ?? [] {
                if let product = dependency["product"] as? [Any] {
                    if let package = product.count > 1 ? product[1] as? String : nil {
                        productPackages.append(package)
                    } else if let productName = product.first as? String {
                        byName.append(productName)
                    }
                } else if let first = (dependency["byName"] as? [Any])?.first as? String {
                    byName.append(first)
                }
            }
            return Target(
                name: name, isTest: target["type"] as? String == "test", productPackages: productPackages,
                byNameDependencies: byName)
        }
    }

    /// The names of the non-test targets: the modules the package provides.
    public var modules: [String] {
        targets.filter { !$0.isTest }.map(\.name)
    }

    /// The dependencies that are not `.package(path:)` ones, each with whether only test targets use
    /// it. A product named after no declared dependency counts as an external package used by the
    /// targets naming it; a declared package no target uses counts as not test-only.
    public var externalDependencies: [ExternalDependency] {
        let local = Set(dependencies.filter { $0.path != nil }.map { $0.identity.lowercased() })
        let targetNames = Set(targets.map(\.name))
        var usedOutsideTests: Set<String> = []
        var usedByTests: Set<String> = []
        var undeclared: [String] = []
        for target in targets {
            let packages = target.productPackages + target.byNameDependencies.filter { !targetNames.contains($0) }
            for package in packages.map({ $0.lowercased() }) where !local.contains(package) {
                if target.isTest { usedByTests.insert(package) } else { usedOutsideTests.insert(package) }
                if !dependencies.contains(where: { $0.identity.lowercased() == package }), !undeclared.contains(package)
                {
                    undeclared.append(package)
                }
            }
        }
        let declared = dependencies.filter { $0.path == nil }.map { $0.identity.lowercased() }
        return (declared + undeclared).map { identity in
            ExternalDependency(
                identity: identity,
                isUsedByTestsOnly: usedByTests.contains(identity) && !usedOutsideTests.contains(identity))
        }
    }
}
