import BenchmarkSupport
import Foundation
import LinuxHost
import Models

/// A TCP listener on port 179 in the device's namespace that tells when a BGP OPEN arrives: it
/// accepts a connection, reads until the 19-byte header of the first message, and checks the
/// message is an OPEN (type 1). Plain blocking sockets with `poll` timeouts.
final class OpenListener {
    private let descriptor: Int32

    /// Listens on `address`:179 inside `namespace`.
    init(namespace: NetworkNamespace, address: IPv4Address) throws {
        let value = address.value
        let result = try namespace.perform { () throws(BenchmarkError) -> Int32 in
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw BenchmarkError("socket: \(String(cString: strerror(errno)))") }
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            // The overlay address exists only once the tunnel is up; allow binding before.
            setsockopt(fd, SOL_IP, IP_FREEBIND, &one, socklen_t(MemoryLayout<Int32>.size))
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_port = UInt16(179).bigEndian
            local.sin_addr = in_addr(s_addr: value.bigEndian)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard bound == 0, listen(fd, 16) == 0 else {
                let reason = String(cString: strerror(errno))
                Glibc.close(fd)
                throw BenchmarkError("listen on \(address):179: \(reason)")
            }
            return fd
        }
        descriptor = try result.get()
    }

    /// The instant the next connection's first message, an OPEN, was read.
    func nextOpen(timeout: Duration) throws -> ContinuousClock.Instant {
        let deadline = ContinuousClock.now + timeout
        guard try wait(descriptor, until: deadline) else { throw BenchmarkError("no BGP connection in time") }
        let connection = accept(descriptor, nil, nil)
        guard connection >= 0 else { throw BenchmarkError("accept: \(String(cString: strerror(errno)))") }
        defer { Glibc.close(connection) }
        var header = [UInt8](repeating: 0, count: 19)
        var filled = 0
        while filled < header.count {
            guard try wait(connection, until: deadline) else { throw BenchmarkError("no BGP OPEN in time") }
            let count = header.withUnsafeMutableBytes { read(connection, $0.baseAddress! + filled, 19 - filled) }
            guard count > 0 else { throw BenchmarkError("the connection closed before an OPEN") }
            filled += count
        }
        let now = ContinuousClock.now
        guard header[0..<16].allSatisfy({ $0 == 0xFF }), header[18] == 1 else {
            throw BenchmarkError("the first message is not an OPEN: \(header)")
        }
        return now
    }

    /// Closes the listener.
    func close() {
        Glibc.close(descriptor)
    }

    private func wait(_ fd: Int32, until deadline: ContinuousClock.Instant) throws -> Bool {
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { return false }
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(min(remaining / .milliseconds(1), 60_000).rounded(.up))
        let ready = poll(&entry, 1, milliseconds)
        guard ready >= 0 else { throw BenchmarkError("poll: \(String(cString: strerror(errno)))") }
        return ready > 0
    }
}
