import PropertyBased

/// A deterministic random source (swift-property-based's `Xoshiro`), so a failing seed
/// reproduces exactly.
///
/// Besides raw numbers it offers the few draws the random transaction generator needs:
/// ``pick(_:)``, ``chance(_:)``, ``element(_:)`` and ``seedBytes()``.
struct SeededRandomSource: RandomNumberGenerator {
    private var generator: Xoshiro

    /// A source whose whole sequence is fixed by `seed`. The seed goes in the second state word
    /// too: xoshiro256**'s first output depends on that word alone.
    init(seed: UInt64) { generator = Xoshiro(seed: (seed, seed ^ 0x9E37_79B9_7F4A_7C15, 2, 3)) }

    /// The next 64 random bits.
    mutating func next() -> UInt64 { generator.next() }

    /// A number in 0..<count.
    mutating func pick(_ count: Int) -> Int { Int.random(in: 0..<count, using: &self) }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { pick(100) < percent }

    /// One of `items`, which must not be empty.
    mutating func element<T>(_ items: [T]) -> T { items[pick(items.count)] }

    /// 32 random bytes: a valid Ed25519 seed, or the bytes of a key that names nothing.
    mutating func seedBytes() -> [UInt8] {
        (0..<4).flatMap { _ in withUnsafeBytes(of: next()) { Array($0) } }
    }
}
