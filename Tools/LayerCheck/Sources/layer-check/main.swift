// layer-check: checks that the packages under Packages/ follow the layering of DESIGN.md.
//
// Exit status: 0 when there are no violations, 1 when there are, 2 for a usage error or an
// unreadable tree.
import Foundation
import LayerCheck

let usage = """
    USAGE: layer-check [--root PATH] [--json]

    Checks that the local packages under <root>/Packages follow the layering of DESIGN.md:
    Models and LinuxHost (layer 0) depend on no local package; Ledger, Allocator, Tunnel and
    Probe (layer 1) on layer-0 packages only; Routing on layer-0 and layer-1 packages only;
    Allocator depends on Models only, has no external package and imports Models only.
    Manifests are read with `swift package dump-package`, sources scanned for imports.

    OPTIONS:
      --root PATH   The repository root (default: the nearest directory at or above the
                    current one that has a Packages/ directory).
      --json        Print the report as JSON instead of text.
      -h, --help    Show this help.

    Prints each violation (file:line first for imports) and a summary line; exits 0 when
    there are no violations, 1 when there are, 2 on a usage error.
    """

/// Prints `message` to standard error and exits with status 2.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("layer-check: \(message)\n".utf8))
    exit(2)
}

/// The nearest directory at or above `start` with a `Packages/` directory, or `start` itself.
func nearestRoot(from start: URL) -> URL {
    var directory = start.standardizedFileURL
    while true {
        var isDirectory: ObjCBool = false
        let packages = directory.appendingPathComponent("Packages").path
        if FileManager.default.fileExists(atPath: packages, isDirectory: &isDirectory), isDirectory.boolValue {
            return directory
        }
        let parent = directory.deletingLastPathComponent()
        if parent.path == directory.path { return start }
        directory = parent
    }
}

var root: URL?
var printsJSON = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "-h", "--help":
        print(usage)
        exit(0)
    case "--json":
        printsJSON = true
    case "--root":
        guard let path = arguments.popFirst() else { fail("--root needs a path\n\n\(usage)") }
        root = URL(fileURLWithPath: path)
    case let other where other.hasPrefix("--root="):
        root = URL(fileURLWithPath: String(other.dropFirst("--root=".count)))
    default:
        fail("unknown argument '\(argument)'\n\n\(usage)")
    }
}

let currentDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
do {
    let report = try await LayerCheckReport.checking(root: root ?? nearestRoot(from: currentDirectory))
    print(printsJSON ? report.json : report.text)
    exit(report.passed ? 0 : 1)
} catch {
    fail("\(error)")
}
