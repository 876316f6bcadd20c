/// One `import` statement found in a Swift source file.
public struct SourceImport: Hashable, Sendable {
    /// The imported module: `Foundation` for `import Foundation`, `import struct Foundation.Date`
    /// and `import Foundation.NSString` alike.
    public var module: String
    /// Where the statement is.
    public var location: SourceLocation

    /// Creates an import of `module` at `location`.
    public init(module: String, location: SourceLocation) {
        self.module = module
        self.location = location
    }

    /// Creates an import of `module` at line `line` of `file` (a root-relative path).
    public init(module: String, file: String, line: Int) {
        self.init(module: module, location: SourceLocation(file: file, line: line))
    }
}
