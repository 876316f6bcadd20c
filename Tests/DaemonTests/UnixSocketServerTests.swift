import AppTestSupport
import DaemonService
import DaemonTestSupport
import Foundation
import Logging
import ServiceLifecycle
import Testing

/// The API served on a real Unix socket (run as root, as CI does): the socket file's life, its
/// mode, a raw client's GET, and the kernel's peer credentials deciding who may change things.
@Suite("Daemon API server on a Unix socket")
struct UnixSocketServerTests {
    /// A running server in a fresh directory; stopped (gracefully) and cleaned up by ``run(_:)``.
    struct Running {
        let directory: URL
        let socketPath: String
        let backend: FakeDaemonBackend
        var client: RawHTTPClient { RawHTTPClient(address: .unix(socketPath)) }
    }

    /// Serves a fresh API in `directory` (real `SO_PEERCRED`, the rule for group `doublezero`),
    /// runs `body` once it listens, then shuts down gracefully and returns the server's outcome.
    @discardableResult
    static func serve(
        in directory: URL, socketName: String = "run/doublezerod/doublezerod.sock",
        _ body: @Sendable (Running) async throws -> Void
    ) async throws -> Result<Void, any Error> {
        let socketPath = directory.appendingPathComponent(socketName).path
        let backend = FakeDaemonBackend()
        let state = try DaemonStateStore(file: DaemonStateFile(directory: directory.path), backend: backend)
        var logger = Logger(label: "test.daemon.server")
        logger.logLevel = .critical
        let api = DaemonAPI(
            backend: backend, state: state,
            configuration: DaemonConfiguration(
                ledger: "ledger.sqlite", socketPath: socketPath, clientIP: "203.0.113.10"),
            writeAccess: WriteAccessRule(groupName: "doublezero"), logger: logger)
        let (listening, listened) = AsyncStream<String>.makeStream()
        let server = DaemonAPIServer(api: api, socketPath: socketPath, logger: logger) { listened.yield($0) }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [server], logger: logger))
        let running = Task { () -> Result<Void, any Error> in
            // Finishing the stream tells the waiter below that the server stopped (or never started).
            defer { listened.finish() }
            do {
                try await group.run()
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        let started = await listening.first { _ in true } != nil
        if started {
            do {
                try await body(Running(directory: directory, socketPath: socketPath, backend: backend))
            } catch {
                await group.triggerGracefulShutdown()
                _ = await running.value
                throw error
            }
            await group.triggerGracefulShutdown()
        }
        return await running.value
    }

    /// A fresh directory under /tmp that every user may enter, removed afterwards.
    static func withDirectory(_ body: (URL) async throws -> Void) async throws {
        let directory = URL(fileURLWithPath: "/tmp/dzd-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(directory)
    }

    @Test("GET works over the socket from a raw client; the socket is 0666 in a created directory, removed at stop")
    func rawGet() async throws {
        try await Self.withDirectory { directory in
            let outcome = try await Self.serve(in: directory) { server in
                var status = stat()
                #expect(lstat(server.socketPath, &status) == 0)
                #expect(status.st_mode & S_IFMT == S_IFSOCK)
                #expect(status.st_mode & 0o777 == 0o666)
                let reply = try await server.client.get("/status")
                #expect(reply.status == 200)
                #expect(reply.headers["content-type"] == "application/json")
                #expect(
                    try JSONValue(parsing: reply.body)
                        == JSONValue(parsing: #"[{"doublezero_status":{"session_status":"disconnected"}}]"#))
                #expect(try await server.client.send("DELETE", "/status").status == 405)
            }
            #expect(throws: Never.self) { try outcome.get() }
            #expect(
                !FileManager.default.fileExists(
                    atPath: directory.appendingPathComponent("run/doublezerod/doublezerod.sock").path))
        }
    }

    @Test(
        "root's POST passes the kernel's peer check; an unprivileged user reads but gets 403 on POST",
        .enabled(if: geteuid() == 0, "needs root to run a client as another user"))
    func peerCredentials() async throws {
        try await Self.withDirectory { directory in
            try await Self.serve(in: directory) { server in
                let enabled = try await server.client.send("POST", "/enable")
                #expect(enabled.status == 200, "\(enabled.body)")
                #expect(server.backend.reconcilerSignals == [false, true])

                let nobodyGet = try await Self.asNobody(socket: server.socketPath, method: "GET", target: "/v2/status")
                #expect(nobodyGet.status == 200)
                let nobodyPost = try await Self.asNobody(socket: server.socketPath, method: "POST", target: "/disable")
                #expect(nobodyPost.status == 403)
                #expect(nobodyPost.body.contains("permission denied: uid 65534 may only read"))
                #expect(server.backend.reconcilerSignals == [false, true])
            }
        }
    }

    /// Runs one request as uid/gid 65534 (nobody) in a separate process: setpriv + a python3 raw client.
    static func asNobody(socket: String, method: String, target: String) async throws -> RawHTTPClient.Reply {
        try await RawHTTPClient.onOwnThread { try asNobodyBlocking(socket: socket, method: method, target: target) }
    }

    private static func asNobodyBlocking(socket: String, method: String, target: String) throws -> RawHTTPClient.Reply {
        let script = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(sys.argv[1])
            s.sendall(f"{sys.argv[2]} {sys.argv[3]} HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\nContent-Length: 0\\r\\n\\r\\n".encode())
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk: break
                data += chunk
            sys.stdout.buffer.write(data)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = [
            "--reuid=65534", "--regid=65534", "--clear-groups", "--", "/usr/bin/python3", "-c", script, socket, method,
            target,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RawHTTPClient.Failure(description: "the client as nobody exited \(process.terminationStatus)")
        }
        return try RawHTTPClient.parse([UInt8](data))
    }

    @Test("a second server on a live socket is refused and leaves the first serving")
    func liveSocketRefused() async throws {
        try await Self.withDirectory { directory in
            try await Self.serve(in: directory, socketName: "api.sock") { first in
                let second = try await Self.serve(in: directory, socketName: "api.sock") { _ in
                    Issue.record("the second server listened")
                }
                #expect(throws: DaemonAPIServerError.alreadyInUse(path: first.socketPath)) { try second.get() }
                #expect(try await first.client.get("/status").status == 200)
            }
        }
    }

    @Test("a stale socket left by a crash is replaced; a non-socket file in the way is refused")
    func staleAndBlocked() async throws {
        try await Self.withDirectory { directory in
            let stalePath = directory.appendingPathComponent("stale.sock").path
            let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (index, byte) in stalePath.utf8.enumerated() { raw[index] = byte }
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            #expect(bound == 0)
            close(descriptor)
            let outcome = try await Self.serve(in: directory, socketName: "stale.sock") { server throws in
                #expect(try await server.client.get("/config").status == 200)
            }
            #expect(throws: Never.self) { try outcome.get() }

            let blocked = directory.appendingPathComponent("file.sock")
            try Data("not a socket".utf8).write(to: blocked)
            let refused = try await Self.serve(in: directory, socketName: "file.sock") { _ in
                Issue.record("served over a regular file")
            }
            #expect(throws: DaemonAPIServerError.notASocket(path: blocked.path)) { try refused.get() }
            #expect(FileManager.default.fileExists(atPath: blocked.path), "the file is left alone")
        }
    }
}
