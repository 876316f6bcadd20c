import Testing

/// One command line to run in a parameterized test: the app and its arguments.
struct AppInvocation: Sendable, CustomTestStringConvertible {
    /// The app's executable name.
    let app: String
    /// The arguments after the app name.
    let arguments: [String]

    /// Splits `commandLine` at spaces: the first word is the app (no quoting; tests keep values simple).
    init(_ commandLine: String) {
        let words = commandLine.split(separator: " ").map(String.init)
        app = words[0]
        arguments = Array(words.dropFirst())
    }

    /// Builds an invocation from already-split words (for values that contain spaces or are empty).
    init(app: String, arguments: [String]) {
        self.app = app
        self.arguments = arguments
    }

    var testDescription: String { ([app] + arguments.map { $0.isEmpty ? "''" : $0 }).joined(separator: " ") }
}
