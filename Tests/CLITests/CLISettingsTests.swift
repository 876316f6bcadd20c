import CommandLineSupport
import Foundation
import Testing

/// How the CLI resolves the ledger, the key file and the daemon socket: flag > `DOUBLEZERO_*`
/// environment variable > config file > default, the same way for every setting.
@Suite("Config resolution")
struct CLISettingsTests {
    /// Settings for `scratch` as home, with `file` as the default config file (none when nil) and
    /// `environment` added.
    func settings(_ scratch: ConfigScratch, file: String? = nil, environment: [String: String] = [:]) throws
        -> CLISettings
    {
        if let file { try scratch.write(file, to: ".config/doublezero/config.yml") }
        return try CLISettings.load(environment: ["HOME": scratch.home].merging(environment) { $1 })
    }

    /// `setting` resolved with `flag`, its value as text.
    func resolved(_ setting: CLISetting, in settings: CLISettings, flag: String? = nil) throws -> ResolvedSetting<
        String
    > {
        switch setting {
        case .ledger:
            let ledger = try settings.ledger(flag: flag.map { try LedgerLocation(validating: $0) })
            return ResolvedSetting(value: ledger.value.description, source: ledger.source)
        case .keypair: return try settings.keypairPath(flag: flag)
        case .socket: return try settings.socketPath(flag: flag)
        }
    }

