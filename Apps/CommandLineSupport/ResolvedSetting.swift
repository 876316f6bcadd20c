/// The value a ``CLISetting`` has for this command, and where it came from.
public struct ResolvedSetting<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value, ready to use (paths have `~` expanded).
    public let value: Value

    /// Where it came from.
    public let source: SettingSource

    /// Creates the resolved setting.
    public init(value: Value, source: SettingSource) {
        self.value = value
        self.source = source
    }
}
