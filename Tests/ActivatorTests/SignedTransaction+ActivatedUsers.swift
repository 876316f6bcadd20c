import Ledger
import Models

extension SignedTransaction {
    /// The keys of the users this transaction activates.
    var activatedUsers: [PublicKey] {
        message.instructions.compactMap {
            if case .activateUser(let args) = $0 { return args.pubkey }
            return nil
        }
    }
}
