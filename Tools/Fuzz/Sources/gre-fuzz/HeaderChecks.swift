import Models
import Tunnel

/// The header parsers on any received packet: ``Models/IPv4Header`` read from a raw buffer and
/// from a collection agrees, its payload range lies inside the packet, and a GRE header that
/// decodes re-encodes to a header that decodes the same.
enum HeaderChecks {
    /// Checks the headers of `packet`.
    static func check(_ packet: UnsafeRawBufferPointer) {
        let raw = Result { () throws(IPv4HeaderError) in try IPv4Header(parsing: packet) }
        let collection = Result { () throws(IPv4HeaderError) in try IPv4Header(parsing: Array(packet)[...]) }
        precondition(raw == collection, "IPv4Header differs by buffer kind: \(raw) vs \(collection)")
        guard case .success(let header) = raw else { return }
        precondition(header.headerLength >= IPv4Header.minimumLength && header.headerLength <= packet.count)
        guard let payload = header.payloadRange(inPacketOf: packet.count) else { return }
        precondition(payload.lowerBound == header.headerLength && payload.upperBound <= packet.count)
        let gre = UnsafeRawBufferPointer(rebasing: packet[payload])
        guard let decoded = try? GREHeader(decoding: gre) else { return }
        precondition(decoded.length <= gre.count && decoded.bytes.count == decoded.length)
        precondition((try? GREHeader(decoding: decoded.bytes)) == decoded, "GRE header round trip: \(decoded)")
    }
}
