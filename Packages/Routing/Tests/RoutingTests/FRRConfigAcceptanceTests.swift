import Foundation
import Models
import Testing

@testable import Routing

/// FRR itself reads every golden FRR text: `vtysh -C` (parse-check against every daemon's
/// command tree) and `frr-reload.py --test` against an empty and a previous configuration
/// (the diff the device agent would apply), offline: no daemon runs. Needs Debian `frr` and
/// `frr-pythontools`; a missing tool fails the test.
@Suite("FRR accepts the rendered configs")
struct FRRConfigAcceptanceTests {
    static let vtysh = "/usr/bin/vtysh"
    static let reload = "/usr/lib/frr/frr-reload.py"

    /// Every `frr-*.txt` golden file.
    static var goldenFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: GoldenFile.directory.path)) ?? []
        return names.filter { $0.hasPrefix("frr-") && $0.hasSuffix(".txt") }.sorted()
    }

    /// A scratch directory with an empty `vtysh.conf` (so nothing in /etc/frr is read), removed after `body`.
    static func withScratch<T>(_ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("frr-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data().write(to: directory.appendingPathComponent("vtysh.conf"))
        return try body(directory)
    }

    /// Runs `executable` with `arguments`; its exit status and standard output + error.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try #require(
            FileManager.default.isExecutableFile(atPath: executable),
            "\(executable) is missing (Debian frr, frr-pythontools)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// `frr-reload.py --test` from `old` to `new`: the lines it would add and delete.
    static func reloadDiff(from old: String, to new: String) throws -> (added: [String], deleted: [String]) {
        try withScratch { directory in
            let oldURL = directory.appendingPathComponent("old.conf")
            let newURL = directory.appendingPathComponent("new.conf")
            try Data(old.utf8).write(to: oldURL)
            try Data(new.utf8).write(to: newURL)
            let result = try run(
                reload,
                [
                    "--test", "--stdout", "--log-level", "error", "--input", oldURL.path, "--bindir", "/usr/bin",
                    "--confdir", directory.path, "--rundir", directory.path, newURL.path,
                ])
            #expect(result.status == 0, "frr-reload.py --test failed:\n\(result.output)")
            var added: [String] = []
            var deleted: [String] = []
            var section = ""
            for line in result.output.split(separator: "\n").map(String.init) {
                if line == "Lines To Add" || line == "Lines To Delete" {
                    section = line
                } else if !line.hasPrefix("====="), !line.isEmpty {
                    if section == "Lines To Add" {
                        added.append(line)
                    } else if section == "Lines To Delete" {
                        deleted.append(line)
                    }
                }
            }
            return (added, deleted)
        }
    }

    @Test("vtysh -C parses every golden FRR config without an error")
    func vtyshParsesGoldenFiles() throws {
        #expect(Self.goldenFiles.count >= 5)
        for name in Self.goldenFiles {
            try Self.withScratch { directory in
                let result = try Self.run(
                    Self.vtysh,
                    [
                        "--config_dir", directory.path, "-C", "-f",
                        GoldenFile.directory.appendingPathComponent(name).path,
                    ])
                #expect(result.status == 0 && result.output.isEmpty, "\(name): vtysh -C said:\n\(result.output)")
            }
        }
    }

    @Test("vtysh -C catches a broken line (the check is real)")
    func vtyshCatchesErrors() throws {
        let text = try FRRConfigGoldenTests.usersNetwork().configs(FRRConfigGoldenTests.options).renderFRR("ny5-dz01")
        let broken = text.replacingOccurrences(
            of: " match as-path AS-PATH-LENGTH-1\n", with: " match as-path length = 1\n")
        try Self.withScratch { directory in
            let file = directory.appendingPathComponent("broken.conf")
            try Data(broken.utf8).write(to: file)
            let result = try Self.run(Self.vtysh, ["--config_dir", directory.path, "-C", "-f", file.path])
            #expect(result.status != 0 && result.output.contains("Unknown command"), "\(result.output)")
        }
    }

    @Test("frr-reload.py reads every golden FRR config, and applying one over itself changes nothing")
    func reloadReadsGoldenFiles() throws {
        for name in Self.goldenFiles {
            let text = try String(contentsOf: GoldenFile.directory.appendingPathComponent(name), encoding: .utf8)
            let fromScratch = try Self.reloadDiff(from: "", to: text)
            #expect(fromScratch.deleted.isEmpty && fromScratch.added.contains("router bgp 65342"), "\(name)")
            let again = try Self.reloadDiff(from: text, to: text)
            #expect(again.added.isEmpty && again.deleted.isEmpty, "\(name): \(again)")
        }
    }

    @Test("a user removed: frr-reload.py deletes only that user's neighbor and policy")
    func reloadRemovesOneUser() throws {
        var network = FRRConfigGoldenTests.usersNetwork()
        let before = try network.configs(FRRConfigGoldenTests.options).renderFRR("ny5-dz01")
        network.users.removeFirst()  // alice, slot 500, neighbor 169.254.0.1
        let after = try network.configs(FRRConfigGoldenTests.options).renderFRR("ny5-dz01")
        let diff = try Self.reloadDiff(from: before, to: after)
        // frr-reload.py removes some objects by adding their `no` form (prefix-list entries).
        #expect(diff.added.allSatisfy { $0.hasPrefix("no ") }, "\(diff.added)")
        let deleted = (diff.deleted + diff.added).filter {
            !$0.hasPrefix("router bgp ") && $0 != " address-family ipv4 unicast"
        }
        #expect(
            deleted.contains(" no neighbor 169.254.0.1 remote-as 65000") || deleted.contains(" no neighbor 169.254.0.1")
        )
        #expect(deleted.contains { $0.contains("RM-USER-500-IN") })
        #expect(deleted.contains { $0.contains("PL-USER-500") })
        for other in ["169.254.1.1", "169.254.2.1", "169.254.3.1", "172.16.1.2", "RM-USER-501", "PL-USER-501"] {
            #expect(!deleted.contains { $0.contains(other) }, "\(other) touched: \(deleted)")
        }
    }
}
