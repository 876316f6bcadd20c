import Hummingbird
import LedgerWireFormat
import Models

extension Response {
    /// A JSON response with `value` encoded by ``LedgerWireFormat/LedgerJSON``.
    ///
    /// Our own Codable values always encode; should one ever fail, the response is a 500 with a
    /// message rather than a crash.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        guard let data = try? LedgerJSON.makeEncoder().encode(value) else {
            return .json(
                ErrorBody(message: "the server could not encode its response"), status: .internalServerError)
        }
        var buffer = ByteBuffer()
        buffer.writeBytes(data)
        buffer.writeInteger(UInt8(ascii: "\n"))
        return Response(
            status: status,
            headers: [.contentType: LedgerMediaType.json],
            body: ResponseBody(byteBuffer: buffer))
    }

    /// `{"error": <program error>}` with the status its code maps to.
    static func rejection(_ error: ProgramError) -> Response {
        .json(ErrorBody(error), status: error.httpStatus)
    }
}
