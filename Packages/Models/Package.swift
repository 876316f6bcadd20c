// swift-tools-version: 6.1
// Models: the value types every other package shares. Layer 0: depends on nothing of ours.
import PackageDescription

let package = Package(
    name: "Models",
    products: [.library(name: "Models", targets: ["Models"])],
    dependencies: [
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0")
    ],
    targets: [
        .target(name: "Models", swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
        .testTarget(
            name: "ModelsTests",
            dependencies: ["Models", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
    ]
)
