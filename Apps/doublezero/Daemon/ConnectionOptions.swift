import ArgumentParser
import CommandLineSupport

/// What `connect` and `disconnect` need: the daemon's socket, the ledger, your key, and a verbosity flag.
struct ConnectionOptions: ParsableArguments {
    /// doublezerod's API socket.
    @OptionGroup var socket: CLISocketOption

    /// The ledger holding your users.
    @OptionGroup var ledger: CLILedgerOption

    /// Your key (the user payer).
    @OptionGroup var keypair: CLIKeypairOption

    /// Print each step.
    @Flag(name: .shortAndLong, help: "Print each step.")
    var verbose = false
}
