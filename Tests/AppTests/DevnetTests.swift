import AppTestSupport
import Foundation
import Testing

/// `make devnet`, the README's main job, run once end to end in its `--oneshot` mode: a ledger
/// server, the activator (and the controller once built) and a bootstrap of three metros through
/// the CLI; every entity must end activated and `doublezero-ledger verify` must pass.
@Suite("make devnet")
struct DevnetTests {
    /// The repository's root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("devnet --oneshot bootstraps a network the activator fully activates")
    func oneshot() async throws {
        try await withScratchDirectory { directory in
            let script = Self.repositoryRoot.appendingPathComponent("Tools/Devnet/devnet.sh")
            let run = try await AppRun.run(
                executable: URL(fileURLWithPath: "/bin/bash"),
                [
                    script.path, "--oneshot", "--dir", directory.appendingPathComponent("devnet").path,
                    "--port", String(try FreeLoopbackPort.pickPair()), "--bin", AppBinary.productsDirectory.path,
                ],
                label: "devnet.sh", timeout: .seconds(180))
            #expect(run.exitCode == 0, "devnet failed:\n\(run.allOutput.suffix(4000))")
            #expect(run.standardOutput.contains("devnet: every device, link, group and user is activated."))
            #expect(run.standardOutput.contains("result:          intact"))
            #expect(run.standardOutput.contains("devnet: oneshot finished"))
        }
    }

    @Test("devnet rejects an unknown argument with exit 64")
    func badArgument() async throws {
        let script = Self.repositoryRoot.appendingPathComponent("Tools/Devnet/devnet.sh")
        let run = try await AppRun.run(
            executable: URL(fileURLWithPath: "/bin/bash"), [script.path, "--bogus"], label: "devnet.sh",
            timeout: .seconds(30))
        #expect(run.exitCode == 64)
        #expect(run.standardError.contains("unknown argument '--bogus'"))
    }
}

/// TCP ports on 127.0.0.1 that were free a moment ago.
enum FreeLoopbackPort {
    /// A port `p` such that `p` and `p + 1` were both free (devnet serves the ledger on `p` and
    /// the controller on `p + 1`): the kernel picks `p`, and the pair is kept once `p + 1`
    /// binds too, while `p` is still held.
    static func pickPair() throws -> UInt16 {
        for _ in 0..<20 {
            let first = try Bound(port: 0)
            defer { first.close() }
            if first.port < UInt16.max, let second = try? Bound(port: first.port + 1) {
                second.close()
                return first.port
            }
        }
        throw POSIXError(.EADDRINUSE)
    }

    /// A socket bound to 127.0.0.1:`port` (0: the kernel picks), with the port it got.
    private struct Bound {
        let descriptor: Int32
        let port: UInt16

        init(port: UInt16) throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = port.bigEndian
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
                }
            }
            guard bound else {
                let code = errno
                Glibc.close(fd)
                throw POSIXError(.init(rawValue: code) ?? .EIO)
            }
            descriptor = fd
            self.port = UInt16(bigEndian: address.sin_port)
        }

        func close() { Glibc.close(descriptor) }
    }
}
