// swift-tools-version: 6.1
// Layer-check fixture (good tree): Allocator.
import PackageDescription

let package = Package(
    name: "Allocator",
    products: [.library(name: "Allocator", targets: ["Allocator"])],
    dependencies: [
        .package(path: "../Models")
    ],
    targets: [
        .target(
            name: "Allocator",
            dependencies: [
                .product(name: "Models", package: "Models")
            ]
        )
    ]
)
