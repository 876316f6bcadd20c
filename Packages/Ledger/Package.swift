// swift-tools-version: 6.1
// Ledger: layer 1. Depends on Models only (see DESIGN.md).
import PackageDescription

let package = Package(
    name: "Ledger",
    products: [.library(name: "Ledger", targets: ["Ledger"])],
    dependencies: [
        .package(path: "../Models"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        .target(
            name: "Ledger",
            dependencies: [.product(name: "Models", package: "Models")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "LedgerTests",
            dependencies: ["Ledger", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
    ]
)
