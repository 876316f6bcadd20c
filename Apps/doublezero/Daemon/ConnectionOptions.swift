import ArgumentParser
import CommandLineSupport
import Models

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

    /// Ignored, as upstream: the daemon decides the client IP (`doublezerod --client-ip`).
    @Option(name: .customLong("client-ip"), help: .hidden)
    var clientIP: String?

    /// How long to wait for doublezerod to bring the tunnel up or take it down (upstream: 60 s).
    @Option(
        name: .customLong("daemon-wait"),
        help: ArgumentHelp("Seconds to wait for doublezerod (default 60).", visibility: .hidden))
    var daemonWaitSeconds: Double = 60

    /// ``daemonWaitSeconds`` as a duration.
    var daemonWait: Duration { .milliseconds(Int64((daemonWaitSeconds * 1000).rounded())) }

    /// Rejects a negative wait.
    func validate() throws {
        guard daemonWaitSeconds.isFinite, daemonWaitSeconds >= 0 else {
            throw ValidationError("--daemon-wait must be a number of seconds, 0 or more.")
        }
    }
}
