import Hummingbird
import Ledger
import LedgerWireFormat
import Logging
import Models

/// `POST /v1/transactions`: decodes a signed transaction's wire form and submits it.
///
/// A body over ``Ledger/SignedTransaction/maxWireBytes`` is refused with 413 as soon as that is
/// known: from `Content-Length` before reading anything, or once the bytes read pass the limit.
/// Nothing reaches the ledger unless the body decodes into a transaction whose signature verifies
/// and whose signer the ``AuthenticationGate`` lets through: a signer locked out for failed
/// authentications gets 429 with `Retry-After`. A signature that does not verify, and a refusal
/// for lack of authority, count as failures against the signer.
struct TransactionSubmission: Sendable {
    /// The ledger transactions go to.
    let ledger: any LedgerAPI
    /// Where accepted and refused transactions are counted.
    let metrics: LedgerServerMetrics
    /// The authentication rate limit.
    let gate: AuthenticationGate

    /// Handles one submission.
    func respond(to request: Request, context: some RequestContext) async throws -> Response {
        let limit = SignedTransaction.maxWireBytes
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            return tooLarge(declared, limit: limit, logger: context.logger)
        }
        var body = ByteBuffer()
        for try await part in request.body {
            guard body.readableBytes + part.readableBytes <= limit else {
                return tooLarge(body.readableBytes + part.readableBytes, limit: limit, logger: context.logger)
            }
            var part = part
            body.writeBuffer(&part)
        }
        // While any key is locked out, a locked signer is refused before its signature is
        // checked: a flood from locked keys costs a JSON read, not a signature verification.
        if gate.hasLockouts, let claimed = SignedTransaction.claimedSigner(wire: body.readableBytesView),
            let refusal = gate.refusal(for: claimed)
        {
            return refusal
        }
        let transaction: SignedTransaction
        do {
            transaction = try SignedTransaction(wire: body.readableBytesView)
        } catch {
            if error.code == .invalidSignature,
                let signer = SignedTransaction.claimedSigner(wire: body.readableBytesView)
            {
                if let refusal = gate.refusal(for: signer) { return refusal }
                gate.failed(signer)
            }
            context.logger.info("transaction refused", metadata: ["ledger.error.code": "\(error.code.name)"])
            metrics.countRefused(error.code, after: nil)
            return .rejection(error)
        }
        let signer = transaction.message.signer
        if let refusal = gate.refusal(for: signer) { return refusal }
        let started = ContinuousClock.now
        do {
            let receipt = try await ledger.submit(transaction)
            gate.succeeded(signer)
            metrics.countAccepted(after: ContinuousClock.now - started)
            context.logger.info(
                "transaction accepted",
                metadata: [
                    "ledger.sequence": "\(receipt.sequence)",
                    "ledger.transaction_id": "\(receipt.transactionId)",
                    "ledger.signer": "\(transaction.message.signer)",
                ])
            return .json(receipt)
        } catch {
            let duration = ContinuousClock.now - started
            if case .rejected(let programError) = error {
                if AuthenticationGate.failureCodes.contains(programError.code) { gate.failed(signer) }
                metrics.countRefused(programError.code, after: duration)
                context.logger.info(
                    "transaction refused",
                    metadata: [
                        "ledger.error.code": "\(programError.code.name)",
                        "ledger.transaction_id": "\(transaction.id)",
                    ])
            } else {
                metrics.countFailed(after: duration)
            }
            return error.response(logger: context.logger)
        }
    }

    private func tooLarge(_ size: Int, limit: Int, logger: Logger) -> Response {
        logger.info("transaction refused", metadata: ["ledger.error.code": "PayloadTooLarge"])
        metrics.countRefused(.payloadTooLarge, after: nil)
        return .rejection(
            ProgramError(.payloadTooLarge, "the request body is at least \(size) bytes; the limit is \(limit)"))
    }
}
