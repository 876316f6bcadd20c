// swift-tools-version: 6.1
// Layer-check fixture (bad tree): Tunnel.
import PackageDescription

let package = Package(
    name: "Tunnel",
    products: [.library(name: "Tunnel", targets: ["Tunnel"])],
    dependencies: [
        .package(path: "../Models"),
        .package(path: "../Routing"),
    ],
    targets: [
        .target(
            name: "Tunnel",
            dependencies: [
                .product(name: "Models", package: "Models"),
                .product(name: "Routing", package: "Routing"),
            ]
        )
    ]
)
