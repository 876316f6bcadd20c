import Foundation

/// A built app executable, found in the build products directory that holds this test bundle.
///
/// The tests import no app, so nothing but the build order guarantees the apps exist: build them first
/// (`swift build`; `make test` does this). A missing binary is an error, so a test that needs it fails
/// and says how to fix it: it never silently skips.
public struct AppBinary: Sendable {
    /// The app's executable name, e.g. `doublezero-ledger`.
    public let name: String

    /// The executable's location.
    public let url: URL

    /// The binary called `name` in the products directory, or an error naming where it looked.
    public static func locate(_ name: String) throws(AppBinaryMissing) -> AppBinary {
        let directory = productsDirectory
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw AppBinaryMissing(name: name, directory: directory)
        }
        return AppBinary(name: name, url: url)
    }

    /// The directory the build writes products to.
    ///
    /// On Linux the test bundle is an executable (`<Package>PackageTests.xctest`) that sits in the same
    /// products directory as the apps, which also covers `--scratch-path` and release builds. When the
    /// tests run some other way, fall back to `<repository>/.build/debug`.
    public static var productsDirectory: URL {
        if let executable = Bundle.main.executableURL, executable.pathExtension == "xctest" {
            return executable.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // AppTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository root
            .appendingPathComponent(".build/debug")
    }
}

/// The error when an app binary has not been built; its message says how to build it.
public struct AppBinaryMissing: Error, CustomStringConvertible {
    /// The missing executable's name.
    public let name: String
    /// Where it was looked for.
    public let directory: URL

    /// What is missing and how to build it.
    public var description: String {
        "The app binary '\(name)' was not found in \(directory.path). The app tests run the built apps: "
            + "run `swift build` before `swift test` (`make test` does)."
    }
}
