import Foundation
import Testing

@testable import Ledger

/// A fresh directory under the system temporary directory, removed by `remove()`.
private struct ScratchDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/keypair-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    func permissions(of file: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}

@Suite("KeypairFile on disk")
struct KeypairFileStorageTests {
    private static let first = try! KeypairFile(bytes: (0..<64).map { UInt8($0) })
    private static let second = try! KeypairFile(bytes: (0..<64).map { UInt8(255 - $0) })

    @Test("write then load round-trips, with mode 0600 and no temporary file left")
    func writeAndLoad() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.path + "/id.json"

        try Self.first.write(to: path)
        #expect(try KeypairFile.load(path: path) == Self.first)
        #expect(try scratch.permissions(of: path) == 0o600)
        #expect(try scratch.entries() == ["id.json"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Self.first.encode())
    }

    @Test("write refuses to replace an existing file unless asked, and keeps 0600 when it does")
    func overwrite() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.path + "/id.json"

        try Self.first.write(to: path)
        #expect(throws: KeypairFileError.alreadyExists(path: path)) { try Self.second.write(to: path) }
        #expect(try KeypairFile.load(path: path) == Self.first)

        // A world-readable file in the way is replaced by a private one.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        try Self.second.write(to: path, overwrite: true)
        #expect(try KeypairFile.load(path: path) == Self.second)
        #expect(try scratch.permissions(of: path) == 0o600)
        #expect(try scratch.entries() == ["id.json"])
    }

    @Test("write creates missing parent directories with mode 0700")
    func createsParents() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.path + "/config/doublezero/id.json"

        try Self.first.write(to: path)
        #expect(try KeypairFile.load(path: path) == Self.first)
        #expect(try scratch.permissions(of: scratch.path + "/config/doublezero") == 0o700)
    }

    @Test("write reports a path it cannot create")
    func unwritable() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let blocker = scratch.path + "/file"
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data()))

        let error = #expect(throws: KeypairFileError.self) { try Self.first.write(to: blocker + "/id.json") }
        guard case .unwritable(let path, _) = error else {
            Issue.record("expected unwritable, got \(String(describing: error))")
            return
        }
        #expect(path == blocker + "/id.json")
    }

    @Test("load reports a missing file")
    func missing() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.path + "/absent.json"
        #expect(throws: KeypairFileError.fileMissing(path: path)) { try KeypairFile.load(path: path) }
    }

    @Test("load reports a directory as unreadable")
    func directory() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let error = #expect(throws: KeypairFileError.self) { try KeypairFile.load(path: scratch.path) }
        guard case .unreadable(let path, let reason) = error else {
            Issue.record("expected unreadable, got \(String(describing: error))")
            return
        }
        #expect(path == scratch.path)
        #expect(reason == "Is a directory")
    }

    @Test("load wraps decoding errors with the path")
    func invalidContents() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.path + "/id.json"
        try Data("[1,2]".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: KeypairFileError.invalidContents(path: path, error: .wrongLength(count: 2))) {
            try KeypairFile.load(path: path)
        }
        try Data("not json".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: KeypairFileError.invalidContents(path: path, error: .notJSON)) {
            try KeypairFile.load(path: path)
        }
    }

    @Test("load refuses files larger than maximumFileSize")
    func tooLarge() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.path + "/big.json"
        try Data(repeating: 0x20, count: KeypairFile.maximumFileSize + 1).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: KeypairFileError.self) { try KeypairFile.load(path: path) }
        #expect(error == .unreadable(path: path, reason: "larger than 65536 bytes, so not a keypair file"))
    }

    @Test("a file of exactly maximumFileSize bytes is still read")
    func largestAccepted() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.path + "/padded.json"
        var contents = Self.first.encode()
        contents.append(Data(repeating: 0x20, count: KeypairFile.maximumFileSize - contents.count))
        try contents.write(to: URL(fileURLWithPath: path))
        #expect(try KeypairFile.load(path: path) == Self.first)
    }
}
