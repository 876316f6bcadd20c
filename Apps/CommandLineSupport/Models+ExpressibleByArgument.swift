import ArgumentParser
import Models

// Models' value types as option values. A value that does not parse is a usage error (exit 64)
// whose message names the flag, e.g. `The value '10.0.0' is invalid for '--client-ip <ipv4>'`.

extension IPv4Address: @retroactive ExpressibleByArgument {
    /// Parses a dotted quad such as `203.0.113.10`.
    public init?(argument: String) {
        self.init(argument)
    }

    /// The dotted quad, shown when the address is an option's default.
    public var defaultValueDescription: String { description }
}

extension IPv4Prefix: @retroactive ExpressibleByArgument {
    /// Parses `a.b.c.d/n`, such as `172.16.0.0/16`.
    public init?(argument: String) {
        self.init(argument)
    }

    /// The prefix as `a.b.c.d/n`, shown when it is an option's default.
    public var defaultValueDescription: String { description }
}

extension PublicKey: @retroactive ExpressibleByArgument {
    /// Parses a base58 public key of 32 bytes.
    public init?(argument: String) {
        self.init(base58: argument)
    }

    /// The base58 key, shown when it is an option's default.
    public var defaultValueDescription: String { base58 }
}
