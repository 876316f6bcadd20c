import Foundation

/// A TCP listener on 127.0.0.1 driven with plain blocking system calls, for what NIO would hide:
/// whether the speaker's side of a connection ended with a FIN (read returns 0) or an RST
/// (`ECONNRESET`). Use it from a thread of its own (``RawTCPPeer/onThread(_:)``).
final class RawTCPPeer: Sendable {
    /// How one connection's input ended.
    enum End: Equatable, CustomStringConvertible {
        /// A FIN: read returned 0.
        case endOfFile
        /// Read failed with this errno (`ECONNRESET` after an RST).
        case failed(Int32)
        /// Nothing more within the deadline.
        case timedOut

        var description: String {
            switch self {
            case .endOfFile: "end of file (FIN)"
            case .failed(let code): "errno \(code) (\(String(cString: strerror(code))))"
            case .timedOut: "timed out"
            }
        }
    }

    let listener: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LiveTestError(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(fd, address, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, address, &length) == 0
            }
        }
        guard bound else {
            let code = errno
            Glibc.close(fd)
            throw LiveTestError(description: "bind/listen on 127.0.0.1: errno \(code)")
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs blocking work on a thread of its own, off the concurrency pool.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    /// Waits at most `timeout` for a connection and returns its descriptor.
    func accept(timeout: Duration) throws -> Int32 {
        guard Self.poll(listener, timeout: timeout) else { throw LiveTestError(description: "no connection") }
        let fd = Glibc.accept(listener, nil, nil)
        guard fd >= 0 else { throw LiveTestError(description: "accept: errno \(errno)") }
        return fd
    }

    /// Writes all of `bytes` (no SIGPIPE); returns the errno if the write failed.
    static func send(_ bytes: [UInt8], on fd: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { return errno }
            offset += sent
        }
        return nil
    }

    /// Reads until `enough` says the bytes so far suffice, or the input ends, or `timeout` passes.
    static func read(
        from fd: Int32, timeout: Duration, until enough: ([UInt8]) -> Bool = { _ in false }
    ) -> (bytes: [UInt8], end: End?) {
        let deadline = ContinuousClock.now + timeout
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !enough(bytes) {
            let left = deadline - ContinuousClock.now
            guard left > .zero, poll(fd, timeout: left) else { return (bytes, .timedOut) }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return (bytes, .endOfFile) }
            if count < 0 { return (bytes, .failed(errno)) }
            bytes += buffer[..<count]
        }
        return (bytes, nil)
    }

    /// Whether `fd` becomes readable within `timeout`.
    private static func poll(_ fd: Int32, timeout: Duration) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(
            clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        return Glibc.poll(&entry, 1, max(milliseconds, 1)) > 0
    }

    func close() {
        _ = Glibc.close(listener)
    }
}
