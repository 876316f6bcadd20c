import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The `doublezero` CLI's config file: a flat YAML map (``FlatYAMLDocument``) of settings such as
/// `ledger: http://127.0.0.1:7850`, at ``defaultPath`` or wherever `DOUBLEZERO_CONFIG` points.
///
/// A missing file reads as an empty one. ``save()`` replaces the file atomically (a private temporary
/// file in the same directory, then a rename), creates the directory when needed, and leaves the file
/// readable only by its owner (mode 0600). Lines this program does not know are kept as they are.
public struct CLIConfigFile: Sendable, Hashable {
    /// Where the file is unless `DOUBLEZERO_CONFIG` says otherwise: `~/.config/doublezero/config.yml`.
    public static let defaultPath = "~/.config/doublezero/config.yml"

    /// The environment variable naming another config file: `DOUBLEZERO_CONFIG`.
    public static let environmentVariable = "DOUBLEZERO_CONFIG"

    /// The file's path (`~` expanded).
    public let path: String

    /// What the file holds (empty when it does not exist yet).
    public var document: FlatYAMLDocument

    /// Whether the file existed when it was loaded.
    public let exists: Bool

    /// A config file at `path` holding `document`.
    public init(path: String, document: FlatYAMLDocument = FlatYAMLDocument(), exists: Bool = false) {
        self.path = path
        self.document = document
        self.exists = exists
    }

    /// Reads the config file at `path`; a missing file reads as empty.
    ///
    /// - Throws: ``CLIConfigError/malformed(path:_:)`` naming the line for a file outside the flat
    ///   `key: value` subset (or not UTF-8), ``CLIConfigError/unreadable(path:reason:)`` when it
    ///   exists but cannot be read.
    public static func load(path: String) throws(CLIConfigError) -> CLIConfigFile {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { return CLIConfigFile(path: path) }
            throw .unreadable(path: path, reason: Self.reason(code))
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: Self.reason(errno))
            }
            if count == 0 { break }
            bytes += buffer[..<count]
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            let bad = (lines.firstIndex { String(validating: $0, as: UTF8.self) == nil } ?? 0) + 1
            throw .malformed(path: path, FlatYAMLError(line: bad, problem: "the line is not UTF-8 text"))
        }
        do {
            return CLIConfigFile(path: path, document: try FlatYAMLDocument(parsing: text), exists: true)
        } catch {
            throw .malformed(path: path, error)
        }
    }

    /// The value the file gives `setting`, with its line, or nil when it gives none.
    public func value(of setting: CLISetting) -> (text: String, line: Int)? {
        guard let text = document[setting.key], let line = document.lineNumber(of: setting.key) else { return nil }
        return (text, line)
    }

    /// Writes the document to ``path`` atomically with mode 0600, creating the directory (mode 0700)
    /// when it is missing. On failure the old file is untouched.
    ///
    /// - Throws: ``CLIConfigError/unwritable(path:reason:)``.
    public func save() throws(CLIConfigError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unwritable(
                path: path, reason: "cannot create the directory \(directory): \(error.localizedDescription)")
        }
        let temporary = directory + "/." + url.lastPathComponent + ".\(UUID().uuidString.prefix(8)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .unwritable(path: path, reason: Self.reason(errno)) }
        do {
            try Self.writeFully(Array(document.rendered().utf8), to: descriptor)
            close(descriptor)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw .unwritable(path: path, reason: error.reason)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .unwritable(path: path, reason: Self.reason(code))
        }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// Writes all of `bytes` to `descriptor`, sets mode 0600 (whatever the umask) and syncs it.
    private static func writeFully(_ bytes: [UInt8], to descriptor: Int32) throws(WriteFailure) {
        guard fchmod(descriptor, 0o600) == 0 else { throw WriteFailure(reason: reason(errno)) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw WriteFailure(reason: reason(errno))
            }
            offset += count
        }
        guard fsync(descriptor) == 0 else { throw WriteFailure(reason: reason(errno)) }
    }

    /// The system's words for `code` (an `errno` value).
    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// A failed write of the temporary file.
    private struct WriteFailure: Error {
        /// The system's words for it.
        let reason: String
    }
}
