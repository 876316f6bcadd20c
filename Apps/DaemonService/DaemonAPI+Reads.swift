import Hummingbird
import ServiceLifecycle

extension DaemonAPI {
    /// `GET /status`.
    func status() async -> Response {
        let services: [ServiceReport]
        do {
            services = try await orderedServices()
        } catch {
            return Self.json(ActionResponse.error(error.description), status: Self.httpStatus(of: error))
        }
        return Self.json(services.isEmpty ? [ServiceStatus.disconnected] : services.map(ServiceStatus.init))
    }

    /// `GET /v2/status`, long-polled when the query says so (``StatusLongPoll``).
    func statusV2(_ request: Request) async -> Response {
        switch StatusLongPoll.parse(request.uri.queryParameters) {
        case .failure(let rejection):
            return Self.json(ActionResponse.error("invalid request: \(rejection)"), status: .badRequest)
        case .success(let poll?):
            // A daemon shutting down answers at once rather than holding its stop for the wait.
            let backend = backend
            _ = await cancelWhenGracefulShutdown {
                await backend.waitForStatusChange(after: poll.after, timeout: poll.wait)
            }
        case .success(nil):
            break
        }
        // The generation is read before the services, so a change between the two reads is
        // never lost: the client's next long-poll on this generation returns at once.
        let generation = backend.statusGeneration
        let services: [ServiceReport]
        do {
            services = try await orderedServices()
        } catch {
            return Self.json(ActionResponse.error(error.description), status: Self.httpStatus(of: error))
        }
        return Self.json(
            DaemonStatus(
                reconcilerEnabled: await state.reconcilerEnabled, clientIP: configuration.clientIP ?? "",
                network: configuration.network, services: services, generation: generation))
    }

    /// The backend's services, unicast first.
    private func orderedServices() async throws(DaemonBackendError) -> [ServiceReport] {
        let services = try await backend.services()
        return services.filter { $0.serviceClass == .unicast } + services.filter { $0.serviceClass == .multicast }
    }

    /// `GET /routes`.
    func routes() async -> Response {
        do {
            return Self.json(try await backend.routes().sorted(by: RouteRecord.isOrderedBefore))
        } catch {
            return Self.text("failed to get routes: \(error)", status: Self.httpStatus(of: error))
        }
    }

    /// `GET /latency` (version 1: the results) or `GET /v2/latency` (version 2: ready and results).
    func latency(version: Int) async -> Response {
        guard configuration.latencyProbing else {
            return Self.text(
                "latency probing is disabled (doublezerod runs with --no-latency-probing)", status: .notFound)
        }
        do {
            let report = try await backend.latency()
            return version == 1 ? Self.json(report.results) : Self.json(report)
        } catch {
            return Self.json(ActionResponse.error(error.description), status: Self.httpStatus(of: error))
        }
    }
}
