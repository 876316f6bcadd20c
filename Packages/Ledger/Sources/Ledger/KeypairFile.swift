import Foundation
import Models

/// An Ed25519 keypair in Solana's file format: a JSON array of 64 integers 0...255.
///
/// The first 32 bytes are the secret seed, the last 32 the public key — the layout
/// `solana-keygen` writes to `~/.config/solana/id.json` and DoubleZero to
/// `~/.config/doublezero/id.json`. ``encode()`` writes the same compact form Solana does
/// (`[12,34,…]`, no spaces, no trailing newline), and ``decode(from:)`` accepts any JSON
/// whitespace around and between the numbers.
///
/// This type does **not** check that the public key belongs to the seed: that needs Ed25519
/// key derivation, which arrives with the signing support of issue 3. Until then a file with a
/// mismatched half decodes without complaint.
///
/// ``description`` shows the public key only, so logging a keypair never leaks the seed.
public struct KeypairFile: Hashable, Sendable {
    /// The number of bytes in a keypair (and of integers in the file).
    public static let byteCount = 64

    /// The 64 bytes: secret seed, then public key.
    public let bytes: [UInt8]

    /// Creates a keypair from its 64 bytes.
    ///
    /// - Throws: ``KeypairFileError/wrongLength(count:)`` for any other count.
    public init(bytes: some Collection<UInt8>) throws(KeypairFileError) {
        guard bytes.count == Self.byteCount else {
            throw .wrongLength(count: bytes.count)
        }
        self.bytes = Array(bytes)
    }

    /// Creates a keypair from a 32-byte secret seed and its public key.
    ///
    /// - Throws: ``KeypairFileError/wrongLength(count:)`` (counting seed and key together) when
    ///   the seed is not 32 bytes.
    public init(secretSeed: some Collection<UInt8>, publicKey: PublicKey) throws(KeypairFileError) {
        try self.init(bytes: Array(secretSeed) + publicKey.bytes)
    }

    /// The first 32 bytes: the Ed25519 secret seed.
    public var secretSeed: [UInt8] { Array(bytes[..<PublicKey.byteCount]) }

    /// The last 32 bytes: the public key.
    public var publicKey: PublicKey { PublicKey(uncheckedBytes: Array(bytes[PublicKey.byteCount...])) }

    /// Decodes the JSON text of a keypair file.
    ///
    /// - Throws: ``KeypairFileError/notJSON``, ``KeypairFileError/notAnArray(found:)``,
    ///   ``KeypairFileError/wrongLength(count:)``, ``KeypairFileError/notAnInteger(index:found:)``
    ///   or ``KeypairFileError/valueOutOfRange(index:value:)``, checked in that order (the first
    ///   bad element is reported).
    public static func decode(from data: Data) throws(KeypairFileError) -> KeypairFile {
        let shape: JSONValueShape
        do {
            shape = try JSONDecoder().decode(JSONValueShape.self, from: data)
        } catch {
            throw .notJSON
        }
        guard case .array(let elements) = shape else {
            throw .notAnArray(found: shape.summary)
        }
        guard elements.count == byteCount else {
            throw .wrongLength(count: elements.count)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount)
        for (index, element) in elements.enumerated() {
            switch element {
            case .integer(let value):
                guard let byte = UInt8(exactly: value) else {
                    throw .valueOutOfRange(index: index, value: String(value))
                }
                bytes.append(byte)
            case .number(let value) where value.isFinite && value == value.rounded():
                throw .valueOutOfRange(index: index, value: String(describing: value))
            default:
                throw .notAnInteger(index: index, found: element.summary)
            }
        }
        return try KeypairFile(bytes: bytes)
    }

    /// The file contents: `[b0,b1,…,b63]`, compact, as Solana writes it.
    public func encode() -> Data {
        Data(("[" + bytes.map(String.init).joined(separator: ",") + "]").utf8)
    }
}

extension KeypairFile: CustomStringConvertible, CustomDebugStringConvertible {
    /// `KeypairFile(publicKey: <base58>)`; the secret seed is never shown.
    public var description: String { "KeypairFile(publicKey: \(publicKey.base58))" }

    /// Same as ``description``: the secret seed is never shown.
    public var debugDescription: String { description }
}
