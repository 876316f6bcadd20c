/// Device interface names, normalised the way upstream `validate_iface` does.
///
/// Accepted shapes (case-insensitive, then capitalised): `EthernetN[/N[/N]]`, `SwitchN/N/N`,
/// `LoopbackN`, `Port-channelN`, `VlanN`, each optionally followed by a sub-interface `.N`.
/// The short forms `et`, `sw`, `lo`, `po` and `vl` expand to the full names, so `et1/1` becomes
/// `Ethernet1/1` and `lo255` becomes `Loopback255`.
public enum InterfaceName {
    private struct Family {
        let name: String
        let short: String
        let numberGroups: ClosedRange<Int>
    }

    private static let families = [
        Family(name: "ethernet", short: "et", numberGroups: 1...3),
        Family(name: "switch", short: "sw", numberGroups: 3...3),
        Family(name: "loopback", short: "lo", numberGroups: 1...1),
        Family(name: "port-channel", short: "po", numberGroups: 1...1),
        Family(name: "vlan", short: "vl", numberGroups: 1...1),
    ]

    /// Returns the normalised name, or throws `InvalidInterfaceName` naming what is wrong.
    public static func normalize(_ raw: String, field: String = "name") throws(ProgramError) -> String {
        let lower = raw.lowercased()
        // Longest match first, so "port-channel" wins over "po".
        var match: (family: Family, rest: Substring)?
        for family in families {
            if lower.hasPrefix(family.name) {
                match = (family, lower.dropFirst(family.name.count))
                break
            }
        }
        if match == nil {
            for family in families where lower.hasPrefix(family.short) {
                match = (family, lower.dropFirst(family.short.count))
                break
            }
        }
        guard let (family, rest) = match else {
            throw ProgramError(
                .invalidInterfaceName,
                "interface name '\(raw)' must start with Ethernet, Switch, Loopback, Port-channel or Vlan",
                field: field)
        }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let groups = parts[0].split(separator: "/", omittingEmptySubsequences: false)
        guard family.numberGroups.contains(groups.count), groups.allSatisfy(isNumber),
            parts.count == 1 || isNumber(parts[1])
        else {
            let shape =
                family.numberGroups.upperBound == 1 ? "N" : family.numberGroups.lowerBound == 3 ? "N/N/N" : "N[/N[/N]]"
            throw ProgramError(
                .invalidInterfaceName,
                "interface name '\(raw)' is not of the form \(family.name.capitalizedFirst)\(shape)[.N]",
                field: field)
        }
        return family.name.capitalizedFirst + rest
    }

    /// Whether a normalised name is a loopback (`Loopback…`).
    public static func isLoopback(_ normalized: String) -> Bool {
        normalized.hasPrefix("Loopback")
    }

    private static func isNumber(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 5 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

extension String {
    /// The string with its first character upper-cased.
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
