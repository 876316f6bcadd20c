// swift-tools-version: 6.1
// Layer-check fixture (good tree): Models.
import PackageDescription

let package = Package(
    name: "Models",
    products: [.library(name: "Models", targets: ["Models"])],
    targets: [.target(name: "Models")]
)
