import ArgumentParser
import CommandLineSupport
import Ledger

/// `doublezero keygen`: creates a new signing key file.
struct KeygenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create a new Ed25519 key file and print its public key.",
        discussion: """
            Writes a Solana-compatible key file (a JSON array of 64 bytes, readable only by you) and \
            prints `Pubkey: <base58>`. Refuses to overwrite an existing file unless --force is given. \
            Without --outfile it writes the key file the other commands use: $DOUBLEZERO_KEYPAIR, else \
            `keypair_path` in the config file, else ~/.config/doublezero/id.json.
            """
    )

    /// Where to write the key.
    @Option(
        name: [.short, .customLong("outfile")],
        help: ArgumentHelp(
            "Where to write the key file. Default: the key file in use (see `doublezero config get`).",
            valueName: "path"))
    var outfile: String?

    /// Overwrite an existing file.
    @Flag(name: .shortAndLong, help: "Overwrite the file if it exists.")
    var force = false

    /// Writes a fresh keypair and prints its public key.
    func run() async throws {
        let settings = try CLISettings.load()
        let path = try outfile.map(settings.expandingHome) ?? settings.keypairPath(flag: nil).value
        let keypair = Keypair()
        do {
            try keypair.file.write(to: path, overwrite: force)
        } catch .alreadyExists(let path) {
            throw CommandFailure("keypair file \(path) already exists; give --force to overwrite it (its key is lost)")
        } catch {
            throw CommandFailure(error.description)
        }
        print("Pubkey: \(keypair.publicKey)")
    }
}
