import ArgumentParser
import Foundation

/// The root command of a DoubleZero app (the type marked `@main`).
///
/// It parses and runs commands exactly like `AsyncParsableCommand.main()`, except that a
/// ``NotBuiltYet`` error is reported as `Error: <message>` on standard error and ends the process
/// with ``ArgumentParser/ExitCode/unavailable`` (69) instead of the generic failure code 1, and a
/// ``CommandFailure`` is reported as the one line `Error: <message>` with exit code 1.
/// Bad arguments still exit with 64 and help requests with 0, as ArgumentParser does.
public protocol AppRootCommand: AsyncParsableCommand {}

extension AppRootCommand {
    /// Parses the process arguments, runs the chosen command and exits with the matching exit code.
    public static func main() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let notBuilt as NotBuiltYet {
            printError("Error: \(notBuilt)")
            exit(withError: ExitCode.unavailable)
        } catch let failure as CommandFailure {
            printError("Error: \(failure)")
            exit(withError: ExitCode.failure)
        } catch {
            exit(withError: error)
        }
    }
}
