import Foundation

#if canImport(Glibc)
    import Glibc

    /// The C library's `write(2)`, which `KeypairFile.write(to:overwrite:)` would otherwise shadow.
    private let systemWrite = Glibc.write
#elseif canImport(Musl)
    import Musl

    /// The C library's `write(2)`, which `KeypairFile.write(to:overwrite:)` would otherwise shadow.
    private let systemWrite = Musl.write
#elseif canImport(Darwin)
    import Darwin

    /// The C library's `write(2)`, which `KeypairFile.write(to:overwrite:)` would otherwise shadow.
    private let systemWrite = Darwin.write
#endif

extension KeypairFile {
    /// The largest file ``load(path:)`` reads; a keypair file is a few hundred bytes.
    public static let maximumFileSize = 64 * 1024

    /// Reads and decodes the keypair file at `path`.
    ///
    /// - Throws: ``KeypairFileError/fileMissing(path:)`` when nothing is there,
    ///   ``KeypairFileError/unreadable(path:reason:)`` when it cannot be read (or is larger than
    ///   ``maximumFileSize``), and ``KeypairFileError/invalidContents(path:error:)`` wrapping the
    ///   decoding error when it is not a keypair.
    public static func load(path: String) throws(KeypairFileError) -> KeypairFile {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw .fileMissing(path: path) }
            throw .unreadable(path: path, reason: Self.message(for: code))
        }
        defer { close(descriptor) }

        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: Self.message(for: errno))
            }
            if count == 0 { break }
            contents += buffer[..<count]
            guard contents.count <= maximumFileSize else {
                throw .unreadable(path: path, reason: "larger than \(maximumFileSize) bytes, so not a keypair file")
            }
        }
        do {
            return try decode(from: Data(contents))
        } catch {
            throw .invalidContents(path: path, error: error)
        }
    }

    /// Writes the keypair to `path`, readable and writable by the owner only (mode 0600).
    ///
    /// The bytes go to a temporary file in the same directory, created with mode 0600 and
    /// flushed to disk, which then takes the final name in one step; a reader never sees a
    /// partial file, and the secret is never readable by others, even for a moment. Missing
    /// parent directories are created with mode 0700.
    ///
    /// - Parameters:
    ///   - path: where to write.
    ///   - overwrite: whether to replace an existing file. Off by default: losing a keypair
    ///     loses whatever it owns.
    /// - Throws: ``KeypairFileError/alreadyExists(path:)`` when a file is there and `overwrite`
    ///   is false; ``KeypairFileError/unwritable(path:reason:)`` for any other failure.
    public func write(to path: String, overwrite: Bool = false) throws(KeypairFileError) {
        let directory = Self.parentDirectory(of: path)
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unwritable(path: path, reason: "cannot create directory \(directory): \(error.localizedDescription)")
        }

        let temporary = "\(path).\(UInt64.random(in: 0...UInt64.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .unwritable(path: path, reason: Self.message(for: errno))
        }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        do {
            defer { close(descriptor) }
            // The umask can only remove bits from 0600; set it exactly anyway.
            guard fchmod(descriptor, 0o600) == 0 else {
                throw KeypairFileError.unwritable(path: path, reason: Self.message(for: errno))
            }
            try Self.writeAll(Array(encode()), to: descriptor, path: path)
            guard fsync(descriptor) == 0 else {
                throw KeypairFileError.unwritable(path: path, reason: Self.message(for: errno))
            }
        }

        if overwrite {
            guard rename(temporary, path) == 0 else {
                throw .unwritable(path: path, reason: Self.message(for: errno))
            }
            renamed = true
        } else {
            // link(2) fails with EEXIST instead of replacing: an atomic "create if absent".
            // The temporary name is removed afterwards either way.
            guard link(temporary, path) == 0 else {
                let code = errno
                if code == EEXIST { throw .alreadyExists(path: path) }
                throw .unwritable(path: path, reason: Self.message(for: code))
            }
        }
        Self.syncDirectory(directory)
    }

    /// Writes every byte, retrying short writes and interruptions.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(KeypairFileError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .unwritable(path: path, reason: message(for: errno))
            }
            offset += written
        }
    }

    /// Flushes a directory entry change to disk; best effort.
    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// The directory part of a path (`.` for a bare file name).
    private static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// The C library's message for an `errno` value.
    private static func message(for code: Int32) -> String {
        String(cString: strerror(code))
    }
}
