import Foundation
import Ledger
import Models

/// Signed transactions for the tests: a foundation key that initialises the ledger and creates
/// locations, a stranger, and hand-made wire forms for the malformed cases.
struct TransactionFactory: Sendable {
    let foundation = Keypair()
    let stranger = Keypair()
    /// The ledger these transactions are for, founded by ``foundation``: create it with this.
    let genesis: LedgerGenesis

    init() {
        genesis = LedgerGenesis(foundation: foundation.publicKey)
    }

    /// `init_global_state` by the foundation key.
    func initialize(nonce: UInt64 = .random(in: 1...UInt64.max)) -> SignedTransaction {
        SignedTransaction([.initGlobalState], signedBy: foundation, for: genesis.id, nonce: nonce)
    }

    /// `create_location` by `signer` (default: the foundation key).
    func createLocation(
        _ code: String, name: String? = nil, by signer: Keypair? = nil, nonce: UInt64 = .random(in: 1...UInt64.max)
    ) -> SignedTransaction {
        SignedTransaction(
            [
                .createLocation(
                    CreateLocationArgs(
                        code: code, name: name ?? code.uppercased(), country: "US", latitude: 40, longitude: -74))
            ],
            signedBy: signer ?? foundation, for: genesis.id, nonce: nonce)
    }

    /// A wire form whose signature belongs to other bytes than the message.
    func badSignatureWire() -> [UInt8] {
        let good = initialize(nonce: 7)
        let other = initialize(nonce: 8)
        return Self.wire(message: good.messageBytes, signature: other.signature)
    }

    /// A correctly signed message naming an instruction nobody knows.
    func unknownInstructionWire() -> [UInt8] {
        let message = Array(
            #"{"instructions":[{"type":"launch_rocket"}],"ledger":"\#(genesis.id)","nonce":5,"not_after":\#(TransactionValidity.notAfter()),"signer":"\#(foundation.publicKey.base58)"}"#
                .utf8)
        return Self.wire(message: message, signature: foundation.sign(message))
    }

    /// A syntactically valid JSON body of more than 64 KiB.
    static func oversizeBody() -> [UInt8] {
        Array(#"{"message":"\#(String(repeating: "A", count: SignedTransaction.maxWireBytes))","signature":"x"}"#.utf8)
    }

    /// The wire envelope around arbitrary message bytes and signature.
    static func wire(message: [UInt8], signature: [UInt8]) -> [UInt8] {
        Array(#"{"message":"\#(Data(message).base64EncodedString())","signature":"\#(Base58.encode(signature))"}"#.utf8)
    }
}
