import Hummingbird
import LedgerWireFormat
import Logging

/// Logs every request once it has a response: `http.method`, `http.path`, `http.status` and
/// `http.duration_ms` (time to the response head; a log stream goes on streaming after that).
///
/// Errors the router raises itself (no such route, wrong method) become the API's JSON error
/// body with the same status.
struct RequestLoggingMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = .json(
                ErrorBody(message: "\(request.method) \(request.uri.path): \(error.status.reasonPhrase)"),
                status: error.status)
        }
        let elapsed = ContinuousClock.now - started
        let level: Logger.Level = request.uri.path == LedgerHTTPPath.health ? .debug : .info
        context.logger.log(
            level: level, "request",
            metadata: [
                "http.method": "\(request.method)",
                "http.path": "\(request.uri.path)",
                "http.status": "\(response.status.code)",
                "http.duration_ms": "\(elapsed.milliseconds)",
            ])
        return response
    }
}

extension Duration {
    /// The duration in whole milliseconds.
    fileprivate var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
