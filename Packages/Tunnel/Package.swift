// swift-tools-version: 6.1
// Tunnel: layer 1. Depends on Models only (see DESIGN.md).
import PackageDescription

let package = Package(
    name: "Tunnel",
    products: [.library(name: "Tunnel", targets: ["Tunnel"])],
    dependencies: [
        .package(path: "../Models"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        .target(
            name: "Tunnel",
            dependencies: [.product(name: "Models", package: "Models")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "TunnelTests",
            dependencies: ["Tunnel", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
    ]
)
