import ArgumentParser
import CommandLineSupport
import Ledger

/// `doublezero address`: prints the public key of the key file in use.
struct AddressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "address",
        abstract: "Print the public key (base58) of your key file.",
        discussion: "This key is your DoubleZero ID: access passes name it as the user payer."
    )

    /// The key file to read.
    @OptionGroup var keypair: CLIKeypairOption

    /// Loads the key file (refusing a corrupt one) and prints its public key.
    func run() async throws {
        print(try Keypair.load(path: keypair.resolved(in: CLISettings.load()).value).publicKey)
    }
}
