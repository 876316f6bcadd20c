import Foundation
import Synchronization

/// The API's socket in the file system: its directory is created, a stale socket left by a crash
/// is removed (a live one is refused), the socket is opened to every local user (0666; the
/// ``WriteAccessRule`` guards changes), and on exit it is removed — only if it is still ours.
final class APISocketFile: Sendable {
    /// The socket's path.
    let path: String
    /// The device and inode of the socket this process bound, once known.
    private let bound = Mutex<(device: UInt64, inode: UInt64)?>(nil)

    /// The socket at `path`.
    init(path: String) {
        self.path = path
    }

    /// Readies `path` for binding: creates its directory (0755) and clears a stale socket.
    func prepare() throws(DaemonAPIServerError) {
        let limit = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1
        guard path.utf8.count <= limit else { throw .pathTooLong(path: path, limit: limit) }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            } catch {
                throw .directoryNotCreated(path: path, reason: error.localizedDescription)
            }
        }
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        guard status.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(path: path) }
        if Self.isListening(path) { throw .alreadyInUse(path: path) }
        guard unlink(path) == 0 || errno == ENOENT else {
            throw .staleSocketNotRemoved(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Once bound: lets every local user connect (mode 0666) and remembers the socket as ours.
    /// Returns the failure's reason, or nil.
    func openToEveryone() -> String? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return "cannot stat \(path): \(String(cString: strerror(errno)))" }
        bound.withLock { $0 = (UInt64(status.st_dev), UInt64(status.st_ino)) }
        guard chmod(path, 0o666) == 0 else { return "cannot chmod 0666 \(path): \(String(cString: strerror(errno)))" }
        return nil
    }

    /// Removes the socket if it is still the one this process bound.
    func removeIfOurs() {
        guard let ours = bound.withLock({ $0 }) else { return }
        var status = stat()
        guard lstat(path, &status) == 0, UInt64(status.st_dev) == ours.device, UInt64(status.st_ino) == ours.inode
        else { return }
        unlink(path)
    }

    /// Whether a process accepts connections on the Unix socket at `path`.
    static func isListening(_ path: String) -> Bool {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            for (index, byte) in path.utf8.prefix(bytes.count - 1).enumerated() { bytes[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }
}
