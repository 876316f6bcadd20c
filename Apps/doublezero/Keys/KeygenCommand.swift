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
            prints `Pubkey: <base58>`. Refuses to overwrite an existing file unless --force is given.
            """
    )

    /// Where to write the key.
    @Option(
        name: [.short, .customLong("outfile")],
        help: ArgumentHelp("Where to write the key file.", valueName: "path"))
    var outfile = KeypairOption.defaultPath

    /// Overwrite an existing file.
    @Flag(name: .shortAndLong, help: "Overwrite the file if it exists.")
    var force = false

    /// Writes a fresh keypair and prints its public key.
    func run() async throws {
        let keypair = Keypair()
        do {
            try keypair.file.write(to: HomeRelativePath.expand(outfile), overwrite: force)
        } catch .alreadyExists(let path) {
            throw CommandFailure("keypair file \(path) already exists; give --force to overwrite it (its key is lost)")
        } catch {
            throw CommandFailure(error.description)
        }
        print("Pubkey: \(keypair.publicKey)")
    }
}
