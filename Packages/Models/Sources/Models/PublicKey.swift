/// A 32-byte Ed25519 public key (or a deterministic entity key), shown in base58.
///
/// The all-zero key (`11111111111111111111111111111111`, Solana's default key upstream) is not
/// a key anyone holds: as an Ed25519 point it has small order, so forged signatures verify for
/// it. The ledger never takes it as an authority or owner; a value that may be unset is an
/// optional, nil when unset.
public struct PublicKey: Hashable, Comparable, Sendable {
    /// The number of bytes in a key.
    public static let byteCount = 32

    /// The all-zero key; never an authority (see the type's documentation).
    public static let zero = PublicKey(uncheckedBytes: [UInt8](repeating: 0, count: byteCount))

    /// The raw key bytes (always 32).
    public let bytes: [UInt8]

    /// Creates a key from exactly 32 bytes; nil for any other count.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = Array(bytes)
    }

    /// Creates a key from bytes the caller has already checked to be 32 long.
    public init(uncheckedBytes bytes: [UInt8]) {
        precondition(bytes.count == Self.byteCount, "a public key has 32 bytes, not \(bytes.count)")
        self.bytes = bytes
    }

    /// Parses the base58 form; nil unless it decodes to exactly 32 bytes. Text longer than any
    /// 32-byte key's form (44 symbols) is refused before decoding.
    public init?(base58 text: some StringProtocol) {
        guard let bytes = Base58.decode(text, maxByteCount: Self.byteCount) else { return nil }
        self.init(bytes: bytes)
    }

    /// The base58 form.
    public var base58: String { Base58.encode(bytes) }

    /// Whether this is the all-zero key.
    public var isZero: Bool { bytes.allSatisfy { $0 == 0 } }

    /// Orders keys by their bytes, lexicographically.
    public static func < (lhs: PublicKey, rhs: PublicKey) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }
}

extension PublicKey: CustomStringConvertible {
    /// The base58 form.
    public var description: String { base58 }
}

extension PublicKey: Codable {
    /// Decodes the base58 string form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let key = PublicKey(base58: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a base58 public key of 32 bytes")
        }
        self = key
    }

    /// Encodes the base58 string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(base58)
    }
}
