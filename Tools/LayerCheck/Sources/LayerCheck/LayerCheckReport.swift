import Foundation

/// The outcome of checking a tree: what was looked at and every violation found.
public struct LayerCheckReport: Sendable {
    /// The checked graph.
    public var graph: PackageGraph
    /// The violations ``LayerRule`` found in it.
    public var violations: [Violation]

    /// Checks `graph` against ``LayerRule``.
    public init(graph: PackageGraph) {
        self.graph = graph
        self.violations = LayerRule.check(graph)
    }

    /// Reads the tree at `root` and checks it.
    ///
    /// - Throws: ``PackageTreeReader/Failure`` when `<root>/Packages` is not a directory.
    public static func checking(root: URL, dumper: ManifestDumper = ManifestDumper()) async throws -> LayerCheckReport {
        LayerCheckReport(graph: try await PackageTreeReader(root: root, dumper: dumper).read())
    }

    /// Whether the tree follows the rule.
    public var passed: Bool { violations.isEmpty }

    /// The one-line summary: `layer-check: 7 packages, 42 source files, no violations`.
    public var summary: String {
        let packages = graph.packages.count
        let files = graph.sourceFileCount
        let found =
            switch violations.count {
            case 0: "no violations"
            case 1: "1 violation"
            case let count: "\(count) violations"
            }
        return "layer-check: \(packages) package\(packages == 1 ? "" : "s"), "
            + "\(files) source file\(files == 1 ? "" : "s"), \(found)"
    }

    /// The human-readable output: each violation on its own line, then the summary.
    public var text: String {
        (violations.map(\.description) + [summary]).joined(separator: "\n")
    }

    /// The JSON form of a violation.
    struct ViolationRecord: Encodable {
        var kind: String
        var package: String
        var subject: String?
        var file: String?
        var line: Int?
        var message: String
    }

    /// The JSON form of the report.
    struct Record: Encodable {
        var passed: Bool
        var packages: [String]
        var sourceFiles: Int
        var violations: [ViolationRecord]
        var summary: String
    }

    /// The machine-readable output: `{"passed", "packages", "sourceFiles", "violations", "summary"}`,
    /// each violation with `kind`, `package`, `subject`, `file`, `line` and `message`.
    public var json: String {
        let record = Record(
            passed: passed,
            packages: graph.packages.map(\.directoryName),
            sourceFiles: graph.sourceFileCount,
            violations: violations.map { violation in
                ViolationRecord(
                    kind: violation.kind, package: violation.package, subject: violation.subject,
                    file: violation.location?.file, line: violation.location?.line, message: violation.message)
            },
            summary: summary)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(record) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
