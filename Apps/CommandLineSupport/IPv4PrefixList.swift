import ArgumentParser
import Foundation
import Models

/// A comma-separated list of IPv4 prefixes, as given with `--dz-prefixes 64.86.249.80/29,64.86.250.0/30`.
///
/// Spaces around the commas are allowed; an empty list or an item that is not `a.b.c.d/n` is a
/// usage error naming the flag.
public struct IPv4PrefixList: Sendable, Hashable, CustomStringConvertible, ExpressibleByArgument {
    /// The prefixes, in the order given.
    public let prefixes: [IPv4Prefix]

    /// Wraps prefixes already parsed.
    public init(_ prefixes: [IPv4Prefix]) {
        self.prefixes = prefixes
    }

    /// Parses `a.b.c.d/n[,a.b.c.d/n…]`, or returns nil when the list is empty or an item is malformed.
    public init?(argument: String) {
        let items = argument.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let prefixes = items.compactMap(IPv4Prefix.init)
        guard !items.isEmpty, prefixes.count == items.count else { return nil }
        self.prefixes = prefixes
    }

    /// The prefixes joined with commas.
    public var description: String { prefixes.map(\.description).joined(separator: ",") }
}
