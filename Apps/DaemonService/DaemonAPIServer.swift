import Hummingbird
import Logging
import ServiceLifecycle

/// The local API served on its Unix socket, as a swift-service-lifecycle `Service`: prepares the
/// socket's directory, serves ``DaemonAPI`` over HTTP/1.1 until graceful shutdown, and removes
/// the socket when it stops.
public struct DaemonAPIServer: Service {
    /// The API served.
    public let api: DaemonAPI
    /// Where it listens.
    public let socketPath: String
    private let logger: Logger
    private let onListening: @Sendable (String) async -> Void

    /// A server of `api` on the Unix socket at `socketPath`; `onListening` runs once it accepts connections.
    public init(
        api: DaemonAPI, socketPath: String, logger: Logger = Logger(label: "doublezero.daemon.api"),
        onListening: @escaping @Sendable (String) async -> Void = { _ in }
    ) {
        self.api = api
        self.socketPath = socketPath
        self.logger = logger
        self.onListening = onListening
    }

    /// Serves until graceful shutdown (or cancellation), then removes the socket.
    public func run() async throws {
        let socket = APISocketFile(path: socketPath)
        try socket.prepare()
        let logger = self.logger
        let path = socketPath
        let onListening = self.onListening
        let application = Application(
            router: api.makeRouter(),
            configuration: ApplicationConfiguration(address: .unixDomainSocket(path: socketPath), serverName: nil),
            onServerRunning: { _ in
                if let failure = socket.openToEveryone() {
                    logger.error("API socket not opened to every user", metadata: ["error": "\(failure)"])
                }
                logger.info("API listening", metadata: ["daemon.api.socket": "\(path)"])
                await onListening(path)
            },
            logger: logger)
        defer { socket.removeIfOurs() }
        try await application.run()
    }
}
