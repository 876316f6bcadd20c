import ArgumentParser
import Foundation

/// A bit rate given on the command line as a number and a unit, such as `10Gbps`, `400Mbps` or `1.5Tbps`,
/// and shown the same way.
///
/// Units are `bps`, `Kbps`, `Mbps`, `Gbps` and `Tbps` (case-insensitive; the `bps` may be left out, so
/// `10G` works). A bare number is bits per second. Negative, fractional-bit and overflowing values are
/// rejected.
public struct Bandwidth: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByArgument {
    /// The units, largest first, with their size in bits per second.
    private static let units: [(name: String, bitsPerSecond: UInt64)] = [
        ("Tbps", 1_000_000_000_000), ("Gbps", 1_000_000_000), ("Mbps", 1_000_000), ("Kbps", 1_000), ("bps", 1),
    ]

    /// The rate in bits per second.
    public let bitsPerSecond: UInt64

    /// Wraps a rate in bits per second.
    public init(bitsPerSecond: UInt64) {
        self.bitsPerSecond = bitsPerSecond
    }

    /// Parses `<number>[K|M|G|T][bps]`, or returns nil for anything else.
    public init?(argument: String) {
        var text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasSuffix("bps") { text.removeLast(3) }
        var multiplier: UInt64 = 1
        if let last = text.last, let unit = Self.units.first(where: { $0.name.lowercased().first == last }),
            unit.bitsPerSecond > 1
        {
            multiplier = unit.bitsPerSecond
            text.removeLast()
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let number = Double(text), number.isFinite
        else { return nil }
        let bits = (number * Double(multiplier)).rounded()
        guard bits >= 0, bits < Double(UInt64.max), bits == number * Double(multiplier) else { return nil }
        self.init(bitsPerSecond: UInt64(bits))
    }

    /// The rate in the largest unit that leaves at least 1, with up to two decimals: `10Gbps`, `1.5Tbps`.
    public var description: String {
        let unit = Self.units.first { bitsPerSecond >= $0.bitsPerSecond } ?? Self.units[Self.units.count - 1]
        let value = Double(bitsPerSecond) / Double(unit.bitsPerSecond)
        var number = String(format: "%.2f", value)
        while number.hasSuffix("0") { number.removeLast() }
        if number.hasSuffix(".") { number.removeLast() }
        return number + unit.name
    }

    /// The rate shown as an option's default.
    public var defaultValueDescription: String { description }

    /// Orders rates by size.
    public static func < (lhs: Bandwidth, rhs: Bandwidth) -> Bool { lhs.bitsPerSecond < rhs.bitsPerSecond }
}
