import CommandLineSupport
import Foundation
import Testing

/// The CLI's config file on disk: a missing file is empty, a malformed one names its line, and a save
/// replaces the file atomically, privately and without losing what it does not know.
@Suite("Config file storage")
struct CLIConfigFileTests {
    @Test("a missing file reads as an empty one")
    func missing() throws {
        let scratch = try ConfigScratch()
        let file = try CLIConfigFile.load(path: scratch.configPath)
        #expect(!file.exists)
        #expect(file.document == FlatYAMLDocument())
        #expect(file.value(of: .ledger) == nil)
    }

    @Test("a malformed file is refused with its path and line")
    func malformed() throws {
        let scratch = try ConfigScratch()
        let path = try scratch.write("# ok\nledger: http://127.0.0.1:7850\n  nested: x\n", to: "config.yml")
        #expect(throws: CLIConfigError.malformed(path: path, FlatYAMLError(line: 3, problem: indentedProblem))) {
            try CLIConfigFile.load(path: path)
        }
    }

    /// What the reader says about an indented line.
    let indentedProblem = "indented line: this file holds one `key: value` per line, not nested values"

    @Test("a file that is not UTF-8 is refused with the line of the first bad byte")
    func notUTF8() throws {
        let scratch = try ConfigScratch()
        let path = scratch.path("config.yml")
        try Data("ledger: /a\n".utf8 + [0x6B, 0x3A, 0x20, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(
            throws: CLIConfigError.malformed(path: path, FlatYAMLError(line: 2, problem: "the line is not UTF-8 text"))
        ) {
            try CLIConfigFile.load(path: path)
        }
    }

    @Test("save creates the directory and a 0600 file, and keeps unknown keys and comments")
    func saveKeepsUnknownKeys() throws {
        let scratch = try ConfigScratch()
        var file = try CLIConfigFile.load(path: scratch.configPath)
        file.document.set("ledger", to: "http://127.0.0.1:7850")
        try file.save()
        #expect(scratch.contents(of: scratch.configPath) == "ledger: http://127.0.0.1:7850\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: scratch.configPath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let directory = try FileManager.default.attributesOfItem(atPath: scratch.home + "/.config/doublezero")
        #expect((directory[.posixPermissions] as? NSNumber)?.intValue == 0o700)

        let handWritten = "# mine\njson_rpc_url: https://rpc.example   # upstream's\nledger: /old\naddress_labels: ''\n"
        try scratch.write(handWritten, to: ".config/doublezero/config.yml")
        var again = try CLIConfigFile.load(path: scratch.configPath)
        #expect(again.exists)
        #expect(again.value(of: .ledger)?.text == "/old")
        #expect(again.value(of: .ledger)?.line == 3)
        again.document.set("ledger", to: "/new ledger")
        again.document.set("sock_file", to: "/run/dz.sock")
        try again.save()
        #expect(
            scratch.contents(of: scratch.configPath)
                == "# mine\njson_rpc_url: https://rpc.example   # upstream's\nledger: \"/new ledger\"\n"
                + "address_labels: ''\nsock_file: /run/dz.sock\n")
    }

    @Test("save replaces the file by a rename: a reader of the old file never sees a half-written one")
    func atomicReplace() throws {
        let scratch = try ConfigScratch()
        let old = "ledger: /old\n"
        try scratch.write(old, to: ".config/doublezero/config.yml")
        let oldInode = try inode(scratch.configPath)
        // A second name for the old file, like a reader holding it open.
        try FileManager.default.linkItem(atPath: scratch.configPath, toPath: scratch.path("held.yml"))

        var file = try CLIConfigFile.load(path: scratch.configPath)
        file.document.set("ledger", to: "/new")
        try file.save()

        #expect(scratch.contents(of: scratch.configPath) == "ledger: /new\n")
        #expect(scratch.contents(of: scratch.path("held.yml")) == old, "the old file was written in place")
        #expect(try inode(scratch.configPath) != oldInode)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.home + "/.config/doublezero")
        #expect(leftovers == ["config.yml"], "no temporary file may be left behind")
    }

    @Test("a failed save changes nothing and leaves no temporary file")
    func failedSave() throws {
        let scratch = try ConfigScratch()
        // The config path is a directory that is not empty, so the final rename must fail.
        try scratch.write("x", to: "dir/config.yml/inside")
        let path = scratch.path("dir/config.yml")
        var file = CLIConfigFile(path: path)
        file.document.set("ledger", to: "/new")
        #expect {
            try file.save()
        } throws: { error in
            guard case .unwritable(path, _)? = error as? CLIConfigError else { return false }
            return true
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("dir")) == ["config.yml"])
        #expect(scratch.contents(of: path + "/inside") == "x")
    }

    /// The inode number of the file at `path`.
    func inode(_ path: String) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require((attributes[.systemFileNumber] as? NSNumber)?.uint64Value)
    }
}
