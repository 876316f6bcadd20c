import Foundation
import Ledger
import Models

extension NetworkChecks {
    /// Users pending or deleting for longer than the threshold: the activator is not doing its work.
    func userFindings(_ state: LedgerState, clock: UserStatusClock, now: Date) -> [Finding] {
        let limit = Self.seconds(thresholds.stuckUser)
        return clock.waiting.compactMap { key, waiting -> Finding? in
            let age = now.timeIntervalSince(waiting.since)
            guard age > limit, let user = state.users[key], user.status == waiting.status else { return nil }
            let device = state.devices[user.device]?.code ?? user.device.base58
            let expected = user.status == .pending ? "activated or rejected" : "closed"
            return Finding(
                .userStuck, Self.subject(user),
                "user \(user.pubkey.base58) (\(user.userType.rawValue), client \(user.clientIp) on \(device)) has "
                    + "been \(user.status.rawValue) for \(Self.span(age)) (threshold \(Self.span(limit))); the "
                    + "activator should have \(expected) it — check that doublezero-activator is running and "
                    + "following the ledger")
        }
    }
}
