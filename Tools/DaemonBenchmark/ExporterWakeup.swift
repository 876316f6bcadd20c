import BenchmarkSupport
import Foundation
import NIOConcurrencyHelpers

/// Keeps the exporter BIRD's main loop awake while a measurement runs (bgp-bench's, copied):
/// one persistent control-socket connection sends `show status` every `interval` milliseconds.
///
/// Why: BIRD 2.0.12's exporter often leaves the last few hundred prefixes of a table feed
/// pending until its next timer (up to ~1 s here: keepalive and device scan every second),
/// although everything sent before is acknowledged and nothing arrives in between (seen with
/// tcpdump). Without this every figure carries that random exporter stall, more often for
/// receivers that drain the socket quickly. `--no-wakeup` measures without it.
final class ExporterWakeup: Sendable {
    private let running = NIOLockedValueBox(true)
    private let finished = NIOLockedValueBox(false)

    init(socketPath: String, intervalMilliseconds: UInt32 = 2) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchmarkError("control socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        guard path.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw BenchmarkError("socket path too long")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            close(fd)
            throw BenchmarkError("connect to \(socketPath): errno \(errno)")
        }
        let running = self.running
        let finished = self.finished
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let command = Array("show status\n".utf8)
            while running.withLockedValue({ $0 }) {
                _ = command.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                // Read the reply until its final line ("0013 Daemon is up and running" ends it).
                var reply: [UInt8] = []
                while !String(decoding: reply, as: UTF8.self).contains("0013 ") {
                    let count = read(fd, &buffer, buffer.count)
                    if count <= 0 { break }
                    reply += buffer[0..<count]
                }
                usleep(intervalMilliseconds * 1000)
            }
            close(fd)
            finished.withLockedValue { $0 = true }
        }
    }

    /// Stops sending and waits for the connection to close.
    func stop() {
        running.withLockedValue { $0 = false }
        while !finished.withLockedValue({ $0 }) { usleep(1000) }
    }
}
