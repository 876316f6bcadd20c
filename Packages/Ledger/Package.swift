// swift-tools-version: 6.1
// Ledger: layer 1. Depends on Models only among our packages (see DESIGN.md).
//
// Targets: `Ledger` (keys, transactions, the program, the SQLite store and the ledger service),
// `LedgerServer` (HTTP API on Hummingbird), `LedgerClient` (one client for an embedded ledger
// file or a remote server) and `LedgerWireFormat` (paths and body shapes both of those share).
import PackageDescription

let swiftSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "Ledger",
    products: [
        .library(name: "Ledger", targets: ["Ledger"]),
        .library(name: "LedgerServer", targets: ["LedgerServer"]),
        .library(name: "LedgerClient", targets: ["LedgerClient"]),
        // The URL paths and JSON bodies the server and client share (for tests and tools).
        .library(name: "LedgerWireFormat", targets: ["LedgerWireFormat"]),
        // Test doubles and fixtures for code that uses a ledger: an in-memory ledger, a refusing
        // wrapper, a transaction factory and a log collector (like NIOTestUtils, its own product).
        .library(name: "LedgerTestSupport", targets: ["LedgerTestSupport"]),
    ],
    dependencies: [
        .package(path: "../Models"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "Ledger",
            dependencies: [
                .product(name: "Models", package: "Models"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // What server and client agree on: paths, the error body, list and heartbeat shapes.
        .target(
            name: "LedgerWireFormat",
            dependencies: ["Ledger", .product(name: "Models", package: "Models")],
            swiftSettings: swiftSettings
        ),
        // The HTTP API: serves any LedgerAPI (the embedded ledger file, in `doublezero-ledger serve`).
        .target(
            name: "LedgerServer",
            dependencies: [
                "Ledger", "LedgerWireFormat",
                .product(name: "Models", package: "Models"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // One LedgerAPI for every tool: a remote server over HTTP, or the embedded file.
        .target(
            name: "LedgerClient",
            dependencies: [
                "Ledger", "LedgerWireFormat",
                .product(name: "Models", package: "Models"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LedgerTestSupport",
            dependencies: ["Ledger", .product(name: "Models", package: "Models")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LedgerServerTests",
            dependencies: [
                "Ledger", "LedgerServer", "LedgerClient", "LedgerWireFormat", "LedgerTestSupport",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Models", package: "Models"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LedgerTests",
            dependencies: ["Ledger", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: swiftSettings
        ),
    ]
)
