import LayerCheck

/// Package graphs for the rule's unit tests, built in memory.
enum SampleGraph {
    /// A graph that follows the rule: the real layering, with typical imports, Allocator using an
    /// external package in its tests only, Tunnel and Probe using LinuxHost, and Routing using
    /// Ledger and Tunnel.
    static var correct: PackageGraph {
        /// A source import at line `line` of `Packages/<package>/Sources/<package>/x.swift`.
        func imports(_ package: String, _ modules: String...) -> [SourceImport] {
            modules.enumerated().map { index, module in
                SourceImport(module: module, file: "Packages/\(package)/Sources/\(package)/x.swift", line: index + 1)
            }
        }
        let testOnly = ExternalDependency(identity: "swift-property-based", isUsedByTestsOnly: true)
        return PackageGraph(packages: [
            PackageNode(
                directoryName: "Models", externalDependencies: [testOnly], imports: imports("Models", "Foundation")),
            PackageNode(
                directoryName: "LinuxHost", modules: ["LinuxHost", "CLinuxHost"],
                imports: imports("LinuxHost", "CLinuxHost", "Glibc", "Synchronization")),
            PackageNode(
                directoryName: "Ledger", localDependencies: [.sibling("Models")],
                externalDependencies: [ExternalDependency(identity: "sqlite", isUsedByTestsOnly: false)],
                imports: imports("Ledger", "Foundation", "Models", "SQLite3")),
            PackageNode(
                directoryName: "Allocator", localDependencies: [.sibling("Models")], externalDependencies: [testOnly],
                imports: imports("Allocator", "Models", "Swift")),
            PackageNode(
                directoryName: "Tunnel", localDependencies: [.sibling("Models"), .sibling("LinuxHost")],
                modules: ["Tunnel", "CNetlink"], imports: imports("Tunnel", "Glibc", "Models", "LinuxHost", "CNetlink")),
            PackageNode(
                directoryName: "Probe", localDependencies: [.sibling("Models"), .sibling("LinuxHost")],
                imports: imports("Probe", "Models", "LinuxHost")),
            PackageNode(
                directoryName: "Routing",
                localDependencies: [.sibling("Models"), .sibling("Ledger"), .sibling("Tunnel")],
                imports: imports("Routing", "Models", "Ledger", "Tunnel", "Foundation")),
        ])
    }

    /// ``correct`` with the node for `directoryName` changed by `change`.
    static func correct(changing directoryName: String, _ change: (inout PackageNode) -> Void) -> PackageGraph {
        var packages = correct.packages
        let index = packages.firstIndex { $0.directoryName == directoryName }!
        change(&packages[index])
        return PackageGraph(packages: packages)
    }
}
