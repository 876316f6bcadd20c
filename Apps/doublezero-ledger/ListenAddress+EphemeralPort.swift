import ArgumentParser
import CommandLineSupport

extension ListenAddress {
    /// Parses `HOST:PORT` like ``CommandLineSupport/ListenAddress/init(validating:)``, but also
    /// accepts port 0: bind any free port (the server prints the one it got). Tests and scripts
    /// use it to avoid port clashes.
    static func allowingEphemeralPort(_ text: String) throws(ValidationError) -> ListenAddress {
        guard text.hasSuffix(":0") else { return try ListenAddress(validating: text) }
        let checked = try ListenAddress(validating: String(text.dropLast()) + "1")
        return ListenAddress(host: checked.host, port: 0)
    }
}
