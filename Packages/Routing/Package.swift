// swift-tools-version: 6.1
// Routing: layer 2. Depends on Models and layer-1 packages only (see DESIGN.md).
import PackageDescription

let package = Package(
    name: "Routing",
    products: [.library(name: "Routing", targets: ["Routing"])],
    dependencies: [
        .package(path: "../Models"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        .target(
            name: "Routing",
            dependencies: [.product(name: "Models", package: "Models")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "RoutingTests",
            dependencies: ["Routing", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
    ]
)
