import CommandLineSupport
import Ledger

extension Error {
    /// The error as the one line a person sees after `Error: `: a refused transaction shows the
    /// program error (`InvalidTunnelNet (28): ...`), an unreachable or broken ledger says so.
    /// Errors that already are ``CommandFailure``s pass through.
    var commandFailure: CommandFailure {
        if let failure = self as? CommandFailure { return failure }
        guard let ledgerError = self as? LedgerError else { return CommandFailure(String(describing: self)) }
        if case .rejected(let programError) = ledgerError { return CommandFailure(programError.description) }
        return CommandFailure(ledgerError.description)
    }
}
