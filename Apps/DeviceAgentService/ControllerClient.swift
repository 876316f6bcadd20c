import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The agent's HTTP client of the controller: conditional GETs that long-poll (`If-None-Match`
/// with `wait=S`), so a change reaches the device as soon as the controller has it, with no
/// periodic polling.
final class ControllerClient: Sendable {
    /// The largest body accepted (a device with thousands of users renders well under this).
    static let maxBodyBytes = 16 << 20

    private let base: URL
    private let device: String
    private let http: HTTPClient

    /// A client of the controller at `base` for `device`.
    init(base: URL, device: String) {
        self.base = base
        self.device = device
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(5)
        http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Closes the client's connections.
    func shutdown() async {
        try? await http.shutdown()
    }

    /// The URL of `resource`, long-polling for `wait` when the agent holds a version.
    func url(_ resource: ControllerResource, waiting wait: Duration?) -> String {
        let encoded = device.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? device
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += "/v1/devices/\(encoded)/\(resource.rawValue)"
        if let wait {
            text += (resource.rawValue.contains("?") ? "&" : "?") + "wait=\(wait.components.seconds)"
        }
        return text
    }

    /// Fetches `resource`; with `etag`, answers ``ControllerAnswer/unchanged`` when it is still
    /// current after waiting up to `wait` for a change.
    ///
    /// - Throws: ``DeviceAgentError/controller(url:reason:)`` when the controller cannot be
    ///   reached, times out or answers with an error (its message included).
    func fetch(_ resource: ControllerResource, etag: String?, wait: Duration) async throws(DeviceAgentError)
        -> ControllerAnswer
    {
        let url = url(resource, waiting: etag == nil ? nil : wait)
        var request = HTTPClientRequest(url: url)
        if let etag { request.headers.add(name: "If-None-Match", value: etag) }
        do {
            let response = try await http.execute(request, timeout: .seconds(wait.components.seconds + 15))
            let body = try await response.body.collect(upTo: Self.maxBodyBytes)
            let text = String(buffer: body)
            switch response.status {
            case .ok:
                guard let tag = response.headers.first(name: "ETag") else {
                    throw DeviceAgentError.controller(url: url, reason: "a 200 answer without an ETag")
                }
                return .changed(etag: tag, body: text)
            case .notModified:
                return .unchanged
            default:
                throw DeviceAgentError.controller(
                    url: url,
                    reason:
                        "\(response.status.code) \(text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(500))")
            }
        } catch let error as DeviceAgentError {
            throw error
        } catch {
            throw .controller(url: url, reason: "\(error)")
        }
    }
}
