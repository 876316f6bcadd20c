/// A command that ran but could not do what was asked, with a one-line message for the person.
///
/// An ``AppRootCommand`` prints it as `Error: <message>` on standard error and exits with code 1, e.g.
/// `Error: InvalidTunnelNet (28): user tunnel_net 10.0.0.0/31 must be link-local` or
/// `Error: no exchange with code 'xyz' (known: xlax, xewr)`. Bad arguments found before anything runs
/// are usage errors (`ValidationError`, exit 64) instead.
public struct CommandFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as one line.
    public let message: String

    /// Creates the failure with `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
