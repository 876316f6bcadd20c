import ArgumentParser
import Models

/// A public key given on the command line: base58, or `me` for the key of the `--keypair` file.
enum KeyReference: Sendable, Hashable, ExpressibleByArgument, CustomStringConvertible {
    /// The signing key of the key file in use.
    case me
    /// A key given in base58.
    case key(PublicKey)

    /// Parses `me` or a base58 public key.
    init?(argument: String) {
        if argument == "me" {
            self = .me
        } else if let key = PublicKey(base58: argument) {
            self = .key(key)
        } else {
            return nil
        }
    }

    /// `me` or the base58 key.
    var description: String {
        switch self {
        case .me: "me"
        case .key(let key): key.base58
        }
    }

    /// Shown when it is an option's default.
    var defaultValueDescription: String { description }
}
