// swift-tools-version: 6.1
// Layer-check fixture (bad tree): Routing.
import PackageDescription

let package = Package(
    name: "Routing",
    products: [.library(name: "Routing", targets: ["Routing"])],
    dependencies: [
        .package(path: "../Models"),
        .package(path: "../Ledger"),
        .package(path: "../Tunnel"),
    ],
    targets: [
        .target(
            name: "Routing",
            dependencies: [
                .product(name: "Models", package: "Models"),
                .product(name: "Ledger", package: "Ledger"),
                .product(name: "Tunnel", package: "Tunnel"),
            ]
        )
    ]
)
