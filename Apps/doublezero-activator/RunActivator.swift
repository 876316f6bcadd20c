import ActivatorService
import ArgumentParser
import CommandLineSupport
import Foundation
import Ledger
import LedgerClient
import Logging
import ServiceLifecycle

/// `doublezero-activator run`: the activator service loop.
struct RunActivator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Follow the ledger log and activate, reject or close entities until stopped.",
        discussion: """
            On start it rebuilds its pools from the ledger's current state, then streams the log from \
            that point. Stops cleanly on SIGINT or SIGTERM. Logs go to standard error at the level named \
            by LOG_LEVEL (default info).
            """
    )

    /// The ledger to follow and write to.
    @OptionGroup var ledger: LedgerOption

    /// The activator authority's signing key.
    @OptionGroup var keypair: KeypairOption

    /// Opens the ledger and the key, then runs the activator until SIGTERM or SIGINT.
    func run() async throws {
        StandardErrorLogging.bootstrap()
        let logger = Logger(label: "doublezero.activator")
        let key: Keypair
        do {
            key = try Keypair(file: KeypairFile.load(path: keypair.path))
        } catch {
            throw CommandFailure("cannot load the activator keypair \(keypair.path): \(error)")
        }
        let connection: any LedgerAPI
        do {
            connection = try LedgerConnection.open(ledger.location.description)
        } catch {
            throw CommandFailure("cannot open the ledger \(ledger.location): \(error)")
        }
        let activator = Activator(ledger: connection, keypair: key, logger: logger)
        logger.info(
            "activator starting",
            metadata: ["ledger.location": "\(ledger.location)", "activator.key": "\(key.publicKey)"])
        let group = ServiceGroup(
            services: [activator], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        do {
            try await group.run()
        } catch {
            throw CommandFailure("the activator failed: \(error)")
        }
        await LedgerConnection.close(connection)
        logger.info("activator stopped")
    }
}
