/// Why a request body was not accepted: too large, or refused (malformed or invalid).
enum BodyError: Error, Sendable, Hashable {
    /// The body is over ``DaemonAPI/maxBodySize``; the reason says so.
    case tooLarge(String)
    /// The body is malformed or invalid.
    case rejected(RequestRejection)

    /// Runs a validation, turning its rejection into ``rejected(_:)``.
    static func validating<Value>(_ validation: () throws(RequestRejection) -> Value) throws(BodyError) -> Value {
        do {
            return try validation()
        } catch {
            throw .rejected(error)
        }
    }
}
