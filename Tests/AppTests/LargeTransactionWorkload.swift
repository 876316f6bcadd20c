import AppTestSupport
import Foundation
import Ledger
import Models

/// Big but valid transactions for memory tests: each carries the most instructions a
/// transaction may (64 `set_access_pass`, each an `others` pass with a 64-byte type name for its
/// own client IP), so its log entry is tens of kilobytes.
final class LargeTransactionWorkload: @unchecked Sendable {
    /// The foundation key that initialised the ledger and signs every transaction.
    let foundation = Keypair()
    /// The ledger's identity, once known (set before the first transaction is signed).
    var ledger: LedgerID?
    private let payer = Keypair().publicKey
    private let lock = NSLock()
    private var nonce: UInt64 = 0
    private var passes = 0

    /// The genesis transaction of a fresh test ledger.
    func genesis() -> SignedTransaction {
        sign(LedgerBootstrap.instructions(activatorAuthority: Keypair().publicKey))
    }

    /// The next transaction: 64 new access passes.
    func next() -> SignedTransaction {
        let first = lock.withLock {
            passes += SignedTransaction.maxInstructions
            return passes - SignedTransaction.maxInstructions
        }
        let typeName = String(repeating: "x", count: AccountCode.maxNameBytes)
        let instructions = (first..<first + SignedTransaction.maxInstructions).map { index in
            Instruction.setAccessPass(
                SetAccessPassArgs(
                    accessPassType: .others, typeName: typeName,
                    clientIp: IPv4Address(0x2C00_0000 + UInt32(index) + 1), userPayer: payer))
        }
        return sign(instructions)
    }

    /// `instructions` signed by the foundation key with the next nonce.
    private func sign(_ instructions: [Instruction]) -> SignedTransaction {
        let nonce = lock.withLock {
            self.nonce += 1
            return self.nonce
        }
        return SignedTransaction(instructions, signedBy: foundation, for: ledger!, nonce: nonce)
    }
}
