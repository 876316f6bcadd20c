/// One figure of `daemon-bench`, printed at the end as `daemon.NAME: VALUE UNIT`.
struct DaemonFigure {
    /// The name after `daemon.` (`install_100k_s`).
    let name: String
    /// The value, printed with `format` (`%.3f`).
    let value: Double
    /// The unit after the value (`s`, `MB`), or empty for a ratio.
    let unit: String
    /// The `printf` format of the value.
    var format = "%.3f"

    /// `daemon.NAME: VALUE UNIT`.
    var line: String {
        "daemon.\(name): " + String(format: format, value) + (unit.isEmpty ? "" : " \(unit)")
    }
}
