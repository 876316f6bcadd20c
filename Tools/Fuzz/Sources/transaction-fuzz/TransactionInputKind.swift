/// What the bytes after the first of a transaction fuzz input are; the first byte, modulo 3,
/// picks it.
enum TransactionInputKind: UInt8, CaseIterable {
    /// The wire form `{"message": "<base64>", "signature": "<base58>"}`, as `POST /v1/transactions`
    /// receives it.
    case wire = 0
    /// The message bytes a signature covers (the JSON of a `TransactionMessage`).
    case message = 1
    /// One instruction's JSON, `{"type": ..., "args": {...}}`.
    case instruction = 2

    /// The kind the first input byte picks.
    init(selector: UInt8) {
        self = Self.allCases[Int(selector) % Self.allCases.count]
    }
}
