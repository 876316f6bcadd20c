import Hummingbird
import Ledger
import LedgerWireFormat
import Logging

extension LedgerError {
    /// The response for a failed ledger call, logging what the client is not told.
    ///
    /// A refusal goes back as its ``Models/ProgramError`` (status by code). A storage failure is
    /// a 500 whose message says only that storage failed: paths and SQLite details stay in the
    /// server's log. A transport failure (the served ledger is itself remote) is a 502.
    func response(logger: Logger) -> Response {
        switch self {
        case .rejected(let error):
            return .rejection(error)
        case .storage(let detail):
            logger.error("ledger storage failed", metadata: ["error.message": "\(detail)"])
            return .json(
                ErrorBody(message: "the ledger could not read or write its storage; the server log has the details"),
                status: .internalServerError)
        case .transport(let detail):
            logger.error("upstream ledger unreachable", metadata: ["error.message": "\(detail)"])
            return .json(ErrorBody(message: "the upstream ledger could not be reached"), status: .badGateway)
        }
    }
}
