import Models

extension SignedTransaction {
    /// The largest signed message, in bytes: room for ``maxInstructions`` instructions of
    /// 512 bytes (the largest real instruction is well under that).
    public static let maxMessageBytes = 32 * 1024

    /// The longest base64 text of a message of ``maxMessageBytes`` bytes.
    public static let maxMessageBase64Count = (maxMessageBytes + 2) / 3 * 4

    /// The number of bytes in an Ed25519 signature.
    public static let signatureByteCount = 64

    /// The longest base58 text of a signature (88 symbols).
    public static let maxSignatureBase58Count = Base58.maxEncodedCount(forByteCount: signatureByteCount)

    /// How deep objects and arrays may nest in a message or the envelope.
    public static let maxJSONDepth = 16
}
