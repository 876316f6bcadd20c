import Models

/// One of the global state's key lists that `global-config` edits: the foundation allowlist or the
/// QA allowlist.
protocol GlobalKeyList {
    /// The subcommand name (`allowlist`, `qa-allowlist`).
    static var commandName: String { get }
    /// What the keys are, for help text (`foundation members`).
    static var members: String { get }
    /// What being on the list allows, for help text.
    static var role: String { get }
    /// The keys on the list.
    static func keys(in state: GlobalState) -> [PublicKey]
    /// The instruction that adds a key.
    static func addInstruction(_ args: PubkeyArgs) -> Instruction
    /// The instruction that removes a key.
    static func removeInstruction(_ args: PubkeyArgs) -> Instruction
}

/// The foundation allowlist.
enum FoundationAllowlist: GlobalKeyList {
    static let commandName = "allowlist"
    static let members = "foundation members"
    static let role = "Foundation members administer everything and may create users on devices that are not activated."
    static func keys(in state: GlobalState) -> [PublicKey] { state.foundationAllowlist }
    static func addInstruction(_ args: PubkeyArgs) -> Instruction { .addFoundationAllowlist(args) }
    static func removeInstruction(_ args: PubkeyArgs) -> Instruction { .removeFoundationAllowlist(args) }
}

/// The QA allowlist.
enum QAAllowlist: GlobalKeyList {
    static let commandName = "qa-allowlist"
    static let members = "QA keys"
    static let role = "QA keys create users without device status and capacity checks."
    static func keys(in state: GlobalState) -> [PublicKey] { state.qaAllowlist }
    static func addInstruction(_ args: PubkeyArgs) -> Instruction { .addQaAllowlist(args) }
    static func removeInstruction(_ args: PubkeyArgs) -> Instruction { .removeQaAllowlist(args) }
}
