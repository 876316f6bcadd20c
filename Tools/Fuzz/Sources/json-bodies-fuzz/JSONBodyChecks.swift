import Foundation
import Ledger
import Models

/// Each body as its endpoint reads it: decoded, then validated; no input may trap, and what is
/// accepted must mean the same after the client's encoding of it.
enum JSONBodyChecks {
    /// The codes ``Ledger/SignedTransaction/init(wire:)`` documents.
    static let transactionCodes: Set<ErrorCode> = [
        .payloadTooLarge, .malformedTransaction, .nonCanonicalMessage, .unknownInstruction, .invalidSignature,
    ]

    /// `POST /v1/transactions` (`TransactionSubmission`): `SignedTransaction(wire:)` and, for a
    /// signature that does not verify, `SignedTransaction.claimedSigner(wire:)` (the key the
    /// authentication limit charges). A signature is checked last, so a body refused for it names
    /// a signer; an accepted body's claimed signer is its signer.
    static func ledgerTransaction(_ body: [UInt8]) {
        let claimed = SignedTransaction.claimedSigner(wire: body)
        let transaction: SignedTransaction
        do {
            transaction = try SignedTransaction(wire: body)
        } catch {
            precondition(transactionCodes.contains(error.code), "undocumented refusal \(error)")
            precondition(error.code != .invalidSignature || claimed != nil, "no claimed signer for \(error)")
            return
        }
        precondition(claimed == transaction.message.signer, "claimed signer \(String(describing: claimed))")
        let again = Result { () throws(ProgramError) in try SignedTransaction(wire: transaction.wire) }
        precondition(again == .success(transaction), "the wire form of an accepted transaction: \(again)")
    }

    /// `POST /provision` (`DaemonAPI.provision`): decode, ``ProvisionRequest/validated()``. An
    /// accepted service keeps the guarantees `validated()` documents, and the body the daemon's
    /// client would send for it (``ProvisionRequest/init(_:)``, through JSON) asks for the same.
    static func daemonProvision(_ body: [UInt8]) {
        guard let request: ProvisionRequest = decode(body) else { return }
        let service: ServiceRequest
        do {
            service = try request.validated()
        } catch {
            _ = error.description
            return
        }
        precondition(service.tunnelNet.length == 31, "tunnel_net \(service.tunnelNet) is not a /31")
        if service.userType.isUnicast || !service.publisherGroups.isEmpty {
            precondition(service.doubleZeroIP != nil, "no DZ IP for \(service.userType)")
        }
        if !service.userType.isUnicast {
            precondition(!service.subscriberGroups.isEmpty || !service.publisherGroups.isEmpty, "no group")
        }
        _ = (service.localOverlay, service.remoteOverlay, service.serviceClass.tunnelName)
        let encoded = try! JSONEncoder().encode(ProvisionRequest(service))
        let again = try? JSONDecoder().decode(ProvisionRequest.self, from: encoded).validated()
        precondition(again == service, "the client's body for \(service) reads as \(String(describing: again))")
    }

    /// `POST /remove` (`DaemonAPI.remove`): decode; the service class of any body.
    static func daemonRemove(_ body: [UInt8]) {
        guard let request: RemoveRequest = decode(body) else { return }
        let serviceClass = request.serviceClass
        let named = request.userType.flatMap { UserType(apiName: $0) }
        precondition(serviceClass == (named.map(ServiceClass.init) ?? .unicast))
    }

    /// `POST /resolve-route` (`DaemonAPI.resolveRoute`): decode, ``ResolveRouteRequest/validated()``;
    /// an accepted destination is the address its text names.
    static func daemonResolveRoute(_ body: [UInt8]) {
        guard let request: ResolveRouteRequest = decode(body) else { return }
        guard let address = try? request.validated() else { return }
        precondition((try? ResolveRouteRequest(destination: address.description).validated()) == address)
    }

    /// The daemon's decoding (`DaemonAPI.decode`): an empty body is refused before JSON, a
    /// failure becomes a reason (`DecodingError.reason(of:)`).
    private static func decode<Body: Decodable>(_ body: [UInt8]) -> Body? {
        guard !body.isEmpty else { return nil }
        do {
            return try JSONDecoder().decode(Body.self, from: Data(body))
        } catch {
            _ = DecodingError.reason(of: error)
            return nil
        }
    }
}
