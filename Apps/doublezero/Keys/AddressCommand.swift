import ArgumentParser
import CommandLineSupport

/// `doublezero address`: prints the public key of the key file in use.
struct AddressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "address",
        abstract: "Print the public key (base58) of your key file.",
        discussion: "This key is your DoubleZero ID: access passes name it as the user payer."
    )

    /// The key file to read.
    @OptionGroup var keypair: KeypairOption

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezero address", issue: .ledger)
    }
}
