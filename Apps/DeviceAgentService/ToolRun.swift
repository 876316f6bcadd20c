import Foundation
import Subprocess

/// One run of a system tool (`vtysh`, `frr-reload.py`) to completion, through swift-subprocess.
///
/// Every tool runs under `env --default-signal`: the agent's signal handling (ServiceLifecycle)
/// ignores SIGTERM and SIGINT, and an ignored signal stays ignored across `exec`, so without it
/// a child (FRR above all) could never be stopped with SIGTERM.
struct ToolRun: Sendable {
    /// The most output kept from one run.
    static let outputLimit = 8 << 20

    /// The exit code (a signal's death is reported as 128 + the signal).
    let exitCode: Int32
    /// Standard output and standard error, in that order.
    let output: String

    /// Runs `program` (a path or a name looked up in `PATH`) with `arguments`, killing it after
    /// `timeout`.
    ///
    /// - Throws: ``DeviceAgentError/cannotRun(command:reason:)`` when it cannot start or hangs.
    static func run(_ program: String, _ arguments: [String], timeout: Duration = .seconds(60))
        async throws(DeviceAgentError) -> ToolRun
    {
        let command = ([program] + arguments).joined(separator: " ")
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(2))]
        let finalOptions = options
        do {
            return try await withThrowingTaskGroup(of: ToolRun?.self) { group in
                group.addTask {
                    let result = try await Subprocess.run(
                        .name("env"), arguments: Arguments(["--default-signal", program] + arguments),
                        platformOptions: finalOptions, output: .string(limit: outputLimit),
                        error: .string(limit: outputLimit))
                    let code: Int32 =
                        switch result.terminationStatus {
                        case .exited(let code): code
                        case .signaled(let signal): 128 + signal
                        }
                    return ToolRun(
                        exitCode: code, output: (result.standardOutput ?? "") + (result.standardError ?? ""))
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let run = first else {
                    throw DeviceAgentError.cannotRun(command: command, reason: "no answer within \(timeout)")
                }
                return run
            }
        } catch let error as DeviceAgentError {
            throw error
        } catch {
            throw .cannotRun(command: command, reason: "\(error)")
        }
    }

    /// Like ``run(_:_:timeout:)``, and a non-zero exit is an error.
    ///
    /// - Throws: ``DeviceAgentError/commandFailed(command:status:output:)`` on a failure.
    @discardableResult
    static func succeeding(_ program: String, _ arguments: [String], timeout: Duration = .seconds(60))
        async throws(DeviceAgentError) -> String
    {
        let run = try await run(program, arguments, timeout: timeout)
        guard run.exitCode == 0 else {
            throw .commandFailed(
                command: ([program] + arguments).joined(separator: " "), status: "exit \(run.exitCode)",
                output: String(run.output.suffix(2000)).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return run.output
    }
}
