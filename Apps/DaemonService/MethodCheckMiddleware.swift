import Hummingbird

/// Answers 405 (with `Allow`) when a request names an API endpoint's path with another method, as
/// upstream's method-pattern mux does; other requests pass on (unknown paths get 404).
struct MethodCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let endpoint = DaemonEndpoint(rawValue: request.uri.path), request.method != endpoint.method else {
            return try await next(request, context)
        }
        return DaemonAPI.text(
            "method \(request.method) not allowed on \(endpoint.path); use \(endpoint.method)",
            status: .methodNotAllowed, headers: [.allow: endpoint.method.rawValue])
    }
}
