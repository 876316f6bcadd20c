// swift-tools-version: 6.1
// Layer-check fixture (good tree): Tunnel.
import PackageDescription

let package = Package(
    name: "Tunnel",
    products: [.library(name: "Tunnel", targets: ["Tunnel"])],
    dependencies: [
        .package(path: "../Models")
    ],
    targets: [
        .target(
            name: "Tunnel",
            dependencies: [
                .product(name: "Models", package: "Models")
            ]
        )
    ]
)
