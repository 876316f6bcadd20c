import ArgumentParser
import Foundation

/// The settings a `doublezero` command runs with — the ledger, the key file, doublezerod's socket — each
/// resolved the same way, highest precedence first:
///
/// 1. the command-line flag (`--ledger`, `--keypair`, `--sock-file`);
/// 2. the environment variable (`DOUBLEZERO_LEDGER`, `DOUBLEZERO_KEYPAIR`, `DOUBLEZERO_SOCKET`; an
///    empty variable counts as unset);
/// 3. the config file (``CLIConfigFile``: `~/.config/doublezero/config.yml`, or the file
///    `DOUBLEZERO_CONFIG` names), keys `ledger`, `keypair_path`, `sock_file`;
/// 4. the built-in default (``CLISetting/defaultValue``; the ledger has none).
///
/// Paths from any source have a leading `~` expanded with the environment's `HOME`. Every option
/// group of the CLI (``CLILedgerOption``, ``CLIKeypairOption``, ``CLISocketOption``) and
/// `doublezero config get` resolve through this type, so they always agree.
public struct CLISettings: Sendable {
    /// The config file (empty when it does not exist).
    public let configFile: CLIConfigFile

    /// Where the config file's path came from: `DOUBLEZERO_CONFIG` or the default.
    public let configFileSource: SettingSource

    /// The environment the settings are resolved in.
    public let environment: [String: String]

    /// Settings from `configFile` (found through `configFileSource`) and `environment`.
    public init(configFile: CLIConfigFile, configFileSource: SettingSource, environment: [String: String]) {
        self.configFile = configFile
        self.configFileSource = configFileSource
        self.environment = environment
    }

    /// Reads the config file that `environment` points to (`DOUBLEZERO_CONFIG`, else
    /// ``CLIConfigFile/defaultPath``); a missing file is an empty one.
    ///
    /// - Throws: ``CLIConfigError`` when the file exists but cannot be read or is malformed.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(CLIConfigError) -> CLISettings
    {
        let variable = CLIConfigFile.environmentVariable
        let given = environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        let path = HomeRelativePath.expand(given ?? CLIConfigFile.defaultPath, home: environment["HOME"])
        return CLISettings(
            configFile: try CLIConfigFile.load(path: path),
            configFileSource: given == nil ? .builtInDefault : .environment(variable),
            environment: environment)
    }

    /// The text `setting` gets from `flag`, the environment, the config file or the default, in that
    /// order, and where it came from; nil when none gives one.
    public func text(of setting: CLISetting, flag: String?) -> ResolvedSetting<String>? {
        if let flag { return ResolvedSetting(value: flag, source: .flag(setting.flag)) }
        if let variable = environment[setting.environmentVariable], !variable.isEmpty {
            return ResolvedSetting(value: variable, source: .environment(setting.environmentVariable))
        }
        if let entry = configFile.value(of: setting) {
            return ResolvedSetting(value: entry.text, source: .file(path: configFile.path, line: entry.line))
        }
        return setting.defaultValue.map { ResolvedSetting(value: $0, source: .builtInDefault) }
    }

    /// The ledger, from `flag` (already parsed) or a lower source; nil when nothing gives one.
    ///
    /// - Throws: ``CLIConfigError/invalidValue(_:value:source:reason:)`` for a value that is not a
    ///   ledger location (see ``LedgerLocation/init(validating:)``).
    public func ledgerIfGiven(flag: LedgerLocation?) throws(CLIConfigError) -> ResolvedSetting<LedgerLocation>? {
        guard let given = text(of: .ledger, flag: flag?.description) else { return nil }
        let location: LedgerLocation
        if let flag {
            location = flag
        } else {
            do {
                location = try LedgerLocation(validating: given.value)
            } catch {
                throw .invalidValue(.ledger, value: given.value, source: given.source, reason: error.message)
            }
        }
        switch location {
        case .embedded(let path):
            return ResolvedSetting(value: .embedded(path: expandingHome(path)), source: given.source)
        case .remote:
            return ResolvedSetting(value: location, source: given.source)
        }
    }

    /// The ledger, from `flag` (already parsed) or a lower source.
    ///
    /// - Throws: ``CLIConfigError/noLedger`` (which says how to set one) when nothing gives one, and
    ///   ``CLIConfigError/invalidValue(_:value:source:reason:)`` for an unusable value.
    public func ledger(flag: LedgerLocation?) throws(CLIConfigError) -> ResolvedSetting<LedgerLocation> {
        guard let ledger = try ledgerIfGiven(flag: flag) else { throw .noLedger }
        return ledger
    }

    /// The key file's path (`~` expanded), from `flag` or a lower source.
    ///
    /// - Throws: ``CLIConfigError/invalidValue(_:value:source:reason:)`` for an empty path.
    public func keypairPath(flag: String?) throws(CLIConfigError) -> ResolvedSetting<String> {
        try path(of: .keypair, flag: flag)
    }

    /// doublezerod's socket path (`~` expanded), from `flag` or a lower source.
    ///
    /// - Throws: ``CLIConfigError/invalidValue(_:value:source:reason:)`` for an empty path.
    public func socketPath(flag: String?) throws(CLIConfigError) -> ResolvedSetting<String> {
        try path(of: .socket, flag: flag)
    }

    /// `path` with a leading `~` replaced by the environment's home directory.
    public func expandingHome(_ path: String) -> String {
        HomeRelativePath.expand(path, home: environment["HOME"])
    }

    /// A path setting that always has a value (it has a default).
    private func path(of setting: CLISetting, flag: String?) throws(CLIConfigError) -> ResolvedSetting<String> {
        guard let given = text(of: setting, flag: flag) else {
            preconditionFailure("\(setting) has a default value")
        }
        guard !given.value.isEmpty else {
            throw .invalidValue(setting, value: given.value, source: given.source, reason: "the path is empty")
        }
        return ResolvedSetting(value: expandingHome(given.value), source: given.source)
    }
}
