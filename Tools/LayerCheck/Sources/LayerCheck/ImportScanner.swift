/// Finds the `import` statements of a Swift source file.
///
/// Recognises `import X`, `@testable import X`, `@_exported import X`, `@preconcurrency import X`,
/// `public import X` (and the other access levels), `import struct X.Y` (and the other kinds) and
/// `import X.Submodule`, each reporting module `X`. Comments and string literals are skipped, so
/// `// import Foundation` or a multi-line string containing `import Foundation` do not count.
public enum ImportScanner {
    /// Access-level modifiers that may precede `import`.
    static let accessModifiers: Set<Substring> = ["public", "package", "internal", "fileprivate", "private", "open"]
    /// Declaration kinds that may follow `import` (`import struct Foundation.Date`).
    static let importKinds: Set<Substring> = [
        "typealias", "struct", "class", "enum", "protocol", "let", "var", "func",
    ]

    /// The imports in `text`, in order; `file` is the root-relative path they are reported at.
    public static func imports(in text: String, file: String) -> [SourceImport] {
        let code = CodeText.strippingCommentsAndStrings(from: text)
        var found: [SourceImport] = []
        for (index, line) in code.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            for statement in line.split(separator: ";") {
                if let module = importedModule(in: statement) {
                    found.append(SourceImport(module: module, file: file, line: index + 1))
                }
            }
        }
        return found
    }

    /// The module a single statement imports, or nil if it is not an import.
    static func importedModule(in statement: Substring) -> String? {
        var words = statement.split(whereSeparator: \.isWhitespace)[...]
        while let first = words.first, first.hasPrefix("@") || accessModifiers.contains(first) {
            words = words.dropFirst()
        }
        guard words.first == "import" else { return nil }
        words = words.dropFirst()
        if let kind = words.first, importKinds.contains(kind) { words = words.dropFirst() }
        guard let path = words.first, let module = path.split(separator: ".").first else { return nil }
        guard module.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return String(module)
    }
}
