// swift-tools-version: 6.1
// Ledger: layer 1. Depends on Models only among our packages (see DESIGN.md).
//
// Targets: `Ledger` (keys, transactions, the program, the SQLite store and the ledger service),
// `LedgerServer` (HTTP API on Hummingbird) and `LedgerClient` (one client for an embedded
// ledger file or a remote server).
import PackageDescription

let swiftSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "Ledger",
    products: [
        .library(name: "Ledger", targets: ["Ledger"]),
    ],
    dependencies: [
        .package(path: "../Models"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        .target(
            name: "Ledger",
            dependencies: [
                .product(name: "Models", package: "Models"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LedgerTests",
            dependencies: ["Ledger", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: swiftSettings
        ),
    ]
)
