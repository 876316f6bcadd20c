import ArgumentParser
import CommandLineSupport
import LedgerServer

/// The `--auth-*` options: the authentication rate limit of `serve` (per signing key, and across
/// keys the ledger does not know).
struct AuthenticationLimitOptions: ParsableArguments {
    /// Failures that lock a key out.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Failed signature or authorization attempts by one key, within --auth-failure-window, that lock it "
                + "out (at least 1). (default: 5)", valueName: "count"))
    var authMaxFailures = 5

    /// The window they are counted in.
    @Option(
        name: .long, help: ArgumentHelp("The window those failures are counted in. (default: 60s)", valueName: "time"),
        transform: { try TimeSpan(validating: $0) })
    var authFailureWindow = TimeSpan.seconds(60)

    /// How long a key stays locked.
    @Option(
        name: .long, help: ArgumentHelp("How long a key stays locked out. (default: 60s)", valueName: "time"),
        transform: { try TimeSpan(validating: $0) })
    var authLockout = TimeSpan.seconds(60)

    /// Distinct failing keys that trigger the global lockout.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Distinct failing keys, within --auth-global-window, that lock out every key the ledger does not know "
                + "(at least 1). (default: 10)", valueName: "count"))
    var authGlobalKeys = 10

    /// The window they are counted in.
    @Option(
        name: .long, help: ArgumentHelp("The window those keys are counted in. (default: 10s)", valueName: "time"),
        transform: { try TimeSpan(validating: $0) })
    var authGlobalWindow = TimeSpan.seconds(10)

    /// How long the global lockout lasts.
    @Option(
        name: .long, help: ArgumentHelp("How long the global lockout lasts. (default: 60s)", valueName: "time"),
        transform: { try TimeSpan(validating: $0) })
    var authGlobalLockout = TimeSpan.seconds(60)

    /// The most keys tracked.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The most failing keys remembered at once; the oldest are forgotten first (at least 1). (default: 10000)",
            valueName: "count"))
    var authMaxTrackedKeys = 10_000

    /// Rejects counts below 1 and zero durations.
    func validate() throws {
        for (name, value) in [
            ("--auth-max-failures", authMaxFailures), ("--auth-global-keys", authGlobalKeys),
            ("--auth-max-tracked-keys", authMaxTrackedKeys),
        ] where value < 1 {
            throw ValidationError("\(name) must be at least 1 (got \(value)).")
        }
        for (name, value) in [
            ("--auth-failure-window", authFailureWindow), ("--auth-lockout", authLockout),
            ("--auth-global-window", authGlobalWindow), ("--auth-global-lockout", authGlobalLockout),
        ] where value.duration <= .zero {
            throw ValidationError("\(name) must be longer than zero (got \(value)).")
        }
    }

    /// The limits as the server takes them.
    var limits: AuthenticationLimits {
        AuthenticationLimits(
            maxFailures: authMaxFailures, failureWindow: authFailureWindow.duration, keyLockout: authLockout.duration,
            globalDistinctKeys: authGlobalKeys, globalWindow: authGlobalWindow.duration,
            globalLockout: authGlobalLockout.duration, maxTrackedKeys: authMaxTrackedKeys)
    }
}
