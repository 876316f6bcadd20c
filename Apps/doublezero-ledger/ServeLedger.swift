import ArgumentParser
import CommandLineSupport
import Foundation
import Ledger
import LedgerServer
import Logging
import PrometheusExport

/// `doublezero-ledger serve`: the ledger's HTTP server.
struct ServeLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the ledger over HTTP: accept signed transactions and stream the log.",
        discussion: """
            Clients submit signed transactions; each one is applied atomically or rejected with a typed \
            error. Followers read state and subscribe to the log from a sequence number (a stream, not a \
            poll). The file must exist (see `init`).

            Once listening, the server prints one line on standard output, `listening on HOST:PORT` (with \
            the real port when --listen gives port 0), and logs the address and the log's head on standard \
            error. SIGTERM or SIGINT stop it gracefully: it stops accepting connections, ends open log \
            streams, finishes requests in flight, closes the file and exits 0.

            Routes: POST /v1/transactions, GET /v1/entities/{kind}[/{pubkey}], GET /v1/head, \
            GET /v1/log?from=N[&follow=false] (NDJSON), GET /healthz.

            A log follower that reads more slowly than entries are accepted may fall behind by \
            --follower-backlog-entries entries or --follower-backlog-bytes bytes; past either, its stream \
            ends with a line naming the sequence to follow again from (the ledger client does so by itself).

            Authentication is rate limited: a key whose signature fails or that lacks authority \
            --auth-max-failures times within --auth-failure-window is refused (429 with Retry-After, before \
            the ledger is touched) for --auth-lockout; --auth-global-keys distinct failing keys within \
            --auth-global-window refuse every key the ledger does not know for --auth-global-lockout. Keys \
            with standing on the ledger (the foundation, the activator, owners of live entities, access-pass \
            holders) are never locked out.
            """
    )

    /// The ledger file to serve.
    @OptionGroup var database: DatabaseOption

    /// The address the HTTP server listens on.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The address to listen on, as HOST:PORT (port 1–65535, or 0 for any free port). (default: 127.0.0.1:8899)",
            valueName: "host:port"),
        transform: { try ListenAddress.allowingEphemeralPort($0) })
    var listen = ListenAddress(host: "127.0.0.1", port: 8899)

    /// How far a log follower may fall behind before its stream is cut off.
    @OptionGroup var followerBacklog: FollowerBacklogOptions

    /// The authentication rate limit.
    @OptionGroup var authentication: AuthenticationLimitOptions

    /// Opens the file, serves it until SIGTERM/SIGINT, then closes it.
    func run() async throws {
        StandardErrorLogging.bootstrap()
        let prometheus = PrometheusExport.bootstrap(
            durationBuckets: [LedgerServerMetrics.submitDurationLabel: LedgerServerMetrics.submitDurationBuckets])
        let logger = Logger(label: "doublezero.ledger")
        let ledger = try LedgerFile.openExisting(database.db, followerBacklog: followerBacklog.limit)
        let server = LedgerHTTPServer(
            ledger: ledger,
            configuration: LedgerServerConfiguration(
                host: listen.host, port: Int(listen.port), authentication: authentication.limits),
            logger: logger, exposition: { prometheus.exposition() })
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await server.runUntilSignalled() }
                group.addTask { try await Self.announce(server: server, ledger: ledger, logger: logger) }
                try await group.waitForAll()
            }
        } catch {
            await ledger.close()
            throw CommandFailure("the ledger server failed: \(error)")
        }
        await ledger.close()
        logger.info("ledger server stopped", metadata: ["ledger.path": "\(database.db)"])
    }

    /// Once bound: the parseable line on stdout, and the address and head in the log.
    private static func announce(server: LedgerHTTPServer, ledger: LedgerService, logger: Logger) async throws {
        let address: LedgerServerAddress
        do {
            address = try await server.listeningAddress()
        } catch {
            return  // it failed to bind or stopped at once; the server's own task reports why
        }
        let head = try await ledger.head()
        logger.info(
            "ledger server listening",
            metadata: [
                "http.address": "\(address)", "ledger.path": "\(ledger.path)",
                "ledger.sequence": "\(head.sequence)", "ledger.hash": "\(head.hash)",
                "ledger.state_hash": "\(head.stateHash)",
            ])
        // Unbuffered, so a parent process reading a pipe or file sees it at once.
        FileHandle.standardOutput.write(Data("listening on \(address)\n".utf8))
    }
}
