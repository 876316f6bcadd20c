import ArgumentParser
import CommandLineSupport

/// `doublezero config get`: prints the settings commands use and where each comes from.
struct GetConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Print the ledger, key file and doublezerod socket commands use, and where each comes from.",
        discussion: """
            Prints a `setting | value | source` table: the config file, then ledger, keypair_path and \
            sock_file with their source (flag, env, file with its line, or default). Give --ledger, \
            --keypair or --sock-file to see what a command given those flags would use. With --json: \
            {"config_file": {"path", "exists", "source"}, "ledger": {"value", "source", "origin"}, \
            "keypair_path": {…}, "sock_file": {…}}; a ledger nothing gives has value and source null.
            """
    )

    /// A ledger as a command would be given it.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Show the settings as a command given this --ledger would use them.", valueName: "path-or-url"),
        transform: { try LedgerLocation(validating: $0) })
    var ledger: LedgerLocation?

    /// A key file as a command would be given it.
    @OptionGroup var keypair: CLIKeypairOption

    /// A socket as a command would be given it.
    @OptionGroup var socket: CLISocketOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Refuses a setting that cannot be used: a usage error (exit 64) for a flag or variable, exit 1 for
    /// the config file.
    func validate() throws {
        do {
            _ = try ConfigReport(
                settings: CLISettings.load(), ledger: ledger, keypair: keypair.keypair, socket: socket.sockFile)
        } catch {
            throw error.commandLineError
        }
    }

    /// Resolves every setting and prints them.
    func run() async throws {
        let settings = try CLISettings.load()
        let report = try ConfigReport(
            settings: settings, ledger: ledger, keypair: keypair.keypair, socket: socket.sockFile)
        print(try report.rendered(as: output.format), terminator: "")
        if report.ledger.value == nil && output.format == .table {
            printError("No ledger is set: set one with `doublezero config set --ledger URL`.")
        }
    }
}
