import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A log follower that sends `GET /v1/log?from=...` over a plain TCP connection and then never
/// reads a byte, as a client that hung would. Its receive buffer is made small, so the server
/// soon has nowhere to put the stream but its own memory — unless it applies backpressure.
final class StalledHTTPFollower {
    private var descriptor: Int32

    /// Connects to 127.0.0.1:`port` and sends the request for `path`.
    init(port: Int, path: String) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw StalledFollowerError("socket: errno \(errno)") }
        var receiveBuffer: Int32 = 4096
        setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw StalledFollowerError("connect to port \(port): errno \(errno)")
        }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8)
        let sent = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count else {
            close(descriptor)
            throw StalledFollowerError("send: errno \(errno)")
        }
    }

    /// Closes the connection.
    func disconnect() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { disconnect() }
}

/// Why a ``StalledHTTPFollower`` could not connect.
struct StalledFollowerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
