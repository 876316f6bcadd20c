import CommandLineSupport
import DaemonService
import Foundation
import Ledger
import Models

/// What `connect` and `disconnect` work with once upstream's preflight passed: your key, the
/// ledger, doublezerod (checked running and on the same ledger) and this host's client IP as the
/// daemon knows it.
struct ConnectionContext: Sendable {
    /// The ledger.
    let session: LedgerSession
    /// doublezerod.
    let daemon: DaemonClient
    /// Your key: the user payer and owner of the users created.
    let keypair: Keypair
    /// This host's public IP, as doublezerod discovered it.
    let clientIP: IPv4Address
    /// The daemon's status when the command started.
    let initialStatus: DaemonStatus
    /// Where steps and results go.
    let progress: ProgressLine
    /// How long to wait for the daemon to act.
    let daemonWait: Duration

    /// Your public key.
    var payer: PublicKey { keypair.publicKey }

    /// Runs the preflight of `connect`/`disconnect` and prints upstream's first line,
    /// `announcement(network)` (`⚡  Connecting to testnet...`).
    ///
    /// - Throws: ``CommandFailure`` in upstream's words: no key file, the daemon not running, not
    ///   openable or unreachable, on another ledger, or without a client IP.
    static func open(
        _ options: ConnectionOptions, progress: ProgressLine, announcement: (_ network: String) -> String
    ) async throws
        -> ConnectionContext
    {
        let settings = try CLISettings.load()
        let keypairSetting = try options.keypair.resolved(in: settings)
        let keypair: Keypair
        do {
            keypair = try Keypair(file: KeypairFile.load(path: keypairSetting.value))
        } catch KeypairFileError.fileMissing {
            throw KeypairMissing.failure(
                path: keypairSetting.value, isDefault: keypairSetting.source == .builtInDefault)
        } catch {
            throw CommandFailure("keypair file \(keypairSetting.value): \(error)")
        }
        let daemon = try DaemonClient(socketPath: options.socket.resolved(in: settings).value)
        let session = try LedgerSession(ledger: options.ledger, keypair: options.keypair)
        try await checkSameLedger(daemon: daemon, session: session)
        progress.step("asking doublezerod for this host's status")
        let status = try await daemon.status()
        progress.say(announcement(status.network.isEmpty ? "DoubleZero" : status.network))
        if let ignored = options.clientIP {
            progress.warn(
                "⚠️  --client-ip \(ignored) is ignored: doublezerod decides the client IP (doublezerod --client-ip).")
        }
        guard let clientIP = IPv4Address(status.clientIP) else {
            throw CommandFailure(
                "Daemon has not discovered its client IP. Start doublezerod with --client-ip, or give this host a "
                    + "default route through its public address.")
        }
        return ConnectionContext(
            session: session, daemon: daemon, keypair: keypair, clientIP: clientIP, initialStatus: status,
            progress: progress, daemonWait: options.daemonWait)
    }

    /// Upstream's environment check: the daemon must follow the ledger this command uses (its
    /// `/config` `program_id` is that ledger's id; empty while it does not know yet).
    private static func checkSameLedger(daemon: DaemonClient, session: LedgerSession) async throws {
        let config = try await daemon.config()
        guard !config.programID.isEmpty else { return }
        let ours: String
        do {
            ours = try await session.ledger.genesis().id.hex
        } catch {
            throw error.commandFailure
        }
        guard config.programID != ours else { return }
        throw CommandFailure(
            """
            The client and the daemon are using different environments.
            Client: ledger \(ours)
            Daemon: ledger \(config.programID) (\(config.rpcURL))
            Please update the daemon configuration so both use the same environment.
            """)
    }

    /// Every user of this host's client IP, whoever owns it.
    func hostUsers() async throws -> [User] {
        try await session.records(User.self, matching: EntityFilter(["client_ip": clientIP.description]))
    }
}
