import CommandLineSupport

/// What `doublezero config get` and `config set` print: the config file, and for each setting the
/// value commands use and where it comes from.
///
/// The table has the columns `setting | value | source`; the JSON is
/// `{"config_file": {"path", "exists", "source"}, "ledger": {"value", "source", "origin"},
/// "keypair_path": {…}, "sock_file": {…}}`, where `source` is `flag`, `env`, `file` or `default`
/// (null, with a null value, for a ledger nothing gives) and `origin` names the flag, the variable,
/// or the file and line (`/home/me/.config/doublezero/config.yml:2`).
struct ConfigReport: Encodable {
    /// The config file and how it was found.
    struct File: Encodable {
        /// Its path.
        let path: String
        /// Whether it exists.
        let exists: Bool
        /// `env` (DOUBLEZERO_CONFIG) or `default`.
        let source: String
    }

    /// One setting's value and source.
    struct Setting: Encodable {
        /// The value commands use, or nil when there is none.
        let value: String?
        /// Where it comes from, or nil.
        let resolvedFrom: SettingSource?

        private enum CodingKeys: String, CodingKey {
            case value, source, origin
        }

        /// The value, the kind of source and its origin; nulls when there is no value.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(value, forKey: .value)
            try container.encode(resolvedFrom?.kind, forKey: .source)
            try container.encode(resolvedFrom.map(Self.origin), forKey: .origin)
        }

        /// The flag, the variable, `path:line`, or `default`.
        private static func origin(_ source: SettingSource) -> String {
            switch source {
            case .flag(let name), .environment(let name): name
            case .file(let path, let line): "\(path):\(line)"
            case .builtInDefault: "default"
            }
        }
    }

    /// The config file.
    let configFile: File
    /// The ledger.
    let ledger: Setting
    /// The key file.
    let keypairPath: Setting
    /// doublezerod's socket.
    let sockFile: Setting

    private enum CodingKeys: String, CodingKey {
        case configFile = "config_file"
        case ledger
        case keypairPath = "keypair_path"
        case sockFile = "sock_file"
    }

    /// The report for `settings` with the flags a command was given (nil where not given).
    ///
    /// - Throws: ``CLIConfigError`` for a value that cannot be used.
    init(settings: CLISettings, ledger: LedgerLocation?, keypair: String?, socket: String?) throws(CLIConfigError) {
        configFile = File(
            path: settings.configFile.path, exists: settings.configFile.exists,
            source: settings.configFileSource.kind)
        let resolvedLedger = try settings.ledgerIfGiven(flag: ledger)
        self.ledger = Setting(value: resolvedLedger?.value.description, resolvedFrom: resolvedLedger?.source)
        let key = try settings.keypairPath(flag: keypair)
        keypairPath = Setting(value: key.value, resolvedFrom: key.source)
        let sock = try settings.socketPath(flag: socket)
        sockFile = Setting(value: sock.value, resolvedFrom: sock.source)
    }

    /// The report as a `setting | value | source` table or as JSON.
    func rendered(as format: OutputFormat) throws -> String {
        guard format == .table else { return try format.jsonText(self) }
        let fileSource =
            configFile.source == "env"
            ? "env \(CLIConfigFile.environmentVariable)" : "default"
        let rows: [[String]] = [
            ["config_file", configFile.path, fileSource + (configFile.exists ? "" : " (no file yet)")],
            row(CLISetting.ledger.key, ledger),
            row(CLISetting.keypair.key, keypairPath),
            row(CLISetting.socket.key, sockFile),
        ]
        return TextTable(header: ["setting", "value", "source"], rows: rows).rendered()
    }

    /// One table row.
    private func row(_ key: String, _ setting: Setting) -> [String] {
        [key, setting.value ?? "(not set)", setting.resolvedFrom?.description ?? "-"]
    }
}
