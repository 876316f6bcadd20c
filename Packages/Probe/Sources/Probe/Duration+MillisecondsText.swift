extension Duration {
    /// Milliseconds with three decimals, truncated to the microsecond (`3.100`, `-0.250`): how
    /// RTT summaries and refusal messages print durations.
    var millisecondsText: String {
        let (seconds, attoseconds) = components
        let micros = Int128(seconds) * 1_000_000 + Int128(attoseconds / 1_000_000_000_000)
        let magnitude = micros.magnitude
        let fraction = String(magnitude % 1000)
        let padded = String(repeating: "0", count: 3 - fraction.count) + fraction
        return "\(micros < 0 ? "-" : "")\(magnitude / 1000).\(padded)"
    }
}
