import DaemonService
import DaemonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Models

/// The daemon's API in-process (HummingbirdTesting's router client) over a ``FakeDaemonBackend``,
/// with `state.json` in a fresh temporary directory removed at the end.
struct APIHarness: Sendable {
    /// The writer rule of every harness: daemon uid 999, group `doublezero` = gid 4242.
    static let writeAccess = WriteAccessRule(daemonUserID: 999, groupName: "doublezero", groupID: 4242)
    /// A root caller.
    static let root = PeerCredentials(processID: 10, userID: 0, groupID: 0)
    /// A caller in the `doublezero` group through its supplementary groups.
    static let member = PeerCredentials(processID: 11, userID: 1000, groupID: 1000, supplementaryGroupIDs: [27, 4242])
    /// A caller in no writer group.
    static let outsider = PeerCredentials(processID: 12, userID: 1001, groupID: 1001, supplementaryGroupIDs: [27])

    let backend: FakeDaemonBackend
    let stateFile: DaemonStateFile
    let state: DaemonStateStore
    let client: any TestClientProtocol

    /// An answer: status, headers and body text.
    struct Reply: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String

        /// The body parsed as JSON.
        func json() throws -> JSONValue { try JSONValue(parsing: body) }
    }

    /// Runs `body` against a fresh API: `caller` is who every request comes from; `configure`
    /// adjusts the configuration; `prepare` runs on the state directory before the state is loaded.
    static func run(
        caller: PeerCredentials? = root, configure: (inout DaemonConfiguration) -> Void = { _ in },
        prepare: (URL) throws -> Void = { _ in }, _ body: @Sendable (APIHarness) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("DaemonTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try prepare(directory)
        var configuration = DaemonConfiguration(
            ledger: "http://127.0.0.1:8899", socketPath: directory.appendingPathComponent("api.sock").path,
            clientIP: "203.0.113.10", stateDirectory: directory.path, network: "localnet", programID: "ledger-id")
        configure(&configuration)
        let backend = FakeDaemonBackend()
        let stateFile = DaemonStateFile(directory: directory.path)
        let state = try DaemonStateStore(file: stateFile, backend: backend)
        var logger = Logger(label: "test.daemon.api")
        logger.logLevel = .critical
        let api = DaemonAPI(
            backend: backend, state: state, configuration: configuration, writeAccess: writeAccess,
            peerCredentials: { _ in caller }, logger: logger)
        let application = Application(router: api.makeRouter(), logger: logger)
        try await application.test(.router) { client in
            try await body(APIHarness(backend: backend, stateFile: stateFile, state: state, client: client))
        }
    }

    /// Sends `method path` with `body` (raw text, when given).
    func call(_ method: HTTPRequest.Method, _ path: String, body: String? = nil) async throws -> Reply {
        try await client.execute(
            uri: path, method: method, headers: body == nil ? [:] : [.contentType: "application/json"],
            body: body.map { ByteBuffer(string: $0) }
        ) { response in
            Reply(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
    }

    /// `GET path`.
    func get(_ path: String) async throws -> Reply { try await call(.get, path) }

    /// `POST path` with `body`.
    func post(_ path: String, _ body: String? = nil) async throws -> Reply { try await call(.post, path, body: body) }
}

extension ServiceRequest {
    /// An IBRL service as the reconciler would provision it for client 203.0.113.10 on device 198.51.100.7.
    static let ibrl = ServiceRequest(
        userType: .ibrl, tunnelSource: "203.0.113.10", tunnelDestination: "198.51.100.7", tunnelNet: "169.254.0.0/31",
        doubleZeroIP: "203.0.113.10", localASN: 65000, remoteASN: 21682)

    /// A multicast subscriber to 233.84.178.1.
    static let subscriber = ServiceRequest(
        userType: .multicast, tunnelSource: "203.0.113.10", tunnelDestination: "198.51.100.8",
        tunnelNet: "169.254.0.2/31", doubleZeroIP: nil, subscriberGroups: ["233.84.178.1"])
}
