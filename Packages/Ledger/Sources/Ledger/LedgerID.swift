/// The identity of one ledger: the SHA-256 (64 lower-case hex digits) of its ``LedgerGenesis``.
///
/// Every signed ``TransactionMessage`` names the ledger it is for, so a transaction captured
/// from one ledger's public log is refused by every other ledger (`WrongLedger`).
public struct LedgerID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 64 lower-case hex digits.
    public let hex: String

    /// Reads 64 lower-case hex digits; nil for anything else.
    public init?(hex: String) {
        let digits = hex.utf8
        guard digits.count == 64,
            digits.allSatisfy({
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
            })
        else { return nil }
        self.hex = hex
    }

    /// Reads the JSON string form; refuses anything but 64 lower-case hex digits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = LedgerID(hex: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a ledger id is 64 lower-case hex digits, not \"\(text.prefix(80))\"")
        }
        self = id
    }

    /// Writes the hex digits as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    /// The hex digits.
    public var description: String { hex }
}
