import Hummingbird

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

    /// `GET /v2/status`.
    func statusV2() async -> Response {
        let services: [ServiceReport]
        do {
            services = try await orderedServices()
        } catch {
            return Self.json(ActionResponse.error(error.description), status: Self.httpStatus(of: error))
        }
        return Self.json(
            DaemonStatus(
                reconcilerEnabled: await state.reconcilerEnabled, clientIP: configuration.clientIP ?? "",
                network: configuration.network, services: services))
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
