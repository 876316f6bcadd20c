import BenchmarkSupport
import Foundation

/// This process's resident memory (`VmRSS` of `/proc/self/status`), in megabytes (MiB).
enum ResidentMemory {
    static func megabytes() throws -> Double {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { throw BenchmarkError("no VmRSS line in /proc/self/status") }
        return kilobytes / 1024
    }
}
