/// A line in a file of the checked tree.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file's path relative to the checked root, e.g. `Packages/Tunnel/Sources/Tunnel/Link.swift`.
    public var file: String
    /// The 1-based line number.
    public var line: Int

    /// Creates a location from a root-relative path and a 1-based line number.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line`, the form editors and terminals recognise.
    public var description: String { "\(file):\(line)" }
}
