// swift-tools-version: 6.1
// Allocator: layer 1. Depends on Models only (see DESIGN.md).
import PackageDescription

let package = Package(
    name: "Allocator",
    products: [.library(name: "Allocator", targets: ["Allocator"])],
    dependencies: [
        .package(path: "../Models"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        .target(
            name: "Allocator",
            dependencies: [.product(name: "Models", package: "Models")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "AllocatorTests",
            dependencies: ["Allocator", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
    ]
)
