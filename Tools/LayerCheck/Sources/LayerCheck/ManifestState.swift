/// What the checker could learn about a package directory's `Package.swift`.
public enum ManifestState: Hashable, Sendable {
    /// The directory has no `Package.swift`.
    case missing
    /// `swift package dump-package` failed; the associated text is its error output.
    case unreadable(String)
    /// The manifest was read; the associated name is the `name:` it declares.
    case read(declaredName: String)
}
