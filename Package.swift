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
let localPackages = ["Models", "Ledger", "Allocator", "Tunnel", "Probe", "Routing"]

/// An executable under Apps/ (the directory and the binary share the name).
func app(_ name: String, _ dependencies: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [argumentParser, "CommandLineSupport"]
            + dependencies.map { .product(name: $0, package: $0) },
        path: "Apps/\(name)",
        swiftSettings: swiftSettings
    )
}

/// A package's own test target, compiled here by path.
func packageTests(_ name: String) -> Target {
    .testTarget(
        name: "\(name)Tests",
        dependencies: [.product(name: name, package: name), propertyBased],
        path: "Packages/\(name)/Tests/\(name)Tests",
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
        .executable(name: "layer-check", targets: ["layer-check"]),
    ],
    dependencies: localPackages.map { .package(path: "Packages/\($0)") } + [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        // Conventions every command-line app shares (--ledger, --json, "not built yet").
        .target(
            name: "CommandLineSupport",
            dependencies: [argumentParser, .product(name: "Models", package: "Models")],
            path: "Apps/CommandLineSupport",
            swiftSettings: swiftSettings
        ),
        app("doublezero", ["Models", "Ledger", "Probe"]),
        app("doublezerod", ["Models", "Ledger", "Tunnel", "Routing", "Probe"]),
        app("doublezero-ledger", ["Models", "Ledger"]),
        app("doublezero-activator", ["Models", "Ledger", "Allocator"]),
        app("doublezero-controller", ["Models", "Ledger", "Routing"]),
        app("doublezero-monitor", ["Models", "Ledger", "Probe", "Routing"]),

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
        // Runs the built apps as a user would (--help, exit codes).
        .testTarget(
            name: "AppTests",
            dependencies: [.product(name: "Models", package: "Models")],
            path: "Tests/AppTests",
            swiftSettings: swiftSettings
        ),
    ] + localPackages.map(packageTests)
)
