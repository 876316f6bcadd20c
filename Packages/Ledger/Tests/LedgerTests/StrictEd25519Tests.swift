import Crypto
import Foundation
import Models
import PropertyBased
import Testing

@testable import Ledger

/// Strict Ed25519: fixed vectors for each refused form (forged signatures for weak keys,
/// non-canonical S, A and R, small-order R) and a property that real keys still work.
@Suite struct StrictEd25519Tests {
    /// The identity point (0, 1): `01 00…00`.
    static let identityKey = PublicKey(uncheckedBytes: [1] + [UInt8](repeating: 0, count: 31))

    /// The forged signature: R = identity (`01 00…00`), S = 0.
    static let forgedSignature = [1] + [UInt8](repeating: 0, count: 63)

    /// The canonical encodings of the 8 points of small order (from `Scripts/ed25519_torsion.py`).
    static let smallOrderEncodings = [
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    ].map { Hex.decode($0)! }

    /// L, the order of the base point, little-endian.
    static let groupOrder = Hex.decode("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")!

    /// Canonical transaction messages signed by `signer` with nonces 1…16, plus a few plain texts.
    static func messages(signer: PublicKey) -> [[UInt8]] {
        let texts = ["", "hello", "{\"instructions\":[]}"].map { Array($0.utf8) }
        let transactions = (1...16).map { nonce in
            Array(
                try! CanonicalJSON.makeEncoder().encode(
                    TransactionMessage(
                        signer: signer, nonce: UInt64(nonce), ledger: TestLedger.id, instructions: [.initGlobalState])))
        }
        return texts + transactions
    }

    /// swift-crypto's plain verification, which this ledger used before.
    static func plainVerifies(_ signature: [UInt8], _ message: [UInt8], _ key: PublicKey) -> Bool {
        guard let verifier = try? Curve25519.Signing.PublicKey(rawRepresentation: key.bytes) else { return false }
        return verifier.isValidSignature(signature, for: message)
    }

    /// The forged signature verifies with plain swift-crypto (always for the identity key, for
    /// about one message in four for the all-zero key), so these vectors fail on the old
    /// verification; the strict one refuses every one of them.
    @Test func forgedSignaturesForTheIdentityAndZeroKeysAreRefused() {
        var acceptedByPlainVerification = 0
        for key in [Self.identityKey, PublicKey.zero] {
            for message in Self.messages(signer: key) {
                if Self.plainVerifies(Self.forgedSignature, message, key) { acceptedByPlainVerification += 1 }
                #expect(!key.verifies(signature: Self.forgedSignature, for: message), "\(key) \(message)")
                #expect(!StrictEd25519.isValidSignature(Self.forgedSignature, of: message, by: key))
            }
        }
        let identityMessages = Self.messages(signer: Self.identityKey)
        #expect(identityMessages.allSatisfy { Self.plainVerifies(Self.forgedSignature, $0, Self.identityKey) })
        #expect(acceptedByPlainVerification > identityMessages.count, "the zero key accepts some forgeries too")
    }

    /// The same forgery, as a whole transaction, is refused by the ledger with `InvalidSignature`.
    @Test func aForgedTransactionIsRefused() throws {
        for key in [Self.identityKey, PublicKey.zero] {
            for nonce in UInt64(1)...8 {
                let message = TransactionMessage(
                    signer: key, nonce: nonce, ledger: TestLedger.id, instructions: [.initGlobalState])
                let bytes = Array(try CanonicalJSON.makeEncoder().encode(message))
                #expect(throws: ProgramError.self) {
                    try SignedTransaction(messageBytes: bytes, signature: Self.forgedSignature)
                }
                do {
                    _ = try SignedTransaction(messageBytes: bytes, signature: Self.forgedSignature)
                } catch {
                    #expect(error.code == .invalidSignature)
                }
            }
        }
    }

    @Test func smallOrderPointsAreNeitherKeysNorR() throws {
        let keypair = Keypair()
        let message = Array("small order".utf8)
        let signature = keypair.sign(message)
        for encoding in Self.smallOrderEncodings {
            let key = try #require(PublicKey(bytes: encoding))
            #expect(!StrictEd25519.isStrongKey(key), "\(Hex.encode(encoding))")
            #expect(!key.verifies(signature: Self.forgedSignature, for: message))
            // R of small order with a real key.
            let withSmallR = encoding + signature[32...]
            #expect(!keypair.publicKey.verifies(signature: withSmallR, for: message))
        }
    }

    /// Encodings of y ≥ p, and x = 0 (y = 1 or y = p − 1) with the sign bit set, are not canonical.
    @Test func nonCanonicalPointEncodingsAreRefused() throws {
        var encodings: [[UInt8]] = []
        for excess in 0..<19 {  // y = p + excess, up to 2^255 − 1
            var y = Hex.decode("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")!
            y[0] += UInt8(excess)
            encodings.append(y)
            var signed = y
            signed[31] |= 0x80
            encodings.append(signed)
        }
        encodings.append([1] + [UInt8](repeating: 0, count: 30) + [0x80])  // identity, sign bit set
        // (0, −1) with the sign bit set.
        encodings.append(Hex.decode("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")!)
        let keypair = Keypair()
        let message = Array("non-canonical".utf8)
        let signature = keypair.sign(message)
        for encoding in encodings {
            let key = try #require(PublicKey(bytes: encoding))
            #expect(!StrictEd25519.isStrongKey(key), "\(Hex.encode(encoding))")
            #expect(!keypair.publicKey.verifies(signature: encoding + signature[32...], for: message))
        }
    }

    /// S + L verifies wherever S does under a lax check; the strict check wants S < L.
    @Test func nonCanonicalSIsRefused() {
        let keypair = Keypair()
        let message = Array("malleable".utf8)
        let signature = keypair.sign(message)
        #expect(keypair.publicKey.verifies(signature: signature, for: message))
        var sum = [UInt8](repeating: 0, count: 32)
        var carry = 0
        for index in 0..<32 {
            let total = Int(signature[32 + index]) + Int(Self.groupOrder[index]) + carry
            sum[index] = UInt8(total & 0xFF)
            carry = total >> 8
        }
        // S < L < 2^253, so S + L < 2^254 fits in 32 bytes.
        #expect(carry == 0)
        #expect(!keypair.publicKey.verifies(signature: Array(signature[..<32]) + sum, for: message))
        #expect(!keypair.publicKey.verifies(signature: Array(signature[..<32]) + Self.groupOrder, for: message))
    }

    /// Real keys sign and verify; any flipped bit of the signature or the message is refused.
    @Test func realKeysStillSignAndVerify() async {
        let input = Gen.uint8().array(of: 0...200)
        await propertyCheck(count: 100, input: input, Gen.int(in: 0...Int.max)) { message, flip in
            let keypair = Keypair()
            #expect(StrictEd25519.isStrongKey(keypair.publicKey))
            let signature = keypair.sign(message)
            #expect(keypair.publicKey.verifies(signature: signature, for: message))
            var badSignature = signature
            badSignature[flip % 64] ^= 1 << UInt8(flip / 64 % 8)
            #expect(!keypair.publicKey.verifies(signature: badSignature, for: message))
            if !message.isEmpty {
                var badMessage = message
                badMessage[flip % message.count] ^= 1 << UInt8(flip / 64 % 8)
                #expect(!keypair.publicKey.verifies(signature: signature, for: badMessage))
            }
        }
    }
}
