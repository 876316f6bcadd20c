import Foundation

/// `state.json` in the daemon's state directory: read at start, written atomically (a temporary
/// file written and fsynced, renamed over the old one, then the directory fsynced), so a crash
/// leaves either the old state or the new one, never a torn file.
public struct DaemonStateFile: Sendable, Hashable {
    /// The file's name in the state directory.
    public static let fileName = "state.json"
    /// The pre-RFC 17 file upstream migrates from: a JSON array of provision requests.
    public static let legacyFileName = "doublezerod.json"
    /// The largest file accepted (the real one is about 30 bytes).
    static let maxSize = 64 * 1024

    /// The directory that holds the file (created 0755 when missing).
    public let directory: String

    /// The file in `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The file's path.
    public var path: String { (directory as NSString).appendingPathComponent(Self.fileName) }

    /// The temporary file written before the rename.
    var temporaryPath: String { path + ".tmp" }

    /// The legacy file's path.
    var legacyPath: String { (directory as NSString).appendingPathComponent(Self.legacyFileName) }

    /// The persisted state, as at start: the file when present; else, when upstream's legacy
    /// `doublezerod.json` is there, enabled if it holds a non-empty array (the legacy file is then
    /// deleted); else ``DaemonState/initial``. A missing file is written, as upstream does.
    public func loadOrCreate() throws(DaemonStateError) -> DaemonState {
        if let state = try read() { return state }
        var state = DaemonState.initial
        if let legacy = FileManager.default.contents(atPath: legacyPath) {
            let requests = (try? JSONSerialization.jsonObject(with: legacy)) as? [Any]
            state.reconcilerEnabled = !(requests ?? []).isEmpty
        }
        try write(state)
        if FileManager.default.fileExists(atPath: legacyPath) {
            guard unlink(legacyPath) == 0 else {
                throw .unwritable(path: legacyPath, step: "removing the migrated legacy file", reason: Self.errnoText())
            }
        }
        return state
    }

    /// The state in the file, or nil when there is no file.
    public func read() throws(DaemonStateError) -> DaemonState? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw .unreadable(path: path, reason: Self.errnoText())
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: Self.errnoText())
            }
            if count == 0 { break }
            bytes += chunk[..<count]
            guard bytes.count <= Self.maxSize else {
                throw .corrupt(path: path, reason: "larger than \(Self.maxSize) bytes")
            }
        }
        do {
            return try JSONDecoder().decode(DaemonState.self, from: Data(bytes))
        } catch {
            throw .corrupt(path: path, reason: DecodingError.reason(of: error))
        }
    }

    /// Replaces the file with `state`, atomically; on failure the old file is left as it was.
    public func write(_ state: DaemonState) throws(DaemonStateError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(state) + Data("\n".utf8)
        } catch {
            throw .unwritable(path: path, step: "encoding", reason: "\(error)")
        }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        } catch {
            throw .unwritable(path: path, step: "creating \(directory)", reason: "\(error.localizedDescription)")
        }
        let temporary = temporaryPath
        do throws(DaemonStateError) {
            try Self.writeAndSync(data, to: temporary)
            guard rename(temporary, path) == 0 else {
                throw .unwritable(path: path, step: "renaming \(temporary)", reason: Self.errnoText())
            }
        } catch {
            unlink(temporary)
            throw error
        }
        try syncDirectory()
    }

    /// Writes `data` to a fresh `path` (mode 0644) and fsyncs it.
    private static func writeAndSync(_ data: Data, to path: String) throws(DaemonStateError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .unwritable(path: path, step: "creating", reason: errnoText()) }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o644) == 0 else {
            throw .unwritable(path: path, step: "setting mode 0644", reason: errnoText())
        }
        var offset = 0
        let bytes = [UInt8](data)
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unwritable(path: path, step: "writing", reason: errnoText())
            }
            offset += count
        }
        guard fsync(descriptor) == 0 else { throw .unwritable(path: path, step: "fsync", reason: errnoText()) }
    }

    /// Fsyncs the directory, so the rename itself survives a crash.
    private func syncDirectory() throws(DaemonStateError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .unwritable(path: path, step: "opening \(directory) to fsync it", reason: Self.errnoText())
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw .unwritable(path: path, step: "fsync of \(directory)", reason: Self.errnoText())
        }
    }

    /// The current `errno` as text.
    static func errnoText() -> String { String(cString: strerror(errno)) }
}
