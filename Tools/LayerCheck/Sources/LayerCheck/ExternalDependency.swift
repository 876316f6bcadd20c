/// A package dependency that is not a local path dependency (a URL or registry package).
public struct ExternalDependency: Hashable, Sendable {
    /// The package identity SwiftPM gives it, e.g. `swift-property-based`.
    public var identity: String
    /// Whether only test targets use it: then packages that depend on this one never fetch it.
    public var isUsedByTestsOnly: Bool

    /// Creates an external dependency.
    public init(identity: String, isUsedByTestsOnly: Bool) {
        self.identity = identity
        self.isUsedByTestsOnly = isUsedByTestsOnly
    }
}
