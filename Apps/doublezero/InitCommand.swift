import ArgumentParser
import CommandLineSupport
import Ledger
import Models

/// `doublezero init`: bootstraps a new ledger's global state.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Bootstrap a new ledger: make your key its first foundation member and activator.",
        discussion: """
            Submits InitGlobalState, signed by --keypair, which becomes the only foundation member and the \
            activator, sentinel and QA key until changed (--activator and --sentinel hand those roles to \
            other keys in the same transaction). Only the key the ledger was created with \
            (`doublezero-ledger init --foundation KEY`) may do this. Run once on a new ledger, then set \
            the global config (`doublezero global-config set`). On a ledger already initialised it \
            changes nothing unless --activator or --sentinel is given, and fails if --keypair is not a \
            foundation member.
            """
    )

    /// Keys to hand the activator and sentinel roles to.
    @OptionGroup var authorities: AuthorityKeys

    /// The ledger to bootstrap.
    @OptionGroup var ledger: CLILedgerOption

    /// The founding key.
    @OptionGroup var keypair: CLIKeypairOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Submits InitGlobalState (and SetAuthority when authority keys are given).
    func run() async throws {
        let session = try LedgerSession(ledger: ledger, keypair: keypair)
        var instructions: [Instruction] = []
        if let global = try await session.globalState() {
            let signer = try session.keypair().publicKey
            guard global.isFoundation(signer) else {
                throw CommandFailure(
                    "the ledger is already initialised and \(signer) is not one of its foundation members (\(global.foundationAllowlist.map(\.base58).joined(separator: ", ")))"
                )
            }
            if !authorities.isGiven {
                printError("the ledger is already initialised; nothing to do")
                return
            }
        } else {
            instructions.append(.initGlobalState)
        }
        if authorities.isGiven {
            instructions.append(.setAuthority(try authorities.arguments(in: session)))
        }
        try await session.submit(instructions, reportingOn: Entity.globalStateKey, format: output.format)
    }
}
