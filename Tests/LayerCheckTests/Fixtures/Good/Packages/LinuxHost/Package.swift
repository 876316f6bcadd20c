// swift-tools-version: 6.1
// Layer-check fixture (good tree): LinuxHost.
import PackageDescription

let package = Package(
    name: "LinuxHost",
    products: [.library(name: "LinuxHost", targets: ["LinuxHost"])],
    targets: [.target(name: "LinuxHost")]
)
