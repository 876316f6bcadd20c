/// One directory under `Packages/`, as the layer rule sees it: what its manifest declares and
/// what its sources import.
public struct PackageNode: Hashable, Sendable {
    /// The directory's name under `Packages/`.
    public var directoryName: String
    /// Whether and how its `Package.swift` could be read.
    public var manifest: ManifestState
    /// Its `.package(path:)` dependencies.
    public var localDependencies: [LocalDependency]
    /// Its other package dependencies.
    public var externalDependencies: [ExternalDependency]
    /// The names of its non-test targets, i.e. the modules it provides to other packages.
    public var modules: [String]
    /// The imports found in the Swift files under its `Sources/`.
    public var imports: [SourceImport]
    /// How many Swift files are under its `Sources/`.
    public var sourceFileCount: Int

    /// Creates a node. By default the manifest is read and declares `directoryName`, the package
    /// provides one module of the same name, and there are no dependencies, imports or files.
    public init(
        directoryName: String,
        manifest: ManifestState? = nil,
        localDependencies: [LocalDependency] = [],
        externalDependencies: [ExternalDependency] = [],
        modules: [String]? = nil,
        imports: [SourceImport] = [],
        sourceFileCount: Int = 0
    ) {
        self.directoryName = directoryName
        self.manifest = manifest ?? .read(declaredName: directoryName)
        self.localDependencies = localDependencies
        self.externalDependencies = externalDependencies
        self.modules = modules ?? [directoryName]
        self.imports = imports
        self.sourceFileCount = sourceFileCount
    }

    /// The known package this directory is, or nil for an unknown name.
    public var knownPackage: LocalPackage? { LocalPackage(name: directoryName) }
}
