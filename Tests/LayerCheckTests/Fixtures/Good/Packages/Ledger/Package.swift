// swift-tools-version: 6.1
// Layer-check fixture (good tree): Ledger.
import PackageDescription

let package = Package(
    name: "Ledger",
    products: [.library(name: "Ledger", targets: ["Ledger"])],
    dependencies: [
        .package(path: "../Models")
    ],
    targets: [
        .target(
            name: "Ledger",
            dependencies: [
                .product(name: "Models", package: "Models")
            ]
        )
    ]
)
