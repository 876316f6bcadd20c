import Foundation
import Models

/// pimd's `show ip pim join json`, read for the forwarder: per interface, the groups with a
/// (*,G) or (S,G) channel in JOIN state.
public enum PIMJoinState {
    /// The joined groups by interface name; nothing for output it cannot read.
    public static func joins(inJSON text: String) -> [String: Set<IPv4Address>] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return [:]
        }
        var joins: [String: Set<IPv4Address>] = [:]
        for (interface, value) in object {
            guard let entries = value as? [String: Any] else { continue }
            for (key, channels) in entries {
                guard let group = IPv4Address(key), let channels = channels as? [String: Any] else { continue }
                let joined = channels.values.contains { channel in
                    (channel as? [String: Any])?["channelJoinName"] as? String == "JOIN"
                }
                if joined { joins[interface, default: []].insert(group) }
            }
        }
        return joins
    }
}
