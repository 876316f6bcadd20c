import Foundation

/// Where the trees the front-end tests check are, found from this file's path.
enum TreeLocations {
    /// `Tests/LayerCheckTests`, with symbolic links resolved.
    static var testsDirectory: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// A fixture tree under `Tests/LayerCheckTests/Fixtures` (`Good` or `Bad`).
    static func fixture(_ name: String) -> URL {
        testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    /// The repository root: two levels above `Tests/LayerCheckTests`.
    static var repositoryRoot: URL {
        testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    }
}
