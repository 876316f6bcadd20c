import AsyncHTTPClient
import Foundation
import LedgerWireFormat
import Models
import NIOCore
import NIOHTTP1

/// Plain HTTP requests to the server, for checking statuses, headers and bodies exactly.
struct RawHTTP {
    /// A response, fully read.
    struct Reply {
        let status: Int
        let contentType: String?
        let body: Data
        /// The `Retry-After` header, if any.
        var retryAfter: String? = nil

        /// The body as text.
        var text: String { String(decoding: body, as: UTF8.self) }

        /// The body's `{"error": ...}` program error, if it has one.
        var programError: ProgramError? {
            (try? JSONDecoder().decode(ErrorBody.self, from: body))?.error.programError
        }

        /// The body's `{"error": ...}` detail, if it is an error body.
        var errorDetail: ErrorDetail? {
            (try? JSONDecoder().decode(ErrorBody.self, from: body))?.error
        }
    }

    let baseURL: String

    /// Sends a request and reads the whole response.
    func send(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return Reply(
            status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"),
            body: Data(bytes.readableBytesView), retryAfter: response.headers.first(name: "Retry-After"))
    }

    /// `GET`.
    func get(_ path: String) async throws -> Reply {
        try await send(.GET, path)
    }

    /// `POST` with `body`.
    func post(_ path: String, _ body: [UInt8]) async throws -> Reply {
        try await send(.POST, path, body: body)
    }

    /// `POST` with `body` sent in chunks without a `Content-Length` (chunked transfer encoding).
    func postStreamed(_ path: String, _ body: [UInt8]) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        request.body = .bytes(body, length: .unknown)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1024 * 1024)
        return Reply(
            status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"),
            body: Data(bytes.readableBytesView))
    }

    /// Opens a streaming `GET` and returns its status and body.
    func stream(_ path: String) async throws -> (status: Int, contentType: String?, body: HTTPClientResponse.Body) {
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: baseURL + path), timeout: .seconds(10))
        return (Int(response.status.code), response.headers.first(name: "Content-Type"), response.body)
    }
}
