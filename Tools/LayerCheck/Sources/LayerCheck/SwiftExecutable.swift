import Foundation

/// Finds the `swift` driver the checker runs `swift package dump-package` with.
public enum SwiftExecutable {
    /// Where the toolchain is installed on the project's machines, used when `PATH` has no `swift`.
    public static let fallback = URL(fileURLWithPath: "/opt/swift/usr/bin/swift")

    /// The first executable `swift` on `PATH` (from `environment`), else ``fallback``.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let directories = (environment["PATH"] ?? "").split(separator: ":")
        for directory in directories where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("swift")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return fallback
    }
}
