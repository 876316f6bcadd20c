import Hummingbird
import Models

extension ProgramError {
    /// The HTTP status a refusal is reported with.
    ///
    /// - 413: `PayloadTooLarge`
    /// - 400: the request itself is bad (`MalformedTransaction`, `UnknownInstruction`,
    ///   `InvalidSignature`, `InvalidArgument`, `NonCanonicalMessage`, `WrongLedger`,
    ///   `TransactionExpired`)
    /// - 404: `AccountNotFound`, and `InvalidAccountType` (an unknown entity kind in the path)
    /// - 409: `ReplayedTransaction`, `NonceRefusedBefore`
    /// - 429: `RateLimited` (with `Retry-After`)
    /// - 422: any other refusal by the program (a well-formed transaction that breaks a rule)
    var httpStatus: HTTPResponse.Status {
        switch code {
        case .payloadTooLarge: .contentTooLarge
        case .malformedTransaction, .unknownInstruction, .invalidSignature, .invalidArgument, .nonCanonicalMessage,
            .wrongLedger, .transactionExpired:
            .badRequest
        case .accountNotFound, .invalidAccountType: .notFound
        case .replayedTransaction, .nonceRefusedBefore: .conflict
        case .rateLimited: .tooManyRequests
        default: .unprocessableContent
        }
    }
}
