import Hummingbird
import Models

extension DaemonAPI {
    /// `POST /enable` and `POST /disable`: persist, then signal the reconciler.
    func setReconciler(enabled: Bool) async -> Response {
        do {
            try await state.setReconcilerEnabled(enabled)
        } catch {
            logger.error("state not written", metadata: ["daemon.state.path": "\(error.path)", "error": "\(error)"])
            return Self.json(ActionResponse.error(error.description), status: .internalServerError)
        }
        logger.info("reconciler switched", metadata: ["daemon.reconciler.enabled": "\(enabled)"])
        return Self.json(ActionResponse.ok)
    }

    /// `POST /provision`.
    func provision(_ request: Request) async -> Response {
        let service: ServiceRequest
        do throws(BodyError) {
            let body = try await Self.decode(ProvisionRequest.self, from: request)
            service = try BodyError.validating { () throws(RequestRejection) in try body.validated() }
        } catch {
            return Self.rejection(error, subject: "provision request")
        }
        do {
            try await backend.provision(service)
        } catch {
            logger.warning(
                "provisioning failed",
                metadata: ["daemon.service.user_type": "\(service.userType.apiName)", "error": "\(error)"])
            return Self.json(ActionResponse.error(Self.actionMessage(error)), status: Self.httpStatus(of: error))
        }
        logger.info(
            "service provisioned",
            metadata: [
                "daemon.service.user_type": "\(service.userType.apiName)",
                "daemon.service.tunnel_dst": "\(service.tunnelDestination)",
            ])
        return Self.json(ActionResponse.ok)
    }

    /// `POST /remove`.
    func remove(_ request: Request) async -> Response {
        let body: RemoveRequest
        do {
            body = try await Self.decode(RemoveRequest.self, from: request)
        } catch {
            return Self.rejection(error, subject: "remove request")
        }
        do {
            try await backend.remove(body.serviceClass)
        } catch {
            logger.warning(
                "removal failed", metadata: ["daemon.service.class": "\(body.serviceClass)", "error": "\(error)"])
            return Self.json(ActionResponse.error(Self.actionMessage(error)), status: Self.httpStatus(of: error))
        }
        logger.info("service removed", metadata: ["daemon.service.class": "\(body.serviceClass)"])
        return Self.json(ActionResponse.ok)
    }

    /// `POST /resolve-route` (errors in plain text, as upstream).
    func resolveRoute(_ request: Request) async -> Response {
        let destination: IPv4Address
        do throws(BodyError) {
            let body = try await Self.decode(ResolveRouteRequest.self, from: request)
            destination = try BodyError.validating { () throws(RequestRejection) in try body.validated() }
        } catch {
            switch error {
            case .tooLarge(let reason): return Self.text(reason, status: .contentTooLarge)
            case .rejected(.malformed(let reason)):
                return Self.text("malformed request: \(reason)", status: .badRequest)
            case .rejected(.invalid(let reason)): return Self.text("invalid request: \(reason)", status: .badRequest)
            }
        }
        do {
            guard let source = try await backend.resolveRoute(to: destination) else {
                return Self.text("route not found", status: .notFound)
            }
            return Self.json(ResolveRouteResponse(source: source))
        } catch {
            return Self.text("failed to resolve route: \(error)", status: Self.httpStatus(of: error))
        }
    }

    /// The message upstream puts in `description` for a backend failure of an action.
    static func actionMessage(_ error: DaemonBackendError) -> String {
        switch error {
        // Upstream's wording for any provisioning failure, misleading as it is ("malformed stuff").
        case .alreadyProvisioned, .provisioningFailed: "malformed stuff: \(error)"
        case .removalFailed: "error during tunnel removal: \(error)"
        case .unavailable, .failed: error.description
        }
    }

    /// The HTTP status of a backend failure.
    static func httpStatus(of error: DaemonBackendError) -> HTTPResponse.Status {
        switch error {
        case .alreadyProvisioned, .provisioningFailed: .badRequest
        case .removalFailed, .failed: .internalServerError
        case .unavailable: .serviceUnavailable
        }
    }

    /// The 400 (or 413) answer to a body that was refused, as `{"status":"error",…}`.
    static func rejection(_ error: BodyError, subject: String) -> Response {
        switch error {
        case .tooLarge(let reason):
            json(ActionResponse.error(reason), status: .contentTooLarge)
        case .rejected(.malformed(let reason)):
            json(ActionResponse.error("malformed \(subject): \(reason)"), status: .badRequest)
        case .rejected(.invalid(let reason)):
            json(ActionResponse.error("invalid request: \(reason)"), status: .badRequest)
        }
    }
}