    @Test("with nothing given: the default key file and socket, and no ledger (the error says how to set one)")
    func defaults() throws {
        let scratch = try ConfigScratch()
        let settings = try settings(scratch)
        #expect(!settings.configFile.exists)
        #expect(settings.configFile.path == scratch.configPath)
        #expect(settings.configFileSource == .builtInDefault)
        #expect(
            try settings.keypairPath(flag: nil)
                == ResolvedSetting(value: scratch.home + "/.config/doublezero/id.json", source: .builtInDefault))
        #expect(
            try settings.socketPath(flag: nil)
                == ResolvedSetting(value: "/run/doublezerod/doublezerod.sock", source: .builtInDefault))
        #expect(try settings.ledgerIfGiven(flag: nil) == nil)
        #expect(throws: CLIConfigError.noLedger) { try settings.ledger(flag: nil) }
        #expect(CLIConfigError.noLedger.description.contains("`doublezero config set --ledger URL`"))
        #expect(CLIConfigError.noLedger.isUsageError)
    }

    @Test("a flag beats the environment, which beats the file, which beats the default", arguments: CLISetting.allCases)
    func precedence(_ setting: CLISetting) throws {
        let scratch = try ConfigScratch()
        let file = "# mine\n\(setting.key): /file/value\n"
        let fromFile = try settings(scratch, file: file)
        #expect(
            try resolved(setting, in: fromFile)
                == ResolvedSetting(value: "/file/value", source: .file(path: scratch.configPath, line: 2)))

        let fromEnvironment = try settings(scratch, environment: [setting.environmentVariable: "/env/value"])
        #expect(
            try resolved(setting, in: fromEnvironment)
                == ResolvedSetting(value: "/env/value", source: .environment(setting.environmentVariable)))
        #expect(
            try resolved(setting, in: fromEnvironment, flag: "/flag/value")
                == ResolvedSetting(value: "/flag/value", source: .flag(setting.flag)))

        let emptyVariable = try settings(scratch, environment: [setting.environmentVariable: ""])
        #expect(try resolved(setting, in: emptyVariable).source == .file(path: scratch.configPath, line: 2))

        let nullInFile = try settings(scratch, file: "\(setting.key): null\n")
        if let fallback = setting.defaultValue {
            #expect(try resolved(setting, in: nullInFile).source == .builtInDefault)
            #expect(try resolved(setting, in: nullInFile).value == nullInFile.expandingHome(fallback))
        } else {
            #expect(throws: CLIConfigError.noLedger) { try resolved(setting, in: nullInFile) }
        }
    }

    @Test("a leading ~ in a file or environment value is the environment's HOME")
    func expandsHome() throws {
        let scratch = try ConfigScratch()
        let settings = try settings(
            scratch, file: "ledger: ~/ledger.sqlite\nkeypair_path: ~/keys/id.json\n",
            environment: ["DOUBLEZERO_SOCKET": "~/dz.sock"])
        #expect(try settings.ledger(flag: nil).value == .embedded(path: scratch.home + "/ledger.sqlite"))
        #expect(try settings.keypairPath(flag: nil).value == scratch.home + "/keys/id.json")
        #expect(try settings.socketPath(flag: nil).value == scratch.home + "/dz.sock")
        #expect(
            try settings.ledger(flag: .embedded(path: "~/flag.sqlite")).value
                == .embedded(path: scratch.home + "/flag.sqlite"))
    }

    @Test("DOUBLEZERO_CONFIG names another config file")
    func otherConfigFile() throws {
        let scratch = try ConfigScratch()
        try scratch.write("ledger: http://default.example:1\n", to: ".config/doublezero/config.yml")
        try scratch.write("ledger: http://other.example:2\n", to: "elsewhere/dz.yml")
        let settings = try settings(scratch, environment: ["DOUBLEZERO_CONFIG": "~/elsewhere/dz.yml"])
        #expect(settings.configFile.path == scratch.path("elsewhere/dz.yml"))
        #expect(settings.configFileSource == .environment("DOUBLEZERO_CONFIG"))
        #expect(try settings.ledger(flag: nil).value.description == "http://other.example:2")
    }

    @Test("a bad ledger in the environment is a usage error naming the variable")
    func badEnvironmentLedger() throws {
        let scratch = try ConfigScratch()
        let settings = try settings(scratch, environment: ["DOUBLEZERO_LEDGER": "ftp://host/ledger"])
        #expect {
            try settings.ledger(flag: nil)
        } throws: { error in
            guard let error = error as? CLIConfigError,
                case .invalidValue(.ledger, "ftp://host/ledger", .environment("DOUBLEZERO_LEDGER"), _) = error
            else { return false }
            return error.isUsageError && error.description.hasPrefix("DOUBLEZERO_LEDGER='ftp://host/ledger': ")
        }
    }

    @Test("a bad value in the file names the file and its line, and is not a usage error")
    func badFileValue() throws {
        let scratch = try ConfigScratch()
        let settings = try settings(scratch, file: "# mine\n\nledger: http://\nsock_file: ''\n")
        #expect {
            try settings.ledger(flag: nil)
        } throws: { error in
            guard let error = error as? CLIConfigError else { return false }
            return !error.isUsageError
                && error.description.hasPrefix("config file \(scratch.configPath), line 3: ledger 'http://': ")
        }
        #expect {
            try settings.socketPath(flag: nil)
        } throws: { error in
            (error as? CLIConfigError)?.description
                == "config file \(scratch.configPath), line 4: sock_file '': the path is empty"
        }
    }

    @Test("a malformed config file is an error naming the file, the line and the problem")
    func malformedFile() throws {
        let scratch = try ConfigScratch()
        #expect {
            try settings(scratch, file: "ledger: /a\nkeypair_path /b\n")
        } throws: { error in
            guard let error = error as? CLIConfigError, case .malformed(scratch.configPath, let problem) = error
            else { return false }
            return problem.line == 2 && !error.isUsageError
                && error.description.hasPrefix("config file \(scratch.configPath), line 2: expected `key: value`")
        }
    }

    @Test("config set accepts an existing ledger file or an http(s) URL, and saves absolute paths")
    func valuesToSave() throws {
        let scratch = try ConfigScratch()
        let ledger = try scratch.write("", to: "data/ledger.sqlite")
        let settings = try settings(scratch)
        let save = { (setting: CLISetting, text: String) in
            try settings.valueToSave(setting, text, currentDirectory: scratch.path("data"))
        }
        #expect(try save(.ledger, "http://127.0.0.1:7850") == "http://127.0.0.1:7850")
        #expect(try save(.ledger, "https://ledger.example") == "https://ledger.example")
        #expect(try save(.ledger, ledger) == ledger)
        #expect(try save(.ledger, "ledger.sqlite") == ledger)
        #expect(try save(.ledger, "./../data/./ledger.sqlite") == ledger)
        #expect(try save(.ledger, "~/data/ledger.sqlite") == ledger)
        #expect(try save(.keypair, "~/not/yet/id.json") == scratch.home + "/not/yet/id.json")
        #expect(try save(.socket, "dz.sock") == scratch.path("data/dz.sock"))
    }

    @Test(
        "config set refuses values it could not use, naming the flag",
        arguments: [
            (CLISetting.ledger, "ftp://host/ledger", "not supported"),
            (.ledger, "http://", "not a valid URL"),
            (.ledger, "", "empty"),
            (.ledger, "missing.sqlite", "there is no ledger file"),
            (.ledger, ".", "is a directory"),
            (.keypair, "", "the path is empty"),
            (.keypair, "~", "is a directory"),
            (.socket, "/run/" + String(repeating: "s", count: 103), "at most 107"),
        ])
    func refusedValues(_ setting: CLISetting, _ text: String, _ reason: String) throws {
        let scratch = try ConfigScratch()
        let settings = try settings(scratch)
        #expect {
            try settings.valueToSave(setting, text, currentDirectory: scratch.home)
        } throws: { error in
            guard let error = error as? CLIConfigError else { return false }
            return error.isUsageError && error.description.hasPrefix("\(setting.flag) '\(text)': ")
                && error.description.contains(reason)
        }
    }

    @Test("paths are made absolute without touching the file system")
    func absolutePaths() {
        #expect(HomeRelativePath.absolute("a/../b/./c", home: "/h", currentDirectory: "/cwd") == "/cwd/b/c")
        #expect(HomeRelativePath.absolute("~/x//y/", home: "/h/", currentDirectory: "/cwd") == "/h/x/y")
        #expect(HomeRelativePath.absolute("/../..", home: nil, currentDirectory: "/cwd") == "/")
        #expect(HomeRelativePath.expand("~", home: "/h") == "/h")
        #expect(HomeRelativePath.expand("~/a", home: "/") == "/a")
        #expect(HomeRelativePath.expand("/a/~", home: "/h") == "/a/~")
    }
}
