// swift-tools-version: 6.1
// The DoubleZero workspace: the apps, the cross-package tests and the tools.
//
// Each package under Packages/ is its own Swift package with its own tests. This root manifest
// depends on all of them and also compiles their test targets (by path), so `make test` builds
// every dependency once and runs every test in one `swift test`.
import PackageDescription

let swiftSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let propertyBased = Target.Dependency.product(name: "PropertyBased", package: "swift-property-based")

/// The packages under Packages/, lowest layer first.
let localPackages = ["Models", "LinuxHost", "Ledger", "Allocator", "Tunnel", "Probe", "Routing"]

/// An executable under Apps/ (the directory and the binary share the name).
///
/// `dependencies` names packages whose main product has the package's name (`"Ledger"`);
/// `products` adds other products as (product, package) pairs (`("LedgerClient", "Ledger")`);
/// `targets` adds library targets of this manifest (`"ActivatorService"`); `exclude` names files
/// in the app's directory that are not sources (`"README.md"`).
func app(
    _ name: String, _ dependencies: [String], products: [(product: String, package: String)] = [],
    targets: [String] = [], exclude: [String] = []
) -> Target {
    .executableTarget(
        name: name,
        dependencies: [argumentParser, "CommandLineSupport"]
            + dependencies.map { .product(name: $0, package: $0) }
            + products.map { .product(name: $0.product, package: $0.package) }
            + targets.map { .target(name: $0) },
        path: "Apps/\(name)",
        exclude: exclude,
        swiftSettings: swiftSettings
    )
}

/// Non-source files inside a package's test directory (read by path at run time, not resources).
let packageTestExcludes: [String: [String]] = ["Routing": ["Golden"]]

/// Other products a package's test target uses (as its own manifest says), as (product, package).
let packageTestDependencies: [String: [(product: String, package: String)]] = [
    "Tunnel": [("LinuxHostTesting", "LinuxHost")], "Probe": [("LinuxHostTesting", "LinuxHost")],
    "LinuxHost": [("LinuxHostTesting", "LinuxHost")],
]

/// A package's own test target, compiled here by path.
func packageTests(_ name: String) -> Target {
    .testTarget(
        name: "\(name)Tests",
        dependencies: [.product(name: name, package: name), propertyBased]
            + (packageTestDependencies[name] ?? []).map { .product(name: $0.product, package: $0.package) },
        path: "Packages/\(name)/Tests/\(name)Tests",
        exclude: packageTestExcludes[name] ?? [],
        swiftSettings: swiftSettings
    )
}

