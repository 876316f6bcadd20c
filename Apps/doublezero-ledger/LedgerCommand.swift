import ArgumentParser
import CommandLineSupport

/// `doublezero-ledger`: keeps the ledger file and serves it to the rest of the network.
@main
struct LedgerCommand: AppRootCommand {
    static let configuration = CommandConfiguration(
        commandName: "doublezero-ledger",
        abstract: "Keep the DoubleZero ledger and serve it over HTTP.",
        discussion: """
            The ledger is the single source of shared state in DoubleZero: devices, exchanges, locations, \
            contributors, links, users, multicast groups, access passes and the global config. It is an \
            ordered log of Ed25519-signed transactions, each applied atomically by the ledger program or \
            rejected with a typed error; every accepted transaction gets a sequence number and a hash \
            chained to the previous entry, and the state tables are a fold of that log.

            This app owns the ledger's SQLite file. `init` creates an empty one, `serve` accepts \
            transactions and streams the log to followers (doublezero-activator, doublezero-controller, \
            doublezero-monitor, doublezerod and the doublezero CLI) over HTTP, and `verify` replays the \
            log from empty to prove the stored state and hash chain are intact. Tools on the same host \
            may open the file directly with `--ledger PATH` instead of going through the server.

            \(ExitCode.summary)
            """,
        subcommands: [ServeLedger.self, VerifyLedger.self, InitLedger.self]
    )
}
