import Foundation

/// The paths a manifest spells as string literals in `.package(path:)` or
/// `.package(name:path:)`, read from the manifest's text.
///
/// `dump-package` reports local dependencies by absolute path only; this is how the checker tells
/// whether the manifest wrote a relative path.
public enum DeclaredPackagePaths {
    /// The literal paths in `manifest`, in order.
    public static func paths(in manifest: String) -> [String] {
        let pattern = #"\.package\s*\(\s*(?:name\s*:\s*"[^"]*"\s*,\s*)?path\s*:\s*"([^"\\]*)""#
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(manifest.startIndex..., in: manifest)
        return expression.matches(in: manifest, range: range).compactMap { match in
            Range(match.range(at: 1), in: manifest).map { String(manifest[$0]) }
        }
    }

    /// The literal among `declared` that leads from `packageDirectory` to `resolvedPath`, preferring
    /// a relative one; nil when none does.
    public static func declaration(
        of resolvedPath: String, among declared: [String], packageDirectory: URL
    ) -> String? {
        let target = canonicalPath(URL(fileURLWithPath: resolvedPath))
        let matching = declared.filter { literal in
            let url =
                literal.hasPrefix("/")
                ? URL(fileURLWithPath: literal)
                : packageDirectory.appendingPathComponent(literal)
            return canonicalPath(url) == target
        }
        return matching.first { !$0.hasPrefix("/") } ?? matching.first
    }

    /// `url`'s path with `.`/`..` removed and symbolic links resolved, without a trailing slash.
    public static func canonicalPath(_ url: URL) -> String {
        var path = url.standardizedFileURL.resolvingSymlinksInPath().path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
