import LayerCheck
import Testing

/// Finding import statements in Swift source text.
@Suite("ImportScanner")
struct ImportScannerTests {
    /// The modules `text` imports, in order.
    func modules(_ text: String) -> [String] {
        ImportScanner.imports(in: text, file: "x.swift").map(\.module)
    }

    @Test(
        "every import form reports its module",
        arguments: [
            ("import Foundation", "Foundation"),
            ("@testable import Models", "Models"),
            ("public import Models", "Models"),
            ("internal import Glibc", "Glibc"),
            ("package import Dispatch", "Dispatch"),
            ("private import Foundation", "Foundation"),
            ("fileprivate import Foundation", "Foundation"),
            ("@_exported import Models", "Models"),
            ("@preconcurrency import Dispatch", "Dispatch"),
            ("@_implementationOnly import Foundation", "Foundation"),
            ("@preconcurrency public import Foundation", "Foundation"),
            ("import struct Foundation.Date", "Foundation"),
            ("import class Foundation.JSONEncoder", "Foundation"),
            ("import enum Models.DeviceStatus", "Models"),
            ("import func Glibc.exit", "Glibc"),
            ("import Foundation.NSString", "Foundation"),
            ("    import Foundation   ", "Foundation"),
            ("import Foundation // for Data", "Foundation"),
        ])
    func importForms(line: String, module: String) {
        #expect(modules(line) == [module])
    }

    @Test("line numbers are 1-based and count every line")
    func lineNumbers() {
        let text = "// header\n\nimport Models\r\n#if canImport(Glibc)\nimport Glibc\n#endif\n"
        let found = ImportScanner.imports(in: text, file: "Packages/Tunnel/Sources/Tunnel/Link.swift")
        #expect(
            found == [
                SourceImport(module: "Models", file: "Packages/Tunnel/Sources/Tunnel/Link.swift", line: 3),
                SourceImport(module: "Glibc", file: "Packages/Tunnel/Sources/Tunnel/Link.swift", line: 5),
            ])
    }

    @Test("two imports on one line separated by a semicolon are both found")
    func semicolons() {
        #expect(modules("import Models; import Foundation") == ["Models", "Foundation"])
    }

    @Test("imports in comments and string literals do not count")
    func commentsAndStrings() {
        let text = #"""
            // import Foundation
            /* import Glibc
               /* nested */ import Dispatch
            */
            let code = """
            import Foundation
            """
            let raw = #"import "Glibc""#
            let plain = "import Dispatch"
            /// import Foundation in a doc comment
            import Models
            """#
        let found = ImportScanner.imports(in: text, file: "x.swift")
        #expect(found == [SourceImport(module: "Models", file: "x.swift", line: 11)])
    }

    @Test(
        "words that merely contain or follow import are not imports",
        arguments: ["let important = 1", "importFoundation()", "func `import`() {}", "x.import Foundation", "import"])
    func notImports(line: String) {
        #expect(modules(line) == [])
    }
}
