import Foundation

/// A minimal HTTP/1.1 client over a raw socket (a Unix socket path or loopback TCP), so the tests
/// talk to the daemon exactly as a separate program would, without curl. One request per
/// connection (`Connection: close`), with a 10 s receive timeout. The blocking socket calls run on
/// a thread of their own, never on the concurrency pool the in-process server's handlers need.
public struct RawHTTPClient: Sendable {
    /// An answer.
    public struct Reply: Sendable {
        /// The status code.
        public let status: Int
        /// The headers, by lowercased name.
        public let headers: [String: String]
        /// The body as text.
        public let body: String
    }

    /// A failure, with the step and errno text.
    public struct Failure: Error, CustomStringConvertible {
        /// What failed.
        public let description: String

        /// A failure described by `description`.
        public init(description: String) {
            self.description = description
        }
    }

    /// Where to connect.
    public enum Address: Sendable {
        /// A Unix socket path.
        case unix(String)
        /// 127.0.0.1 and a TCP port.
        case loopback(port: UInt16)
    }

    /// Where it connects.
    public let address: Address

    /// A client of `address`.
    public init(address: Address) {
        self.address = address
    }

    /// Sends `method target` with `body` and reads the whole answer.
    public func send(_ method: String, _ target: String, body: String? = nil) async throws -> Reply {
        try await Self.onOwnThread { try self.sendBlocking(method, target, body: body) }
    }

    /// `GET target`.
    public func get(_ target: String) async throws -> Reply { try await send("GET", target) }

    /// Runs blocking `work` on a new thread and returns its result.
    public static func onOwnThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws
        -> Value
    {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    private func sendBlocking(_ method: String, _ target: String, body: String?) throws -> Reply {
        let descriptor = try connectSocket()
        defer { close(descriptor) }
        var request = "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        if let body { request += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        request += "\r\n" + (body ?? "")
        var bytes = Array(request.utf8)
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
            bytes.removeFirst(sent)
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 { throw Failure(description: "recv: \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            received += chunk[..<count]
        }
        return try Self.parse(received)
    }

    private func connectSocket() throws -> Int32 {
        let family = if case .unix = address { AF_UNIX } else { AF_INET }
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result: Int32
        switch address {
        case .unix(let path):
            var socketAddress = sockaddr_un()
            socketAddress.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &socketAddress.sun_path) { raw in
                for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
            }
            result = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
        case .loopback(let port):
            var socketAddress = sockaddr_in()
            socketAddress.sin_family = sa_family_t(AF_INET)
            socketAddress.sin_port = port.bigEndian
            socketAddress.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
            result = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(description: "connect to \(address): \(reason)")
        }
        return descriptor
    }

    /// Splits a raw answer into status, headers (lower-cased names) and body (de-chunked).
    public static func parse(_ bytes: [UInt8]) throws -> Reply {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure(description: "no header end in \(text)") }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line \(head[0])")
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = String(text[split.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            var decoded = ""
            var rest = Substring(body)
            while let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16), size > 0
            {
                let start = lineEnd.upperBound
                let end = rest.utf8.index(start, offsetBy: size)
                decoded += rest[start..<end]
                rest = rest[end...].dropFirst(2)
            }
            body = decoded
        }
        return Reply(status: status, headers: headers, body: body)
    }
}
