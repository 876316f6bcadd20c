import ArgumentParser
import CommandLineSupport
import Foundation
import Ledger
import Models

/// `doublezero-ledger init`: creates a ledger file bound to its founder.
struct InitLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a ledger file, founded by one key.",
        discussion: """
            Creates the SQLite file with the ledger's schema, an empty log and its genesis: the \
            foundation key (--foundation KEY, or the public key of --foundation-keypair FILE), the \
            time and a random salt. The genesis hash is the ledger's identity, which every \
            transaction signs; only the foundation key may then sign init_global_state \
            (`doublezero init`), so a served ledger cannot be claimed by its first caller. Refuses \
            to touch an existing file: it fails (exit 1) and leaves it as it is, so a ledger is \
            never reset by accident; remove the file yourself to start over.
            """
    )

    /// Where to create the ledger file.
    @OptionGroup var database: DatabaseOption

    /// The founding key, as a base58 public key.
    @Option(
        name: .long,
        help: ArgumentHelp("The founding key (base58 public key).", valueName: "pubkey"))
    var foundation: PublicKey?

    /// The founding key, as a keypair file.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A keypair file whose public key founds the ledger (instead of --foundation).", valueName: "path"))
    var foundationKeypair: String?

    func validate() throws {
        switch (foundation, foundationKeypair) {
        case (nil, nil):
            throw ValidationError("name the founding key with --foundation KEY or --foundation-keypair FILE")
        case (.some, .some): throw ValidationError("give --foundation or --foundation-keypair, not both")
        default: break
        }
    }

    /// The founding public key.
    private func foundationKey() throws -> PublicKey {
        if let foundation { return foundation }
        let path = HomeRelativePath.expand(foundationKeypair ?? "")
        do {
            return try Keypair(file: KeypairFile.load(path: path)).publicKey
        } catch {
            throw CommandFailure("cannot read the founding keypair \(path): \(error)")
        }
    }

    /// Creates the file (and missing parent directories), or fails if anything is already there.
    func run() async throws {
        let path = database.db
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(
                "\(path) already exists; init never touches an existing file (remove it to start over)")
        }
        let genesis = LedgerGenesis(foundation: try foundationKey())
        let ledger: LedgerService
        do {
            ledger = try LedgerService(path: path, creating: genesis)
        } catch {
            throw CommandFailure("cannot create the ledger: \(error)")
        }
        await ledger.close()
        print("created ledger \(genesis.id) at \(path), founded by \(genesis.foundation)")
    }
}
