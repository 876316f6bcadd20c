/// A package dependency declared with `.package(path:)` in a manifest.
public struct LocalDependency: Hashable, Sendable {
    /// The last component of the dependency's path: `Models` for `../Models`.
    public var name: String
    /// Where the path leads, relative to the checked root (`Packages/Models`), or absolute when it
    /// leads out of the root.
    public var location: String
    /// The path as written in the manifest (`../Models`), or nil when the manifest does not spell
    /// it as a string literal in `.package(path:)`.
    public var declaredPath: String?

    /// Creates a dependency from its derived name, root-relative location and declared path.
    public init(name: String, location: String, declaredPath: String?) {
        self.name = name
        self.location = location
        self.declaredPath = declaredPath
    }

    /// A well-formed dependency on the sibling package `name`: declared as `../name`, leading to
    /// `Packages/name`.
    public static func sibling(_ name: String) -> LocalDependency {
        LocalDependency(name: name, location: "Packages/\(name)", declaredPath: "../\(name)")
    }

    /// Whether the path leads to a directory directly under the root's `Packages/`, named `name`.
    public var isInPackagesDirectory: Bool { location == "Packages/\(name)" }

    /// Whether the manifest spells the path as a relative string literal.
    public var isDeclaredRelative: Bool {
        guard let declaredPath, !declaredPath.isEmpty else { return false }
        return !declaredPath.hasPrefix("/") && !declaredPath.hasPrefix("~")
    }
}
