import Foundation

/// Writes `message` and a newline to standard error: notes for the person that are not the command's
/// output (which goes to standard output, where scripts read it).
public func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