let package = Package(
    name: "DoubleZero",
    products: [
        .executable(name: "doublezero", targets: ["doublezero"]),
        .executable(name: "doublezerod", targets: ["doublezerod"]),
        .executable(name: "doublezero-ledger", targets: ["doublezero-ledger"]),
        .executable(name: "doublezero-activator", targets: ["doublezero-activator"]),
        .executable(name: "doublezero-controller", targets: ["doublezero-controller"]),
        .executable(name: "doublezero-monitor", targets: ["doublezero-monitor"]),
        .executable(name: "doublezero-device-agent", targets: ["doublezero-device-agent"]),
        .executable(name: "layer-check", targets: ["layer-check"]),
        .executable(name: "ledger-bench", targets: ["ledger-bench"]),
        .executable(name: "activator-bench", targets: ["activator-bench"]),
        .executable(name: "bgp-bench", targets: ["bgp-bench"]),
        .executable(name: "controller-bench", targets: ["controller-bench"]),
        .executable(name: "daemon-bench", targets: ["daemon-bench"]),
        .executable(name: "connect-bench", targets: ["connect-bench"]),
        .executable(name: "multicast-bench", targets: ["multicast-bench"]),
        .executable(name: "monitor-bench", targets: ["monitor-bench"]),
        .executable(name: "load-bench", targets: ["load-bench"]),
    ],
    dependencies: localPackages.map { .package(path: "Packages/\($0)") } + [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // Conventions every command-line app shares (--ledger, --json, "not built yet", logging).
        .target(
            name: "CommandLineSupport",
            dependencies: [
                argumentParser, .product(name: "Models", package: "Models"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Apps/CommandLineSupport",
            swiftSettings: swiftSettings
        ),
        app(
            "doublezero", ["Models", "Ledger", "Probe"],
            products: [
                ("LedgerClient", "Ledger"), ("AsyncHTTPClient", "async-http-client"), ("NIOCore", "swift-nio"),
                ("NIOHTTP1", "swift-nio"),
            ],
            targets: ["DaemonService"], exclude: ["README.md"]),
        app(
            "doublezerod", ["Models", "Ledger", "Tunnel", "Routing", "Probe"],
            products: [
                ("Logging", "swift-log"), ("ServiceLifecycle", "swift-service-lifecycle"),
                ("Hummingbird", "hummingbird"),
            ],
            targets: ["DaemonService", "PrometheusExport"]),
        // The daemon as a library (issue 15 fills it; issue 14 made it ready).
        .target(
            name: "DaemonService",
            dependencies: [
                .product(name: "Models", package: "Models"), .product(name: "Ledger", package: "Ledger"),
                .product(name: "LedgerClient", package: "Ledger"), .product(name: "Tunnel", package: "Tunnel"),
                .product(name: "Routing", package: "Routing"), .product(name: "BGP", package: "Routing"),
                .product(name: "Probe", package: "Probe"), .product(name: "LinuxHost", package: "LinuxHost"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "PIMWire", package: "Routing"), "LongPoll",
            ],
            path: "Apps/DaemonService",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        app(
            "doublezero-ledger", ["Models", "Ledger"],
            products: [("LedgerServer", "Ledger"), ("Logging", "swift-log")], targets: ["PrometheusExport"]),
        app(
            "doublezero-activator", ["Models", "Ledger", "Allocator"],
            products: [
                ("LedgerClient", "Ledger"), ("Logging", "swift-log"),
                ("ServiceLifecycle", "swift-service-lifecycle"),
            ],
            targets: ["ActivatorService"]),
        // The activator service itself, embeddable in tests and benchmarks (issue 4).
        .target(
            name: "ActivatorService",
            dependencies: [
                .product(name: "Models", package: "Models"), .product(name: "Ledger", package: "Ledger"),
                .product(name: "LedgerClient", package: "Ledger"),
                .product(name: "Allocator", package: "Allocator"), .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Apps/ActivatorService",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        app(
            "doublezero-controller", ["Models", "Ledger", "Routing"],
            products: [
                ("LedgerClient", "Ledger"), ("Logging", "swift-log"), ("ServiceLifecycle", "swift-service-lifecycle"),
                ("Hummingbird", "hummingbird"),
            ],
            targets: ["ControllerService", "PrometheusExport"],
            exclude: ["README.md"]),
        // The controller service itself: follows the ledger, keeps the config snapshot, serves it (issue 14).
        .target(
            name: "ControllerService",
            dependencies: [
                .product(name: "Models", package: "Models"), .product(name: "Ledger", package: "Ledger"),
                .product(name: "LedgerClient", package: "Ledger"), .product(name: "Routing", package: "Routing"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"), "LongPoll",
            ],
            path: "Apps/ControllerService",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        // A counter of changes that long-polls wait on (doublezerod's status, the controller's configs).
        .target(name: "LongPoll", path: "Apps/LongPoll", swiftSettings: swiftSettings),
        app(
            "doublezero-device-agent", [],
            products: [("Logging", "swift-log"), ("ServiceLifecycle", "swift-service-lifecycle")],
            targets: ["DeviceAgentService"], exclude: ["README.md"]),
        // A Linux software device as a library: FRR and the user tunnels, driven by the controller (issue 16).
        .target(
            name: "DeviceAgentService",
            dependencies: [
                .product(name: "Models", package: "Models"), .product(name: "Routing", package: "Routing"),
                .product(name: "Tunnel", package: "Tunnel"), .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            path: "Apps/DeviceAgentService",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        // An executable's Prometheus backend for swift-metrics and its GET /metrics route.
        .target(
            name: "PrometheusExport",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            path: "Apps/PrometheusExport",
            swiftSettings: swiftSettings
        ),
        app(
            "doublezero-monitor", ["Models", "Ledger"],
            products: [
                ("LedgerClient", "Ledger"), ("Logging", "swift-log"), ("ServiceLifecycle", "swift-service-lifecycle"),
                ("Hummingbird", "hummingbird"),
            ],
            targets: ["MonitorService", "PrometheusExport"], exclude: ["README.md"]),
        // The monitor as a library: invariant checks, alerts, metrics and the dashboard (issue 18).
        .target(
            name: "MonitorService",
            dependencies: [
                .product(name: "Models", package: "Models"), .product(name: "Ledger", package: "Ledger"),
                .product(name: "LedgerClient", package: "Ledger"), .product(name: "Allocator", package: "Allocator"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), "LongPoll",
            ],
            path: "Apps/MonitorService",
            exclude: ["README.md", "Schemas"],
            swiftSettings: swiftSettings
        ),

        // The layer rule of DESIGN.md, checked by `make test` before anything is built.
        .target(name: "LayerCheck", path: "Tools/LayerCheck/Sources/LayerCheck", swiftSettings: swiftSettings),
        .executableTarget(
            name: "layer-check",
            dependencies: ["LayerCheck"],
            path: "Tools/LayerCheck/Sources/layer-check",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LayerCheckTests",
            dependencies: ["LayerCheck"],
            path: "Tests/LayerCheckTests",
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        // Locates and runs the built app binaries for the end-to-end tests.
        // Also the first transaction of a fresh test ledger (tests and the activator benchmark).
        .target(
            name: "AppTestSupport",
            dependencies: [.product(name: "Models", package: "Models"), .product(name: "Ledger", package: "Ledger")],
            path: "Tests/AppTestSupport",
            swiftSettings: swiftSettings
        ),
        // A DoubleZero device played by FRR in a network namespace, with the device ends of its
        // user tunnels (userspace GRE), for the live tests, the daemon end-to-end tests and the devnet.
        .target(
            name: "DeviceTestSupport",
            dependencies: [
                "AppTestSupport", .product(name: "Models", package: "Models"),
                .product(name: "LinuxHost", package: "LinuxHost"),
                .product(name: "LinuxHostTesting", package: "LinuxHost"),
                .product(name: "Tunnel", package: "Tunnel"), .product(name: "Routing", package: "Routing"),
            ],
            path: "Tests/DeviceTestSupport",
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        // The FRR device fixture against our BGP speaker over userspace GRE, in namespaces (root, frr).
        .testTarget(
            name: "DeviceFixtureTests",
            dependencies: [
                "AppTestSupport", "DeviceTestSupport", .product(name: "Models", package: "Models"),
                .product(name: "LinuxHost", package: "LinuxHost"),
                .product(name: "LinuxHostTesting", package: "LinuxHost"),
                .product(name: "Tunnel", package: "Tunnel"), .product(name: "Routing", package: "Routing"),
                .product(name: "BGP", package: "Routing"), .product(name: "BGPWire", package: "Routing"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/DeviceFixtureTests",
            swiftSettings: swiftSettings
        ),
        // Runs the built apps as a user would (--help, exit codes; a served ledger through the client).
        .testTarget(
            name: "AppTests",
            dependencies: [
                "AppTestSupport", .product(name: "Models", package: "Models"),
                .product(name: "Ledger", package: "Ledger"), .product(name: "LedgerClient", package: "Ledger"),
            ],
            path: "Tests/AppTests",
            swiftSettings: swiftSettings
        ),
        // The activator service against an embedded ledger (issue 4).
        .testTarget(
            name: "ActivatorTests",
            dependencies: [
                "ActivatorService", "AppTestSupport", .product(name: "Models", package: "Models"),
                .product(name: "Ledger", package: "Ledger"), .product(name: "LedgerClient", package: "Ledger"),
                .product(name: "LedgerTestSupport", package: "Ledger"),
                .product(name: "Allocator", package: "Allocator"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/ActivatorTests",
            swiftSettings: swiftSettings
        ),
        // The `doublezero` CLI run against real ledgers, and its settings (CommandLineSupport) unit-tested.
        .testTarget(
            name: "CLITests",
            dependencies: [
                "AppTestSupport", "CommandLineSupport", propertyBased, .product(name: "Models", package: "Models"),
            ],
            path: "Tests/CLITests",
            swiftSettings: swiftSettings
        ),
        // The CLI's daemon verbs (connect, disconnect, status, latency, routes, enable, disable): the
        // built `doublezero` against an in-process doublezerod API on a temporary socket, a fake
        // backend and a ledger file with the activator running.
        .testTarget(
            name: "CLIDaemonTests",
            dependencies: [
                "AppTestSupport", "DaemonService", "DaemonTestSupport", "ActivatorService",
                .product(name: "Models", package: "Models"), .product(name: "Ledger", package: "Ledger"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/CLIDaemonTests",
            swiftSettings: swiftSettings
        ),
        // The ledger's HTTP server and client, tested over real loopback TCP.
        .testTarget(
            name: "LedgerServerTests",
            dependencies: [
                .product(name: "Models", package: "Models"), .product(name: "Ledger", package: "Ledger"),
                .product(name: "LedgerServer", package: "Ledger"), .product(name: "LedgerClient", package: "Ledger"),
                .product(name: "LedgerWireFormat", package: "Ledger"),
                .product(name: "LedgerTestSupport", package: "Ledger"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Packages/Ledger/Tests/LedgerServerTests",
            swiftSettings: swiftSettings
        ),

        // Benchmarks (`make bench-NAME`), built in release mode.
        // What the benchmarks share: `--flag N` options, the failure and its exit, the median.
        .target(name: "BenchmarkSupport", path: "Tools/BenchmarkSupport", swiftSettings: swiftSettings),
        .executableTarget(
            name: "ledger-bench",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Models", package: "Models"), .product(name: "Ledger", package: "Ledger"),
                .product(name: "LedgerServer", package: "Ledger"), .product(name: "LedgerClient", package: "Ledger"),
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tools/LedgerBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "activator-bench",
            dependencies: [
                "ActivatorService", "AppTestSupport", "BenchmarkSupport", .product(name: "Models", package: "Models"),
                .product(name: "Ledger", package: "Ledger"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tools/ActivatorBenchmark",
            swiftSettings: swiftSettings
        ),
        // The controller app (render, serve) against a served ledger (issue 5).
        .testTarget(
            name: "ControllerTests",
            dependencies: [
                "ActivatorService", "AppTestSupport", "ControllerService", "NetworkTestSupport",
                .product(name: "Models", package: "Models"),
                .product(name: "Ledger", package: "Ledger"), .product(name: "LedgerServer", package: "Ledger"),
                .product(name: "Routing", package: "Routing"), .product(name: "LedgerTestSupport", package: "Ledger"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            path: "Tests/ControllerTests",
            swiftSettings: swiftSettings
        ),
        // A served ledger with an activator and a two-device network, in-process (controller and monitor tests).
        .target(
            name: "NetworkTestSupport",
            dependencies: [
                "ActivatorService", "AppTestSupport", .product(name: "Models", package: "Models"),
                .product(name: "Ledger", package: "Ledger"), .product(name: "LedgerServer", package: "Ledger"),
                .product(name: "LedgerTestSupport", package: "Ledger"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/NetworkTestSupport",
            swiftSettings: swiftSettings
        ),
        // The monitor: its checks against crafted states and a live ledger, alerts, metrics, the
        // dashboard and its JSON schemas, in-process (issue 18).
        .testTarget(
            name: "MonitorTests",
            dependencies: [
                "MonitorService", "NetworkTestSupport", "AppTestSupport", "ControllerService", "PrometheusExport",
                .product(name: "Models", package: "Models"), .product(name: "Ledger", package: "Ledger"),
                .product(name: "LedgerClient", package: "Ledger"), .product(name: "Allocator", package: "Allocator"),
                .product(name: "Routing", package: "Routing"), .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"), propertyBased,
            ],
            path: "Tests/MonitorTests",
            swiftSettings: swiftSettings
        ),
        // The fake doublezerod backend the daemon API tests and the CLI's daemon-verb tests share.
        .target(
            name: "DaemonTestSupport",
            dependencies: ["DaemonService", "LongPoll", .product(name: "Models", package: "Models")],
            path: "Tests/DaemonTestSupport",
            swiftSettings: swiftSettings
        ),
        // doublezerod's local API and state file, in-process with a fake backend, and the binary (issue 15).
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "AppTestSupport", "DaemonService", "DaemonTestSupport", "LongPoll",
                .product(name: "Models", package: "Models"),
                .product(name: "BGP", package: "Routing"), .product(name: "BGPWire", package: "Routing"),
                .product(name: "Tunnel", package: "Tunnel"), .product(name: "LinuxHost", package: "LinuxHost"),
                .product(name: "LinuxHostTesting", package: "LinuxHost"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            path: "Tests/DaemonTests",
            swiftSettings: swiftSettings
        ),
        // doublezerod end to end in network namespaces (root): the binary against a ledger file.
        .testTarget(
            name: "DaemonHostTests",
            dependencies: [
                "AppTestSupport", "ActivatorService", "DaemonService", "DeviceAgentService", "DeviceTestSupport",
                .product(name: "Models", package: "Models"), .product(name: "Routing", package: "Routing"),
                .product(name: "Ledger", package: "Ledger"), .product(name: "LedgerTestSupport", package: "Ledger"),
                .product(name: "LinuxHostTesting", package: "LinuxHost"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/DaemonHostTests",
            swiftSettings: swiftSettings
        ),
        // `make bench-connect`: connect to first ping through the tunnel, activation to device apply (issue 16).
        .executableTarget(
            name: "connect-bench",
            dependencies: ["BenchmarkSupport"],
            path: "Tools/ConnectBenchmark",
            swiftSettings: swiftSettings
        ),
        // The device agent's pure parts (the live agent is tested in DaemonHostTests and DevnetTests).
        .testTarget(
            name: "DeviceAgentTests",
            dependencies: ["DeviceAgentService", .product(name: "Models", package: "Models")],
            path: "Tests/DeviceAgentTests",
            swiftSettings: swiftSettings
        ),
        // `make bench-multicast`: a subscriber's join to its first packet, loss at 10,000 packets/s (issue 17).
        .executableTarget(
            name: "multicast-bench",
            dependencies: ["BenchmarkSupport"],
            path: "Tools/MulticastBenchmark",
            swiftSettings: swiftSettings
        ),
        // `make devnet`'s network end to end: Tools/Devnet/devnet.sh in namespaces (root, frr; issue 16).
        .testTarget(
            name: "DevnetTests",
            dependencies: ["AppTestSupport"],
            path: "Tests/DevnetTests",
            swiftSettings: swiftSettings
        ),
        // `make bench-load`: 200 concurrent clients submitting signed transactions for 60 s (issue 19).
        .executableTarget(
            name: "load-bench",
            dependencies: [
                "BenchmarkSupport", .product(name: "Models", package: "Models"),
                .product(name: "Ledger", package: "Ledger"), .product(name: "LedgerServer", package: "Ledger"),
                .product(name: "LedgerWireFormat", package: "Ledger"), .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tools/LoadBenchmark",
            swiftSettings: swiftSettings
        ),
        // The in-memory network controller-bench and monitor-bench measure.
        .target(
            name: "BenchmarkNetwork",
            dependencies: [.product(name: "Models", package: "Models"), .product(name: "Routing", package: "Routing")],
            path: "Tools/BenchmarkNetwork",
            swiftSettings: swiftSettings
        ),
        // `make bench-monitor`: every check on a 100-device, 10,000-user ledger; the devices page (issue 18).
        .executableTarget(
            name: "monitor-bench",
            dependencies: [
                "BenchmarkSupport", "BenchmarkNetwork", "MonitorService", .product(name: "Models", package: "Models"),
                .product(name: "Ledger", package: "Ledger"), .product(name: "LedgerClient", package: "Ledger"),
            ],
            path: "Tools/MonitorBenchmark",
            swiftSettings: swiftSettings
        ),
        // `make bench-controller`: renders every device of a 100-device network (issue 5).
        .executableTarget(
            name: "controller-bench",
            dependencies: [
                "BenchmarkSupport", "BenchmarkNetwork", .product(name: "Models", package: "Models"),
                .product(name: "Routing", package: "Routing"),
            ],
            path: "Tools/ControllerBenchmark",
            swiftSettings: swiftSettings
        ),
        // `make bench-probe`: ICMP prober CPU cost and RTT agreement with ping, in namespaces (issue 7).
        .executableTarget(
            name: "probe-bench",
            dependencies: [
                "BenchmarkSupport",
                argumentParser, .product(name: "Models", package: "Models"), .product(name: "Probe", package: "Probe"),
                .product(name: "LinuxHost", package: "LinuxHost"),
                .product(name: "LinuxHostTesting", package: "LinuxHost"),
            ],
            path: "Tools/ProbeBenchmark",
            swiftSettings: swiftSettings
        ),
        // The BGP speaker's own tests (issue 8): codec, properties, and live sessions against BIRD 2.
        .testTarget(
            name: "BGPTests",
            dependencies: [
                .product(name: "BGP", package: "Routing"), .product(name: "BGPWire", package: "Routing"),
                .product(name: "Routing", package: "Routing"), .product(name: "Models", package: "Models"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), propertyBased,
            ],
            path: "Packages/Routing/Tests/BGPTests",
            swiftSettings: swiftSettings
        ),
        // The PIM codec's own tests: golden bytes, checksums, malformed input, properties, and tshark's reading.
        .testTarget(
            name: "PIMWireTests",
            dependencies: [
                .product(name: "PIMWire", package: "Routing"), .product(name: "Models", package: "Models"),
                propertyBased,
            ],
            path: "Packages/Routing/Tests/PIMWireTests",
            swiftSettings: swiftSettings
        ),
        // `make bench-bgp`: 100,000 prefixes from BIRD into our speaker and into BIRD (issue 8).
        .executableTarget(
            name: "bgp-bench",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "BGP", package: "Routing"), .product(name: "BGPWire", package: "Routing"),
                .product(name: "Models", package: "Models"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tools/BGPBenchmark",
            swiftSettings: swiftSettings
        ),
        // `make bench-daemon`: the daemon's measurements in namespaces: the reconcile latency, 100,000
        // BGP routes from BIRD into the kernel through BGPRouteInstaller vs `ip -batch`, the memory.
        .executableTarget(
            name: "daemon-bench",
            dependencies: [
                "ActivatorService", "AppTestSupport", "BenchmarkSupport", "DaemonService",
                .product(name: "Ledger", package: "Ledger"), .product(name: "Logging", package: "swift-log"),
                .product(name: "BGP", package: "Routing"),
                .product(name: "Models", package: "Models"), .product(name: "Tunnel", package: "Tunnel"),
                .product(name: "LinuxHost", package: "LinuxHost"),
                .product(name: "LinuxHostTesting", package: "LinuxHost"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tools/DaemonBenchmark",
            swiftSettings: swiftSettings
        ),
        // `make bench-tunnel`: provisioning through our netlink vs `ip`, userspace GRE vs veth (issue 6).
        .executableTarget(
            name: "tunnel-bench",
            dependencies: [
                "BenchmarkSupport", .product(name: "Models", package: "Models"),
                .product(name: "Tunnel", package: "Tunnel"), .product(name: "LinuxHost", package: "LinuxHost"),
                .product(name: "LinuxHostTesting", package: "LinuxHost"),
            ],
            path: "Tools/TunnelBenchmark",
            swiftSettings: swiftSettings
        ),
    ] + localPackages.map(packageTests)
)
