import AppTestSupport
import Foundation

/// The system tools the fixture runs to completion (`ip`, `vtysh`), through AppTestSupport's
/// ``AppRun`` (output to files, a time limit), with its failures typed.
enum SystemCommand {
    /// Runs `arguments` (the program first, looked up in `PATH`) and returns its standard output.
    ///
    /// - Throws: ``FRRDeviceError/commandFailed(command:status:output:)`` on a non-zero exit,
    ///   ``FRRDeviceError/cannotRun(command:reason:)`` when it cannot start or hangs.
    @discardableResult
    static func run(_ arguments: [String], timeout: Duration = .seconds(20)) async throws(FRRDeviceError) -> String {
        let command = arguments.joined(separator: " ")
        let run: AppRun
        do {
            run = try await AppRun.run(
                executable: URL(fileURLWithPath: "/usr/bin/env"), arguments, label: "env", timeout: timeout)
        } catch {
            throw .cannotRun(command: command, reason: "\(error)")
        }
        guard run.exitCode == 0 else {
            throw .commandFailed(
                command: command, status: run.exitCode,
                output: run.allOutput.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return run.standardOutput
    }

    /// `ip -n NAMESPACE ARGUMENTS`.
    @discardableResult
    static func ip(_ namespace: String, _ arguments: [String]) async throws(FRRDeviceError) -> String {
        try await run(["ip", "-n", namespace] + arguments)
    }
}
