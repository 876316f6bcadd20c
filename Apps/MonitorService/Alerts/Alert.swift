import Foundation

/// An open or cleared alert: a finding with the times it was first and last seen.
public struct Alert: Sendable, Hashable, Codable {
    /// What is wrong (the latest wording while open).
    public var finding: Finding
    /// When an evaluation first found it.
    public var firstSeen: Date
    /// When an evaluation last found it.
    public var lastSeen: Date
    /// When it cleared; nil while open.
    public var cleared: Date?

    /// A newly opened alert.
    public init(finding: Finding, at time: Date) {
        self.finding = finding
        self.firstSeen = time
        self.lastSeen = time
        self.cleared = nil
    }

    /// Whether it is still open.
    public var isOpen: Bool { cleared == nil }
}
