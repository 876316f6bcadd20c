/// Why a flat YAML text (see ``FlatYAMLDocument``) could not be read: the line and what is wrong
/// with it.
///
/// The message reads `line 3: a space must follow ':' after 'ledger'`; whoever read the text adds
/// where it came from (``CLIConfigError/malformed(path:_:)`` names the file).
public struct FlatYAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line, counting from 1.
    public let line: Int

    /// What is wrong with it, in words.
    public let problem: String

    /// Creates the error for `line` (counting from 1).
    public init(line: Int, problem: String) {
        self.line = line
        self.problem = problem
    }

    /// `line N: problem`.
    public var description: String { "line \(line): \(problem)" }
}
