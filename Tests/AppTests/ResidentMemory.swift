import Foundation

/// The resident memory of a process, from `VmRSS` in `/proc/PID/status`, sampled in the
/// background to find its peak.
actor ResidentMemory {
    private let pid: Int32
    private(set) var peakBytes = 0
    private var sampler: Task<Void, Never>?

    init(pid: Int32) {
        self.pid = pid
    }

    /// The process's resident set size now, in bytes; nil once it has exited.
    static func current(pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first
                .flatMap({ Int($0) })
        else { return nil }
        return kilobytes * 1024
    }

    /// Samples every `interval` until ``stop()``.
    func start(every interval: Duration = .milliseconds(50)) {
        sampler = Task {
            while !Task.isCancelled {
                record()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Takes one sample now.
    func record() {
        if let bytes = Self.current(pid: pid) { peakBytes = max(peakBytes, bytes) }
    }

    /// Stops sampling; returns the peak seen.
    func stop() async -> Int {
        sampler?.cancel()
        await sampler?.value
        record()
        return peakBytes
    }
}
