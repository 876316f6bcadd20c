import Foundation

/// Runs a benchmark's body; if it throws, writes `PROGRAM: ERROR` to standard error and exits
/// with status 1.
public func exitOnFailure(_ program: String, _ body: () throws -> Void) {
    do {
        try body()
    } catch {
        reportFailureAndExit(program, error)
    }
}

/// Runs a benchmark's asynchronous body on the caller's actor; if it throws, writes
/// `PROGRAM: ERROR` to standard error and exits with status 1.
public func exitOnFailure(
    _ program: String, isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> Void
) async {
    do {
        try await body()
    } catch {
        reportFailureAndExit(program, error)
    }
}

/// Writes `PROGRAM: ERROR` to standard error and exits with status 1.
private func reportFailureAndExit(_ program: String, _ error: any Error) -> Never {
    FileHandle.standardError.write(Data("\(program): \(error)\n".utf8))
    exit(1)
}
