// swift-tools-version: 6.1
// The libFuzzer target for the BGP message decoder (`make fuzz-bgp`). A package of its own so
// that the fuzzer instrumentation (-sanitize=fuzzer) covers only the codec and what it imports,
// not the whole workspace. Build: swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
import PackageDescription

let package = Package(
    name: "Fuzz",
    dependencies: [.package(path: "../../Packages/Routing")],
    targets: [
        .executableTarget(
            name: "bgp-fuzz",
            dependencies: [.product(name: "BGPWire", package: "Routing")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        )
    ]
)
