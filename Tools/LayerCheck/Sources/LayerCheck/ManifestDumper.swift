import Foundation

/// Runs `swift package dump-package` on a package directory and returns its JSON.
///
/// Several dumps can run at once: each waits for its process without holding a thread.
public struct ManifestDumper: Sendable {
    /// The `swift` driver to run.
    public var swift: URL

    /// Creates a dumper that runs `swift` (by default the one on `PATH`).
    public init(swift: URL = SwiftExecutable.locate()) {
        self.swift = swift
    }

    /// Why a dump failed.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The process's error output, or why it could not be started.
        public var description: String
    }

    /// The JSON `swift package dump-package --package-path directory` prints.
    ///
    /// - Throws: ``Failure`` when the process cannot start or exits non-zero.
    public func dump(packageAt directory: URL) async throws -> Data {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("layer-check-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // Output goes to files, not pipes, so a large manifest cannot fill a pipe and stall.
        let outputURL = scratch.appendingPathComponent("stdout.json")
        let errorURL = scratch.appendingPathComponent("stderr.txt")
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)

        let process = Process()
        process.executableURL = swift
        process.arguments = ["package", "dump-package", "--package-path", directory.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = error
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: Failure(description: "cannot run \(swift.path): \(error)"))
            }
        }
        try? output.close()
        try? error.close()
        guard status == 0 else {
            let message = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
            throw Failure(description: message.isEmpty ? "dump-package exited with status \(status)" : message)
        }
        return try Data(contentsOf: outputURL)
    }
}
