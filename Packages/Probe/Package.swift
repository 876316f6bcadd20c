// swift-tools-version: 6.1
// Probe: layer 1. Depends on the layer-0 packages Models and LinuxHost only (see DESIGN.md).
import PackageDescription

let package = Package(
    name: "Probe",
    products: [.library(name: "Probe", targets: ["Probe"])],
    dependencies: [
        .package(path: "../Models"),
        .package(path: "../LinuxHost"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        .target(
            name: "Probe",
            dependencies: [
                .product(name: "Models", package: "Models"), .product(name: "LinuxHost", package: "LinuxHost"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "ProbeTests",
            dependencies: [
                "Probe", .product(name: "LinuxHostTesting", package: "LinuxHost"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ]
)
