// swift-tools-version: 6.1
// LinuxHost: layer 0. The host and kernel primitives the I/O packages share (network namespaces,
// dedicated threads) and the C shim they need. Depends on no package of ours (see README.md).
import PackageDescription

let package = Package(
    name: "LinuxHost",
    products: [
        .library(name: "LinuxHost", targets: ["LinuxHost"]),
        // For live tests and benchmarks: namespaces made with `ip netns add` and always deleted.
        .library(name: "LinuxHostTesting", targets: ["LinuxHostTesting"]),
    ],
    targets: [
        // setns(2) and pthread_setname_np(3), which glibc declares only under _GNU_SOURCE.
        .target(name: "CLinuxHost"),
        .target(
            name: "LinuxHost",
            dependencies: ["CLinuxHost"],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .target(
            name: "LinuxHostTesting",
            dependencies: ["LinuxHost"],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "LinuxHostTests",
            dependencies: ["LinuxHost", "LinuxHostTesting"],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ]
)
