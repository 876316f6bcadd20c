/// Reject reasons as the ledger accepts them: non-empty and at most 256 bytes.
enum RejectReasonText {
    /// The ledger's limit, in bytes.
    static let maxBytes = 256

    /// `text` cut to at most ``maxBytes`` UTF-8 bytes on a character boundary (never empty).
    static func fitted(_ text: String) -> String {
        guard text.utf8.count > maxBytes else { return text.isEmpty ? "rejected by the activator" : text }
        var result = ""
        for character in text {
            guard result.utf8.count + String(character).utf8.count <= maxBytes else { break }
            result.append(character)
        }
        return result
    }
}
