import CommandLineSupport
import Models

extension ConnectionContext {
    /// How long to wait for the activator to activate a new user.
    static let activationLimit: Duration = .seconds(60)
    /// How long to wait for the activator to close a deleted user.
    static let deletionLimit: Duration = .seconds(120)

    /// Reports an existing user of this host that `connect` reuses, and refuses a banned one.
    func reuse(_ user: User) async throws {
        progress.say("    An account already exists with Pubkey: \(user.pubkey)")
        switch user.status {
        case .banned:
            progress.warn("❌  The user is banned.")
            throw CommandFailure("User is banned.")
        case .pending:
            try await awaitActivation(of: user.pubkey)
        case .activated:
            progress.step("account \(user.pubkey) is already activated")
        case .suspended, .deleting, .rejected:
            throw CommandFailure(
                "User \(user.pubkey) is \(user.status.rawValue)"
                    + (user.rejectReason.map { " (\($0))" } ?? "") + "; it cannot be connected")
        }
    }

    /// Follows the ledger until the activator has activated the user at `key`.
    ///
    /// - Throws: upstream's `Timeout reading user account`, or `User status not expected: …`
    ///   when the user was rejected or went away instead.
    func awaitActivation(of key: PublicKey) async throws {
        progress.step("account \(key) created; waiting for the activator")
        let outcome = try await session.waitForRecord(User.self, at: key, within: Self.activationLimit) { user in
            user?.status != .pending
        }
        switch outcome {
        case .timedOut:
            throw CommandFailure("Timeout reading user account")
        case .reached(let user?) where user.status == .activated:
            progress.step("account activated: tunnel \(user.tunnelNet), DoubleZero IP \(user.dzIp)")
        case .reached(let user):
            let status = user.map { $0.status.rawValue + ($0.rejectReason.map { " (\($0))" } ?? "") } ?? "closed"
            throw CommandFailure("User status not expected: \(status)")
        }
    }

    /// Follows the ledger until the user at `key` is closed.
    ///
    /// - Throws: upstream's `Timeout waiting for user deletion`.
    func awaitDeletion(of key: PublicKey) async throws {
        progress.step("waiting for the activator to close \(key)")
        let outcome = try await session.waitForRecord(User.self, at: key, within: Self.deletionLimit) { $0 == nil }
        if case .timedOut = outcome { throw CommandFailure("Timeout waiting for user deletion") }
        progress.step("account \(key) closed")
    }

    /// Signs and submits `instructions`, mapping a refusal to its one-line message.
    func submit(_ instructions: [Instruction]) async throws {
        _ = try await session.submit(instructions)
    }
}
