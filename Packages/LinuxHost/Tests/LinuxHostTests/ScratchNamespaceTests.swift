import Foundation
import LinuxHost
import LinuxHostTesting
import Testing

/// The live tests' namespaces: made for the body, gone afterwards, also when the body throws.
@Suite("Scratch namespaces (root)")
struct ScratchNamespaceTests {
    /// A failure a body throws.
    struct Refusal: Error {}

    /// Whether `/run/netns/NAME` exists.
    static func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: "\(NetworkNamespace.namedDirectory)/\(name)")
    }

    @Test("every namespace exists during the body and is deleted after it, also when it throws")
    func deletedWhateverHappens() async throws {
        let names = ["linuxhost-\(getpid())-a", "linuxhost-\(getpid())-b"]
        let seen = try await ScratchNamespace.with(names: names) { scratch in
            #expect(scratch.map(\.name) == names)
            return names.map(Self.exists)
        }
        #expect(seen == [true, true])
        #expect(!names.contains(where: Self.exists))
        await #expect(throws: Refusal.self) {
            try await ScratchNamespace.with(names: names) { _ in throw Refusal() }
        }
        #expect(!names.contains(where: Self.exists))
    }

    @Test("a name already taken fails with the command and its message; the first one stays")
    func nameTaken() async throws {
        let name = "linuxhost-\(getpid())-taken"
        try await ScratchNamespace.with(names: [name]) { _ in
            #expect {
                _ = try ScratchNamespace(name: name)
            } throws: { error in
                guard case .commandFailed(let command, _, let output) = error as? ScratchNamespaceError else {
                    return false
                }
                return command == "ip netns add \(name)" && !output.isEmpty
            }
            #expect(Self.exists(name))
        }
        #expect(!Self.exists(name))
    }
}
