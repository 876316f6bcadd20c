import CommandLineSupport

/// Upstream's failure when there is no key file: where it was looked for and how to get one.
enum KeypairMissing {
    /// The message for a missing key file at `path` (`isDefault`: the built-in default path).
    static func failure(path: String, isDefault: Bool) -> CommandFailure {
        let location = isDefault ? "default location (~/.config/doublezero/id.json)" : path
        return CommandFailure(
            """
            DoubleZero keypair not found at \(location)
              To create a new keypair: doublezero keygen
              To use another key file: --keypair PATH, DOUBLEZERO_KEYPAIR=PATH or `doublezero config set --keypair PATH`
            """)
    }
}
