// swift-tools-version: 6.1
// Layer-check fixture (good tree): Tunnel.
import PackageDescription

let package = Package(
    name: "Tunnel",
    products: [.library(name: "Tunnel", targets: ["Tunnel"])],
    dependencies: [
        .package(path: "../Models"),
        .package(path: "../LinuxHost"),
    ],
    targets: [
        .target(
            name: "Tunnel",
            dependencies: [
                .product(name: "Models", package: "Models"),
                .product(name: "LinuxHost", package: "LinuxHost"),
            ]
        )
    ]
)
