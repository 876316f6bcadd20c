import DaemonService
import DaemonTestSupport
import Foundation
import Testing

/// `state.json`: atomic writes, reads, defaults, corrupt files and upstream's legacy migration.
@Suite("Daemon state file")
struct StateFileTests {
    /// Runs `body` with a fresh directory, removed afterwards.
    func withDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("DaemonStateTests-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    @Test("a missing file reads as nothing; loadOrCreate writes the defaults (and the directory, 0755)")
    func missing() throws {
        try withDirectory { directory in
            let nested = directory.appendingPathComponent("var/lib/doublezerod")
            let file = DaemonStateFile(directory: nested.path)
            #expect(try file.read() == nil)
            #expect(try file.loadOrCreate() == DaemonState(reconcilerEnabled: false))
            #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "{\"reconciler_enabled\":false}\n")
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            #expect((attributes[.posixPermissions] as? Int) == 0o644)
            let directoryAttributes = try FileManager.default.attributesOfItem(atPath: nested.path)
            #expect((directoryAttributes[.posixPermissions] as? Int) == 0o755)
        }
    }

    @Test("write then read round-trips, replaces the file and leaves no temporary file")
    func roundTrip() throws {
        try withDirectory { directory in
            let file = DaemonStateFile(directory: directory.path)
            try file.write(DaemonState(reconcilerEnabled: true))
            #expect(try file.read() == DaemonState(reconcilerEnabled: true))
            let before = try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int
            try file.write(DaemonState(reconcilerEnabled: false))
            #expect(try file.read() == DaemonState(reconcilerEnabled: false))
            let after = try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int
            #expect(before != after, "a rename puts a new inode in place; an in-place write would not")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [DaemonStateFile.fileName])
            #expect(try file.loadOrCreate() == DaemonState(reconcilerEnabled: false))
        }
    }

    @Test("a failed write leaves the old file and no temporary file")
    func failedWrite() throws {
        try withDirectory { directory in
            let file = DaemonStateFile(directory: directory.path)
            try file.write(DaemonState(reconcilerEnabled: true))
            try FileManager.default.createDirectory(atPath: file.path + ".tmp", withIntermediateDirectories: false)
            #expect(throws: DaemonStateError.self) { try file.write(DaemonState(reconcilerEnabled: false)) }
            #expect(try file.read() == DaemonState(reconcilerEnabled: true))
        }
    }

    @Test("unknown keys are ignored and a missing key means disabled, as upstream's decoder")
    func lenient() throws {
        try withDirectory { directory in
            let file = DaemonStateFile(directory: directory.path)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(#"{"reconciler_enabled": true, "future": 1}"#.utf8).write(to: URL(fileURLWithPath: file.path))
            #expect(try file.read() == DaemonState(reconcilerEnabled: true))
            try Data("{}".utf8).write(to: URL(fileURLWithPath: file.path))
            #expect(try file.read() == DaemonState(reconcilerEnabled: false))
        }
    }

    @Test(
        "a corrupt file is an error that names the file and says why",
        arguments: ["{", "[true]", #"{"reconciler_enabled": "yes"}"#, ""])
    func corrupt(_ contents: String) throws {
        try withDirectory { directory in
            let file = DaemonStateFile(directory: directory.path)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: URL(fileURLWithPath: file.path))
            do throws(DaemonStateError) {
                _ = try file.loadOrCreate()
                Issue.record("\(contents) was accepted")
            } catch {
                guard case .corrupt(let path, _) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(path == file.path)
                #expect(error.description.hasPrefix("the state file \(file.path) is corrupt ("))
            }
            #expect(try String(contentsOfFile: file.path, encoding: .utf8) == contents, "left as it was")
        }
    }

    @Test("the daemon does not start over a corrupt file: the store's init throws")
    func storeRefusesCorrupt() throws {
        try withDirectory { directory in
            let file = DaemonStateFile(directory: directory.path)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data("garbage".utf8).write(to: URL(fileURLWithPath: file.path))
            let backend = FakeDaemonBackend()
            #expect(throws: DaemonStateError.self) { _ = try DaemonStateStore(file: file, backend: backend) }
            #expect(backend.reconcilerSignals.isEmpty)
        }
    }

    @Test(
        "upstream's legacy doublezerod.json migrates: enabled iff a non-empty array, then deleted",
        arguments: [("[{\"user_type\":\"IBRL\"}]", true), ("[]", false), ("not json", false)])
    func legacy(_ contents: String, _ enabled: Bool) throws {
        try withDirectory { directory in
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let legacy = directory.appendingPathComponent(DaemonStateFile.legacyFileName)
            try Data(contents.utf8).write(to: legacy)
            let file = DaemonStateFile(directory: directory.path)
            #expect(try file.loadOrCreate() == DaemonState(reconcilerEnabled: enabled))
            #expect(!FileManager.default.fileExists(atPath: legacy.path))
            #expect(try file.read() == DaemonState(reconcilerEnabled: enabled))
        }
    }

    @Test("the store loads the persisted value and signals it to the backend at start")
    func storeStart() async throws {
        try withDirectory { directory in
            let file = DaemonStateFile(directory: directory.path)
            try file.write(DaemonState(reconcilerEnabled: true))
            let backend = FakeDaemonBackend()
            let store = try DaemonStateStore(file: file, backend: backend)
            #expect(backend.reconcilerSignals == [true])
            _ = store
        }
    }
}
