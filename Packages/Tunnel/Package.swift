// swift-tools-version: 6.1
// Tunnel: layer 1. Depends on the layer-0 packages Models and LinuxHost (see DESIGN.md), and on
// the system's libmnl.
import PackageDescription

let package = Package(
    name: "Tunnel",
    products: [.library(name: "Tunnel", targets: ["Tunnel"])],
    dependencies: [
        .package(path: "../Models"),
        .package(path: "../LinuxHost"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        // libmnl (Debian libmnl-dev) and the kernel's rtnetlink, GRE, fib-rule and TUN headers.
        .systemLibrary(name: "CMnl", pkgConfig: "libmnl", providers: [.apt(["libmnl-dev"])]),
        .target(
            name: "Tunnel",
            dependencies: [
                "CMnl", .product(name: "Models", package: "Models"),
                .product(name: "LinuxHost", package: "LinuxHost"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "TunnelTests",
            dependencies: [
                "Tunnel", .product(name: "LinuxHostTesting", package: "LinuxHost"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ]
)
