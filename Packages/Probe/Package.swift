// swift-tools-version: 6.1
// Probe: layer 1. Depends on Models only (see DESIGN.md).
import PackageDescription

let package = Package(
    name: "Probe",
    products: [.library(name: "Probe", targets: ["Probe"])],
    dependencies: [
        .package(path: "../Models"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        .target(
            name: "Probe",
            dependencies: [.product(name: "Models", package: "Models")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "ProbeTests",
            dependencies: ["Probe", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
    ]
)
