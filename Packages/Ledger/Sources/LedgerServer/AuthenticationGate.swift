import Hummingbird
import Ledger
import Logging
import Models
import Synchronization

/// The server's authentication rate limit: an ``AuthenticationLimiter`` behind a lock, told
/// which keys have standing by ``StandingKeys``, counting into ``LedgerServerMetrics`` and logging
/// each lockout once. A locked-out key is answered 429 with `Retry-After` before its transaction
/// reaches the ledger.
public final class AuthenticationGate: Sendable {
    /// The error codes that count as a failed authentication: a signature that does not verify,
    /// or a signer without the authority the instruction needs.
    public static let failureCodes: Set<ErrorCode> = [
        .invalidSignature, .notAllowed, .unauthorized, .accessPassUnauthorized,
    ]

    /// The keys with standing.
    public let standing: StandingKeys
    private let limiter: Mutex<AuthenticationLimiter>
    private let metrics: LedgerServerMetrics
    private let logger: Logger

    /// A gate with `limits`, consulting `standing`.
    public init(
        limits: AuthenticationLimits, standing: StandingKeys, metrics: LedgerServerMetrics, logger: Logger
    ) {
        self.limiter = Mutex(AuthenticationLimiter(limits: limits))
        self.standing = standing
        self.metrics = metrics
        self.logger = logger
    }

    /// Whether any key, or every key without standing, is locked out now (a cheap look first).
    var hasLockouts: Bool {
        let now = ContinuousClock.now
        return limiter.withLock { $0.hasLockouts(at: now) }
    }

    /// nil when `signer` may be heard now; else the 429 to answer with.
    func refusal(for signer: PublicKey) -> Response? {
        let hasStanding = standing.contains(signer)
        let now = ContinuousClock.now
        let decision = limiter.withLock { $0.check(signer, standing: hasStanding, at: now) }
        let until: ContinuousClock.Instant
        let why: String
        switch decision {
        case .allowed: return nil
        case .keyLocked(let end):
            until = end
            why = "signer \(signer) failed authentication too often"
        case .globallyLocked(let end):
            until = end
            why = "too many keys failed authentication recently; keys unknown to the ledger are refused for now"
        }
        metrics.countAuthentication(.rateLimited)
        let seconds = max(1, Int(((until - now) / .seconds(1)).rounded(.up)))
        logger.debug("transaction refused: rate limited", metadata: ["ledger.signer": "\(signer)"])
        var response = Response.rejection(ProgramError(.rateLimited, "\(why); retry in \(seconds) s"))
        response.headers[.retryAfter] = String(seconds)
        return response
    }

    /// Counts a failed authentication by `signer`, logging any lockout it begins.
    func failed(_ signer: PublicKey) {
        metrics.countAuthentication(.failed)
        let hasStanding = standing.contains(signer)
        let now = ContinuousClock.now
        let lockouts = limiter.withLock { $0.recordFailure(signer, standing: hasStanding, at: now) }
        for lockout in lockouts {
            switch lockout {
            case .key(let key, let failures):
                metrics.countLockout(global: false)
                logger.warning(
                    "signer locked out after \(failures) failed authentications",
                    metadata: ["ledger.signer": "\(key)"])
            case .global(let distinct):
                metrics.countLockout(global: true)
                logger.warning(
                    "\(distinct) distinct keys failed authentication within the window: keys unknown to the ledger are locked out"
                )
            }
        }
        recordGauges(at: now)
    }

    /// Counts a successful authentication by `signer` (its failures are forgotten).
    func succeeded(_ signer: PublicKey) {
        metrics.countAuthentication(.succeeded)
        limiter.withLock { $0.recordSuccess(signer) }
    }

    /// Brings the lockout gauges up to date (also before each scrape).
    public func recordGauges(at now: ContinuousClock.Instant = .now) {
        let (locked, remaining, tracked) = limiter.withLock {
            ($0.lockedKeys(at: now), $0.globalLockoutRemaining(at: now), $0.trackedKeys)
        }
        metrics.recordLockouts(lockedKeys: locked, globalRemaining: remaining, trackedKeys: tracked)
    }
}
