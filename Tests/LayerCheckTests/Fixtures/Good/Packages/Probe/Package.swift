// swift-tools-version: 6.1
// Layer-check fixture (good tree): Probe.
import PackageDescription

let package = Package(
    name: "Probe",
    products: [.library(name: "Probe", targets: ["Probe"])],
    dependencies: [
        .package(path: "../Models")
    ],
    targets: [
        .target(
            name: "Probe",
            dependencies: [
                .product(name: "Models", package: "Models")
            ]
        )
    ]
)
