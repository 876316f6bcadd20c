/// Why doublezerod could not start; each says what to change.
public enum DaemonStartError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `--client-ip` is not an IPv4 address.
    case badClientIP(String)
    /// No `--client-ip` was given and none could be discovered; the reason says why.
    case clientIPNotDiscovered(String)

    /// A message for people.
    public var description: String {
        switch self {
        case .badClientIP(let text): "--client-ip '\(text)' is not an IPv4 address (expected a.b.c.d)"
        case .clientIPNotDiscovered(let reason):
            "cannot discover this host's public IPv4 address (\(reason)); give it with --client-ip"
        }
    }
}
