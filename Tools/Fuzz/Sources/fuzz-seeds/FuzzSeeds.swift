import Foundation

/// `fuzz-seeds DIR` (`make fuzz-seeds`): writes every fuzz target's seed corpus into DIR/NAME/,
/// one file per seed, with the project's own encoders where it has them. The output is
/// deterministic (fixed keys, nonces and times; Ed25519 signatures are deterministic), so a
/// second run rewrites the committed seeds byte for byte.
@main
struct FuzzSeeds {
    /// Every target's seeds: target name, then (file name, bytes).
    static let corpora: [(target: String, seeds: [(name: String, bytes: [UInt8])])] = [
        ("bgp", BGPSeeds.all),
        ("transaction", TransactionSeeds.all),
        ("json-bodies", JSONBodySeeds.all),
        ("netlink", NetlinkSeeds.all),
        ("gre", GRESeeds.all),
        ("probe", ProbeSeeds.all),
        ("pim", PIMSeeds.all),
        ("render", RenderSeeds.all),
    ]

    static func main() throws {
        guard CommandLine.arguments.count == 2 else {
            FileHandle.standardError.write(Data("usage: fuzz-seeds DIR (writes DIR/NAME/*.bin)\n".utf8))
            exit(2)
        }
        let root = URL(fileURLWithPath: CommandLine.arguments[1])
        for (target, seeds) in corpora {
            let directory = root.appendingPathComponent(target)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, bytes) in seeds {
                try Data(bytes).write(to: directory.appendingPathComponent("\(name).bin"))
            }
            print("fuzz-seeds: \(seeds.count) seeds in \(directory.path)")
        }
    }
}

/// The libFuzzer runtime is linked whole into every executable of this package, and its `main`
/// (unused: SwiftPM's wins) needs a test function; this generator has nothing to test.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSeedsNoTest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { 0 }
