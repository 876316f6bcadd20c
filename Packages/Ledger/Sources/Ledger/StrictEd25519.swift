import Crypto
import Foundation
import Models

/// Ed25519 verification that refuses what RFC 8032 leaves to each implementation, so no
/// signature can be forged for a weak key and no valid signature can be altered into another.
///
/// Before swift-crypto's own check it refuses:
/// - a public key A or signature point R that is not the canonical encoding of a point: its y
///   (the 255 low bits, little-endian) is at least p = 2²⁵⁵ − 19, or x = 0 (y = 1 or y = p − 1)
///   with the sign bit set;
/// - A or R of small order, one of the 8 points whose order divides the cofactor 8. For such a
///   key `R = 01 00…00, S = 0` verifies for many messages (always for the identity key, for one
///   nonce in four for the all-zero key ``PublicKey/zero``);
/// - S ≥ L, the order of the base point (S + L verifies wherever S does).
///
/// A key that passes may still have a small-order component (a mixed-order point); without a
/// small-order A or R no forgery is known for such keys, and they are never made by `Keypair`.
///
/// **Where the constants come from.** The points of order dividing 8 on
/// −x² + y² = 1 + d·x²·y² are the identity (0, 1), the point of order 2 (0, −1), the two of
/// order 4 (±√−1, 0) and four of order 8, whose y solves d·y⁴ + 2y² − 1 = 0 (doubling them
/// gives a point with y = 0): y = ±0x7a03ac92…706a17c7. So their y coordinates are 0, 1,
/// p − 1 and the two order-8 values below; each y stands for both signs of x.
/// `Packages/Ledger/Scripts/ed25519_torsion.py` derives them with field arithmetic and checks
/// every point's order by repeated addition.
public enum StrictEd25519 {
    /// p = 2²⁵⁵ − 19, little-endian.
    static let fieldPrime: [UInt8] = littleEndian("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")

    /// L = 2²⁵² + 27742317777372353535851937790883648493, the order of the base point, little-endian.
    static let groupOrder: [UInt8] = littleEndian("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")

    /// The y coordinates (little-endian, sign bit clear) of the 8 points of small order.
    static let smallOrderY: [[UInt8]] = [
        littleEndian("0100000000000000000000000000000000000000000000000000000000000000"),  // identity, order 1
        littleEndian("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),  // p − 1, order 2
        littleEndian("0000000000000000000000000000000000000000000000000000000000000000"),  // 0, order 4
        littleEndian("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),  // order 8
        littleEndian("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),  // order 8
    ]

    /// Whether `signature` is a valid Ed25519 signature of `message` by `key`, with the checks
    /// described on ``StrictEd25519``.
    public static func isValidSignature(
        _ signature: some DataProtocol, of message: some DataProtocol, by key: PublicKey
    ) -> Bool {
        let signature = Array(signature)
        guard signature.count == 64, isStrongPoint(key.bytes), isStrongPoint(signature[0..<32]),
            isCanonicalScalar(signature[32..<64]),
            let verifier = try? Curve25519.Signing.PublicKey(rawRepresentation: key.bytes)
        else { return false }
        return verifier.isValidSignature(signature, for: message)
    }

    /// Whether `key` could ever sign under strict verification: a canonical encoding of a point
    /// that is not of small order. The all-zero key is not.
    public static func isStrongKey(_ key: PublicKey) -> Bool {
        isStrongPoint(key.bytes)
    }

    /// Whether 32 bytes are the canonical encoding of a point that is not of small order (it
    /// does not check that the point is on the curve; verification does).
    static func isStrongPoint(_ encoding: some RandomAccessCollection<UInt8>) -> Bool {
        guard encoding.count == 32 else { return false }
        var y = Array(encoding)
        let signBit = y[31] >> 7
        y[31] &= 0x7F
        return isCanonicalPoint(y: y, signBit: signBit) && !smallOrderY.contains(y)
    }

    /// Whether (y, sign bit) is the one encoding of its point: y < p, and the sign bit is clear
    /// when x = 0 (y = 1 or y = p − 1, where x has no sign).
    private static func isCanonicalPoint(y: [UInt8], signBit: UInt8) -> Bool {
        guard isLess(y, than: fieldPrime) else { return false }
        let xIsZero = y == smallOrderY[0] || y == smallOrderY[1]
        return !(xIsZero && signBit == 1)
    }

    /// Whether the 32-byte little-endian scalar S is below L.
    static func isCanonicalScalar(_ scalar: some RandomAccessCollection<UInt8>) -> Bool {
        scalar.count == 32 && isLess(Array(scalar), than: groupOrder)
    }

    /// Little-endian comparison of two 32-byte numbers.
    private static func isLess(_ left: [UInt8], than right: [UInt8]) -> Bool {
        for index in stride(from: 31, through: 0, by: -1) where left[index] != right[index] {
            return left[index] < right[index]
        }
        return false
    }

    /// Bytes from hex written in memory order (byte 0 first).
    private static func littleEndian(_ hex: String) -> [UInt8] {
        // The constants above are well-formed hex.
        Hex.decode(hex)!
    }
}
