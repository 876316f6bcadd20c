import CLinuxHost
import LinuxHost
import NIOPosix

/// A one-thread event loop group whose thread entered a client namespace before it ran anything,
/// so every socket a `BGPSpeaker` makes on it belongs to that namespace (sockets keep the
/// namespace they were made in). The group and its thread are ours, so moving the thread is
/// allowed by LinuxHost's thread-pinning rule.
enum ClientEventLoop {
    /// The group, or an error naming the namespace it could not enter.
    static func group(in namespace: NetworkNamespace) async throws -> MultiThreadedEventLoopGroup {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let result = try await group.next().submit { () -> Int32 in
            clinuxhost_enter_network_namespace(namespace.fileDescriptor) == 0 ? 0 : errno
        }.get()
        guard result == 0 else {
            try? await group.shutdownGracefully()
            throw NamespaceError.cannotEnter(path: namespace.path, errno: result)
        }
        return group
    }
}
