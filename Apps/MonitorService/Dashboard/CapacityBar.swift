/// A bar of used against available, drawn as inline SVG on the dashboard and given as numbers in
/// the JSON: a device's users against its limit, a pool's allocations against its size.
public struct CapacityBar: Sendable, Hashable, Codable {
    /// What is used.
    public var used: Int
    /// What there is (0: nothing may be used).
    public var limit: Int
    /// used / limit in percent, rounded (100 when the limit is 0 and something is used, 0 when nothing is).
    public var percent: Int
    /// `ok` below 80 %, `high` from 80 %, `full` from 100 %.
    public var level: String
    /// The filled width in the 100-unit SVG, 0...100.
    public var width: Int

    /// A bar of `used` out of `limit`.
    public init(used: Int, limit: Int) {
        self.used = used
        self.limit = limit
        let fraction: Double = limit > 0 ? Double(used) / Double(limit) : (used > 0 ? 1 : 0)
        percent = Int((fraction * 100).rounded())
        level = fraction >= 1 ? "full" : fraction >= 0.8 ? "high" : "ok"
        width = min(100, max(0, Int((fraction * 100).rounded())))
    }
}
