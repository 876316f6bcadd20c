import BenchmarkSupport
import Foundation

/// A process's resident memory (`VmRSS` of `/proc/PID/status`), in megabytes (MiB).
enum ResidentMemory {
    /// This process's, or process `pid`'s.
    static func megabytes(of pid: Int32? = nil) throws -> Double {
        let path = "/proc/\(pid.map(String.init) ?? "self")/status"
        let status = try String(contentsOfFile: path, encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { throw BenchmarkError("no VmRSS line in \(path)") }
        return kilobytes / 1024
    }
}
