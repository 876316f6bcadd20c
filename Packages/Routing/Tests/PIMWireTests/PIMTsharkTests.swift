import Foundation
import Models
import PIMWire
import Testing

/// Our messages as Wireshark's PIM dissector reads them. Needs `tshark` (Debian `tshark`, in
/// the project's package list): the test fails, not skips, without it.
@Suite("PIM codec: decoded by tshark")
struct PIMTsharkTests {
    /// A hand-built IPv4 header (no options, TOS 0xC0 as routers send PIM, DF clear, correct
    /// checksum) in front of a PIM message: protocol 103.
    static func ipv4Packet(source: IPv4Address, destination: IPv4Address, ttl: UInt8, pim: [UInt8]) -> [UInt8] {
        let length = 20 + pim.count
        var header: [UInt8] = [0x45, 0xC0, UInt8(length >> 8), UInt8(length & 0xFF), 0, 0, 0, 0, ttl, 103, 0, 0]
        header += source.bytes + destination.bytes
        let checksum = referenceChecksum(header)
        header[10] = UInt8(checksum >> 8)
        header[11] = UInt8(checksum & 0xFF)
        return header + pim
    }

    /// A classic pcap file (little-endian, version 2.4) of raw IPv4 packets: link type 228.
    static func pcap(_ packets: [[UInt8]]) -> [UInt8] {
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) } }
        func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
        var file = le32(0xA1B2_C3D4) + le16(2) + le16(4) + le32(0) + le32(0) + le32(65535) + le32(228)
        for (index, packet) in packets.enumerated() {
            file += le32(UInt32(index + 1)) + le32(0) + le32(UInt32(packet.count)) + le32(UInt32(packet.count))
            file += packet
        }
        return file
    }

    /// The first `tshark` on PATH, or nil.
    static func tsharkPath() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":") + ["/usr/bin", "/usr/sbin"]).map { "\($0)/tshark" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test("a Hello, a Join/Prune and a heartbeat Register in a pcap decode as PIM with our fields")
    func tsharkDecodes() throws {
        guard let tshark = Self.tsharkPath() else {
            Issue.record("tshark is not installed (apt-get install tshark; it is in Tools/Setup/debian-packages.txt)")
            return
        }
        let join = try PIMJoinPrune.join(
            groups: ["233.84.178.0", "233.84.178.1"], rp: "10.0.0.0", upstream: "169.254.0.0")
        let packets = [
            Self.ipv4Packet(
                source: "169.254.0.1", destination: PIMWireFormat.allPIMRouters, ttl: 1, pim: PIMHello().encoded()),
            Self.ipv4Packet(
                source: "169.254.0.1", destination: PIMWireFormat.allPIMRouters, ttl: 1, pim: join.encoded()),
            Self.ipv4Packet(
                source: "169.254.0.1", destination: "10.0.0.0", ttl: 32,
                pim: PIMRegister.heartbeat(source: "185.1.0.2", group: "233.84.178.0").encoded()),
        ]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pim-\(UUID().uuidString).pcap")
        try Data(Self.pcap(packets)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: tshark)
        process.arguments = [
            "-r", file.path, "-V", "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        // Split per frame, so each check is about the right packet.
        let frames = text.components(separatedBy: "\nFrame ")
        #expect(frames.count == 3, "\(text)")
        guard frames.count == 3 else { return }
        let (hello, joinPrune, register) = (frames[0], frames[1], frames[2])
        for frame in frames {
            #expect(frame.contains("Protocol Independent Multicast"))
            #expect(frame.contains("0010 .... = Version: 2"))
            #expect(frame.contains("[Checksum Status: Good]"), "PIM checksum: \(frame)")
            #expect(frame.contains("[Header checksum status: Good]"), "outer IPv4 checksum: \(frame)")
        }
        for line in [
            "Type: Hello (0)", "Holdtime: 105", "Generation ID: 3614426332", "DR Priority: 1",
        ] {
            #expect(hello.contains(line), "Hello lacks \(line): \(hello)")
        }
        for line in [
            "Type: Join/Prune (3)", "Upstream-neighbor: 169.254.0.0", "Num Groups: 2", "Holdtime: 120",
            "Group 0: 233.84.178.0/32", "Group 1: 233.84.178.1/32", "Num Joins: 1", "Num Prunes: 0",
            "IP address: 10.0.0.0/32 (SWR)",
        ] {
            #expect(joinPrune.contains(line), "Join/Prune lacks \(line): \(joinPrune)")
        }
        for line in [
            "Type: Register (1)", "Src: 185.1.0.2, Dst: 233.84.178.0", "Source Port: 5765",
            "Destination Port: 5765", "Header Checksum: 0x4675 [correct]",
            "Checksum: 0x3a18 [correct]", "Data (4 bytes)", "Data: 445a0001",
        ] {
            #expect(register.contains(line), "Register lacks \(line): \(register)")
        }
    }
}
