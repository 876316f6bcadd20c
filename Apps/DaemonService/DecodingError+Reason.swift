extension DecodingError {
    /// A JSON decoding failure as a short reason that says where, e.g.
    /// `at tunnel_net: Expected to decode String but found a number instead.`
    static func reason(of error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .dataCorrupted(let context):
            let at = context.codingPath.map(\.stringValue).joined(separator: ".")
            return at.isEmpty ? "not JSON: \(context.debugDescription)" : "at \(at): \(context.debugDescription)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
            let at = context.codingPath.map(\.stringValue).joined(separator: ".")
            return at.isEmpty ? context.debugDescription : "at \(at): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
