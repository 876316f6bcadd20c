import BGPWire
import Foundation
import LinuxHost
import Models

/// A BGP client that sends exactly the messages a test scripts (OPEN, KEEPALIVE, any UPDATE,
/// AS paths our speaker would never send) over a blocking TCP socket made in the client
/// namespace; it reads nothing back. Closed by ``close()``.
final class ScriptedBGPClient: Sendable {
    /// Why the client could not connect or send.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let descriptor: Int32

    /// Connects from `local` to `peer`:179 inside `namespace`.
    init(namespace: NetworkNamespace, local: IPv4Address, peer: IPv4Address) throws {
        let outcome = try namespace.perform { () throws(Failure) -> Int32 in
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
            var from = Self.socketAddress(local, port: 0)
            var to = Self.socketAddress(peer, port: 179)
            let size = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafePointer(to: &from) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) == 0 }
            }
            let connected =
                bound
                && withUnsafePointer(to: &to) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, size) == 0 }
                }
            guard connected else {
                let code = errno
                Glibc.close(fd)
                throw Failure(description: "connect \(local) -> \(peer):179: errno \(code)")
            }
            return fd
        }
        descriptor = try outcome.get()
    }

    /// Encodes and sends `message` (4-octet AS encoding).
    func send(_ message: BGPMessage) throws {
        let bytes = try BGPMessageEncoder.encode(message, options: .fourOctet)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw Failure(description: "write: errno \(errno)") }
    }

    /// Closes the connection.
    func close() {
        Glibc.close(descriptor)
    }

    private static func socketAddress(_ address: IPv4Address, port: UInt16) -> sockaddr_in {
        var result = sockaddr_in()
        result.sin_family = sa_family_t(AF_INET)
        result.sin_port = port.bigEndian
        result.sin_addr.s_addr = address.value.bigEndian
        return result
    }
}
