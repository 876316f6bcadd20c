import AppTestSupport
import Foundation
import Testing

/// `make devnet`'s argument checking (the network itself, which needs root and namespaces, is
/// tested by the live `DevnetTests` target).
@Suite("make devnet")
struct DevnetTests {
    /// The repository's root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("devnet rejects an unknown argument with exit 64")
    func badArgument() async throws {
        let script = Self.repositoryRoot.appendingPathComponent("Tools/Devnet/devnet.sh")
        let run = try await AppRun.run(
            executable: URL(fileURLWithPath: "/bin/bash"), [script.path, "--bogus"], label: "devnet.sh",
            timeout: .seconds(30))
        #expect(run.exitCode == 64)
        #expect(run.standardError.contains("unknown argument '--bogus'"))
    }
}
