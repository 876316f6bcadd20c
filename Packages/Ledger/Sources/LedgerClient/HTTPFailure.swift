import Foundation
import Ledger
import LedgerWireFormat
import Models
import NIOCore

/// A non-2xx answer from the ledger server, read back into the error the server meant.
struct HTTPFailure {
    /// The HTTP status code.
    let status: Int
    /// The decoded `{"error": ...}` body, if the body was one.
    let body: ErrorBody?

    /// Reads `body` as an ``LedgerWireFormat/ErrorBody`` if it is one.
    init(status: Int, body: ByteBuffer) {
        self.status = status
        self.body = try? LedgerJSON.makeDecoder().decode(ErrorBody.self, from: Data(body.readableBytesView))
    }

    /// The program error in the body, if it carries a code.
    var programError: ProgramError? { body?.error.programError }

    /// The matching ``Ledger/LedgerError``: the program error when the body has one, a storage
    /// error for a 500 with a message, a transport error otherwise.
    func ledgerError(request: String) -> LedgerError {
        if let programError { return .rejected(programError) }
        let message = body?.error.message
        if status == 500, let message { return .storage(message) }
        return .transport("\(request): HTTP \(status)\(message.map { ": \($0)" } ?? "")")
    }
}
