import Foundation

extension CLISettings {
    /// The longest path a Unix socket address holds, in bytes (`sun_path` less its terminating NUL).
    public static let maximumSocketPathLength = 107

    /// `text`, given with `setting`'s flag to `doublezero config set`, checked and made ready for the
    /// config file: paths get `~` expanded and become absolute (relative ones are taken from
    /// `currentDirectory`), URLs are kept as given.
    ///
    /// - a ledger must be an existing file (not a directory) or an http(s) URL with a host;
    /// - a key file path must not be empty or name a directory (the file itself may come later, from
    ///   `doublezero keygen`);
    /// - a socket path must not be empty, name a directory, or be longer than a Unix socket allows.
    ///
    /// - Throws: ``CLIConfigError/invalidValue(_:value:source:reason:)`` naming the flag.
    public func valueToSave(_ setting: CLISetting, _ text: String, currentDirectory: String) throws(CLIConfigError)
        -> String
    {
        func invalid(_ reason: String) -> CLIConfigError {
            .invalidValue(setting, value: text, source: .flag(setting.flag), reason: reason)
        }
        if setting == .ledger {
            let location: LedgerLocation
            do {
                location = try LedgerLocation(validating: text)
            } catch {
                throw invalid(error.message)
            }
            guard case .embedded = location else { return location.description }
        }
        guard !text.isEmpty else { throw invalid("the path is empty") }
        let path = HomeRelativePath.absolute(text, home: environment["HOME"], currentDirectory: currentDirectory)
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue { throw invalid("\(path) is a directory") }
        switch setting {
        case .ledger:
            guard exists else {
                throw invalid(
                    "there is no ledger file at \(path); give an existing ledger file (`doublezero-ledger init` "
                        + "makes one) or the http(s):// URL of a ledger server")
            }
        case .keypair:
            break
        case .socket:
            let length = path.utf8.count
            guard length <= Self.maximumSocketPathLength else {
                throw invalid(
                    "\(path) is \(length) bytes long; a Unix socket path holds at most \(Self.maximumSocketPathLength)")
            }
        }
        return path
    }
}
