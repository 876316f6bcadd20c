import Foundation
import Ledger
import Models

/// Signed transactions for the tests: a foundation key that initialises the ledger and creates
/// locations, a stranger, and hand-made wire forms for the malformed cases.
public struct TransactionFactory: Sendable {
    /// The key the ledger is founded by.
    public let foundation = Keypair()
    /// A key with no role.
    public let stranger = Keypair()
    /// The ledger these transactions are for, founded by ``foundation``: create it with this.
    public let genesis: LedgerGenesis

    /// A factory for a fresh ledger founded by ``foundation``.
    public init() {
        genesis = LedgerGenesis(foundation: foundation.publicKey)
    }

    /// `init_global_state` by the foundation key.
    public func initialize(nonce: UInt64 = .random(in: 1...UInt64.max)) -> SignedTransaction {
        SignedTransaction([.initGlobalState], signedBy: foundation, for: genesis.id, nonce: nonce)
    }

    /// `create_location` by `signer` (default: the foundation key).
    public func createLocation(
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
    public func badSignatureWire() -> [UInt8] {
        let good = initialize(nonce: 7)
        let other = initialize(nonce: 8)
        return Self.wire(message: good.messageBytes, signature: other.signature)
    }

    /// A correctly signed message naming an instruction nobody knows.
    public func unknownInstructionWire() -> [UInt8] {
        let message = Array(
            #"{"instructions":[{"type":"launch_rocket"}],"ledger":"\#(genesis.id)","nonce":5,"not_after":\#(TransactionValidity.notAfter()),"signer":"\#(foundation.publicKey.base58)"}"#
                .utf8)
        return Self.wire(message: message, signature: foundation.sign(message))
    }

    /// A syntactically valid JSON body of more than 64 KiB.
    public static func oversizeBody() -> [UInt8] {
        Array(#"{"message":"\#(String(repeating: "A", count: SignedTransaction.maxWireBytes))","signature":"x"}"#.utf8)
    }

    /// The wire envelope around arbitrary message bytes and signature.
    public static func wire(message: [UInt8], signature: [UInt8]) -> [UInt8] {
        Array(#"{"message":"\#(Data(message).base64EncodedString())","signature":"\#(Base58.encode(signature))"}"#.utf8)
    }
}
