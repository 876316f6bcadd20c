import Foundation
import Testing

/// Expected config texts under `Golden/`, next to this file. Run the tests with
/// `UPDATE_GOLDEN=1` to (re)write them from the current output, then review the diff.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Compares `text` with `Golden/<name>.<extension>` byte for byte (writing the file first when recording).
    static func check(
        _ text: String, against name: String, extension: String = "txt",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let url = directory.appendingPathComponent("\(name).\(`extension`)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(
            text == expected, "differs from Golden/\(name).\(`extension`):\n\(firstDifference(text, expected))",
            sourceLocation: sourceLocation)
    }

    /// The first differing line of the two texts, for a readable failure.
    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, e.count) {
            let left = index < a.count ? String(a[index]) : "<end>"
            let right = index < e.count ? String(e[index]) : "<end>"
            if left != right { return "line \(index + 1): got '\(left)', expected '\(right)'" }
        }
        return "(no line differs)"
    }
}
