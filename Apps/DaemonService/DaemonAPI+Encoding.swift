import Foundation
import Hummingbird
import NIOCore

extension DaemonAPI {
    /// Collects `request`'s body (at most ``maxBodySize`` bytes) and decodes it as `T`.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws(BodyError) -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBodySize)
        } catch is NIOTooManyBytesError {
            throw .tooLarge("the request body is larger than \(maxBodySize) bytes")
        } catch {
            throw .rejected(.malformed("the request body could not be read: \(error)"))
        }
        guard buffer.readableBytes > 0 else { throw .rejected(.malformed("the request body is empty")) }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch {
            throw .rejected(.malformed(DecodingError.reason(of: error)))
        }
    }

    /// A JSON answer.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var buffer = ByteBuffer()
        do {
            buffer.writeBytes(try encoder.encode(value))
        } catch {
            return text("the answer could not be encoded: \(error)", status: .internalServerError)
        }
        buffer.writeString("\n")
        return Response(
            status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: buffer))
    }

    /// A one-line plain-text answer.
    static func text(_ message: String, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        var buffer = ByteBuffer()
        buffer.writeString(message + "\n")
        var fields = headers
        fields[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: buffer))
    }
}
