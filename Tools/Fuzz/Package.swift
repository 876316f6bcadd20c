// swift-tools-version: 6.1
// The libFuzzer targets (`make fuzz`, `make fuzz-NAME`): one executable `NAME-fuzz` per parser, each
// with seeds in seeds/NAME (written by `fuzz-seeds`, `make fuzz-seeds`). A package of its own so
// that the instrumentation covers only the packages the fuzzers import, not the whole workspace.
// Build (README.md): swift build -c release -Xswiftc -sanitize=fuzzer,address
//   -Xswiftc -parse-as-library -Xswiftc -enable-testing
import PackageDescription

let swiftSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

/// The fuzz target `NAME-fuzz` in Sources/NAME-fuzz, with the shared driver and input reader.
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(
        name: "\(name)-fuzz", dependencies: ["FuzzSupport"] + dependencies, swiftSettings: swiftSettings)
}

let models = Target.Dependency.product(name: "Models", package: "Models")

let package = Package(
    name: "Fuzz",
    dependencies: [
        .package(path: "../../Packages/Models"),
        .package(path: "../../Packages/Ledger"),
        .package(path: "../../Packages/Tunnel"),
        .package(path: "../../Packages/Probe"),
        .package(path: "../../Packages/Routing"),
    ],
    targets: [
        // libFuzzer's driver and the reader that turns fuzz bytes into choices.
        .target(name: "FuzzSupport", swiftSettings: swiftSettings),
        fuzzTarget("transaction", [models, .product(name: "Ledger", package: "Ledger")]),
        // doublezerod's request bodies are compiled from Apps/DaemonService by symbolic links
        // (Sources/json-bodies-fuzz/DaemonService): the app's library is not a package product.
        fuzzTarget("json-bodies", [models, .product(name: "Ledger", package: "Ledger")]),
        fuzzTarget("netlink", [models, .product(name: "Tunnel", package: "Tunnel")]),
        fuzzTarget("gre", [models, .product(name: "Tunnel", package: "Tunnel")]),
        fuzzTarget("probe", [models, .product(name: "Probe", package: "Probe")]),
        fuzzTarget("pim", [models, .product(name: "PIMWire", package: "Routing")]),
        fuzzTarget("bgp", [.product(name: "BGPWire", package: "Routing")]),
        fuzzTarget("render", [models, .product(name: "Routing", package: "Routing")]),
        // Writes every target's seeds with the project's own encoders (`make fuzz-seeds`).
        .executableTarget(
            name: "fuzz-seeds",
            dependencies: [
                "FuzzSupport", models, .product(name: "Ledger", package: "Ledger"),
                .product(name: "Tunnel", package: "Tunnel"),
                .product(name: "Probe", package: "Probe"), .product(name: "PIMWire", package: "Routing"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
