/// The local packages of a tree and how they relate: the input of ``LayerRule``.
public struct PackageGraph: Hashable, Sendable {
    /// One node per directory under `Packages/`, sorted by directory name.
    public var packages: [PackageNode]

    /// Creates a graph from its nodes (sorted by directory name).
    public init(packages: [PackageNode]) {
        self.packages = packages.sorted { $0.directoryName < $1.directoryName }
    }

    /// The node for a directory name, if there is one.
    public subscript(directoryName: String) -> PackageNode? {
        packages.first { $0.directoryName == directoryName }
    }

    /// How many Swift files are under the packages' `Sources/` directories.
    public var sourceFileCount: Int {
        packages.reduce(0) { $0 + $1.sourceFileCount }
    }
}
