import ArgumentParser
import CommandLineSupport
import Foundation

/// `doublezero config set`: saves settings to the config file for later commands.
struct SetConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Save the ledger, key file or doublezerod socket for later commands.",
        discussion: """
            Checks every value first and writes nothing if one is refused (exit 64): --ledger must be an \
            existing ledger file or an http(s):// URL with a host; --keypair and --sock-file must not name \
            a directory (the key file may be created later with `doublezero keygen`), and a socket path \
            must fit a Unix socket address (107 bytes). Paths are saved absolute, with ~ expanded. The \
            config file is replaced atomically, created with its directory when missing, readable only by \
            you (mode 0600), and keeps its other keys and comments. Then prints the settings now in \
            effect, as `config get` does; an environment variable still overrides a saved value.
            """
    )

    /// The ledger to save.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The ledger: the path of an existing ledger file, or the http(s):// URL of a doublezero-ledger server.",
            valueName: "path-or-url"))
    var ledger: String?

    /// The key file to save.
    @Option(name: .long, help: ArgumentHelp("The key file that signs transactions.", valueName: "path"))
    var keypair: String?

    /// The socket to save.
    @Option(
        name: [.customLong("sock-file"), .customLong("socket"), .customLong("socket-path")],
        help: ArgumentHelp("The Unix socket of doublezerod's local API.", valueName: "path"))
    var sockFile: String?

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// The settings given, in order, with their text.
    private var given: [(setting: CLISetting, text: String)] {
        [(CLISetting.ledger, ledger), (.keypair, keypair), (.socket, sockFile)].compactMap { setting, text in
            text.map { (setting, $0) }
        }
    }

    /// Refuses a run with nothing to set, and every value `config set` would not save.
    func validate() throws {
        guard !given.isEmpty else {
            throw ValidationError("nothing to set: give --ledger, --keypair or --sock-file (or several)")
        }
        do {
            let settings = try CLISettings.load()
            for (setting, text) in given {
                _ = try settings.valueToSave(
                    setting, text, currentDirectory: FileManager.default.currentDirectoryPath)
            }
        } catch {
            throw error.commandLineError
        }
    }

    /// Saves the values and prints the settings now in effect.
    func run() async throws {
        let settings = try CLISettings.load()
        var file = settings.configFile
        for (setting, text) in given {
            let value = try settings.valueToSave(
                setting, text, currentDirectory: FileManager.default.currentDirectoryPath)
            file.document.set(setting.key, to: value)
        }
        try file.save()
        let saved = try CLISettings.load(environment: settings.environment)
        let report = try ConfigReport(settings: saved, ledger: nil, keypair: nil, socket: nil)
        print(try report.rendered(as: output.format), terminator: "")
        for (setting, _) in given where !(settings.environment[setting.environmentVariable] ?? "").isEmpty {
            printError(
                "Note: \(setting.environmentVariable) is set in this environment and overrides the saved "
                    + "\(setting.key).")
        }
    }
}
