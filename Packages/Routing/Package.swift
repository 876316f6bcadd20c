// swift-tools-version: 6.1
// Routing: layer 2. Depends on Models and layer-1 packages only (see DESIGN.md).
//
// Targets: `Routing` (communities, route policy, device config rendering; no networking),
// `BGPWire` (the BGP-4 message codec; no networking, fuzzable on its own), `BGP` (the BGP
// speaker on SwiftNIO: session state machine, reconnects, route events, desired kernel routes) and
// `PIMWire` (the PIM version 2 Hello, Join/Prune and Register codec; no networking).
import PackageDescription

let swiftSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "Routing",
    products: [
        .library(name: "Routing", targets: ["Routing"]),
        .library(name: "BGPWire", targets: ["BGPWire"]),
        .library(name: "BGP", targets: ["BGP"]),
        .library(name: "PIMWire", targets: ["PIMWire"]),
    ],
    dependencies: [
        .package(path: "../Models"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
    ],
    targets: [
        .target(
            name: "Routing",
            dependencies: [.product(name: "Models", package: "Models")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BGPWire",
            dependencies: ["Routing", .product(name: "Models", package: "Models")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BGP",
            dependencies: [
                "BGPWire", "Routing", .product(name: "Models", package: "Models"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PIMWire",
            dependencies: [.product(name: "Models", package: "Models")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RoutingTests",
            dependencies: ["Routing", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Golden"]  // golden configs, read by path at run time
        ),
        .testTarget(
            name: "BGPTests",
            dependencies: [
                "BGP", "BGPWire", "Routing", .product(name: "Models", package: "Models"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PIMWireTests",
            dependencies: [
                "PIMWire", .product(name: "Models", package: "Models"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
