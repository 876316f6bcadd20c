import Foundation

/// A request iproute2 sent, recorded by `Tools/TunnelGoldenRecorder/record.sh`.
struct IPRoute2Fixture {
    /// The `ip` command line.
    let command: String
    /// The request's bytes.
    let bytes: [UInt8]

    /// Loads `Tests/Fixtures/iproute2/NAME.hex` (outside the test target, so no manifest lists it).
    init(_ name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/iproute2/\(name).hex").standardizedFileURL
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        command = String(lines.first { $0.hasPrefix("# ") }?.dropFirst(2) ?? "")
        let hex = Array(lines.first { !$0.hasPrefix("#") } ?? "")
        bytes = stride(from: 0, to: hex.count - 1, by: 2).map { UInt8(String(hex[$0...$0 + 1]), radix: 16)! }
    }

    /// `bytes` with the sequence number (bytes 8..<12) zeroed.
    static func masked(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 12 else { return bytes }
        var copy = bytes
        copy.replaceSubrange(8..<12, with: [0, 0, 0, 0])
        return copy
    }
}
