import ArgumentParser
import CommandLineSupport

/// doublezerod's route-liveness flags (RFC 7, BFD-like checks of learnt routes; upstream names and defaults).
struct RouteLivenessOptions: ParsableArguments {
    /// Desired interval between liveness packets sent.
    @Option(
        name: .long, help: ArgumentHelp("Desired liveness TX interval. (default: 1s)", valueName: "time"),
        transform: { try TimeSpan(validating: $0) })
    var routeLivenessTxMin = TimeSpan.seconds(1)

    /// Required interval between liveness packets received.
    @Option(
        name: .long, help: ArgumentHelp("Required liveness RX interval. (default: 1s)", valueName: "time"),
        transform: { try TimeSpan(validating: $0) })
    var routeLivenessRxMin = TimeSpan.seconds(1)

    /// Missed intervals before a route is declared down.
    @Option(name: .long, help: ArgumentHelp("Liveness detect multiplier.", valueName: "count"))
    var routeLivenessDetectMult = 3

    /// Lower clamp for the negotiated TX interval.
    @Option(
        name: .long, help: ArgumentHelp("Lowest liveness TX interval. (default: 50ms)", valueName: "time"),
        transform: { try TimeSpan(validating: $0) })
    var routeLivenessMinTxFloor = TimeSpan.milliseconds(50)

    /// Upper clamp for the negotiated TX interval.
    @Option(
        name: .long, help: ArgumentHelp("Highest liveness TX interval. (default: 3s)", valueName: "time"),
        transform: { try TimeSpan(validating: $0) })
    var routeLivenessMaxTxCeil = TimeSpan.seconds(3)

    /// Cap on the TX backoff while a session is down.
    @Option(
        name: .long,
        help: ArgumentHelp("Cap on the TX backoff while down; at least the floor. (default: 1m)", valueName: "time"),
        transform: { try TimeSpan(validating: $0) })
    var routeLivenessBackoffMax = TimeSpan.minutes(1)

    /// Passive mode: measure liveness but leave kernel routes alone.
    @Flag(
        name: .customLong("route-liveness-enable-passive"), inversion: .prefixedNo,
        help: "Run route liveness in passive mode (observe only).")
    var routeLivenessEnablePassive = true

    /// Active mode: liveness removes and restores kernel routes; overrides passive.
    @Flag(name: .long, help: "Let route liveness remove and restore kernel routes (overrides passive).")
    var routeLivenessEnableActive = false

    /// Rejects inconsistent liveness settings.
    func validate() throws {
        guard routeLivenessDetectMult >= 1 else {
            throw ValidationError("--route-liveness-detect-mult must be at least 1 (got \(routeLivenessDetectMult)).")
        }
        guard routeLivenessMinTxFloor <= routeLivenessMaxTxCeil else {
            throw ValidationError(
                "--route-liveness-min-tx-floor (\(routeLivenessMinTxFloor)) must not exceed "
                    + "--route-liveness-max-tx-ceil (\(routeLivenessMaxTxCeil)).")
        }
        guard routeLivenessBackoffMax >= routeLivenessMinTxFloor else {
            throw ValidationError(
                "--route-liveness-backoff-max (\(routeLivenessBackoffMax)) must be at least "
                    + "--route-liveness-min-tx-floor (\(routeLivenessMinTxFloor)).")
        }
    }
}
