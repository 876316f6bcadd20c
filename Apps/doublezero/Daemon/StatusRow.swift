import CommandLineSupport
import DaemonService
import Foundation

/// One row of `doublezero status`: a service doublezerod runs (or the synthetic `disconnected`
/// row when it runs none), as upstream's table and JSON show it (client.md §4.3).
///
/// JSON: `{"response": {"doublezero_status": {…}, "tunnel_name", "tunnel_src", "tunnel_dst",
/// "doublezero_ip", "user_type"}, "reconciler_enabled", "tenant", "current_device",
/// "lowest_latency_device", "metro", "network", "multicast_groups", "subscriptions"}`.
struct StatusRow: Encodable, Sendable {
    /// The service in `/status`'s shape.
    let response: ServiceStatus
    /// Whether the reconciler is enabled.
    let reconcilerEnabled: Bool
    /// The tenant code, or `""`.
    let tenant: String
    /// The code of the device the tunnel goes to, or `""`.
    let currentDevice: String
    /// The code of the lowest-latency device, or `""`.
    let lowestLatencyDevice: String
    /// The current device's exchange name, or `""`.
    let metro: String
    /// The network moniker.
    let network: String
    /// `P:<code>,…,S:<code>,…`.
    let multicastGroups: String
    /// The groups with their details.
    let subscriptions: [MulticastSubscription]

    enum CodingKeys: String, CodingKey {
        case response
        case reconcilerEnabled = "reconciler_enabled"
        case tenant
        case currentDevice = "current_device"
        case lowestLatencyDevice = "lowest_latency_device"
        case metro, network
        case multicastGroups = "multicast_groups"
        case subscriptions
    }

    /// The rows of `status`: one per service, or the one `disconnected` row.
    static func rows(of status: DaemonStatus) -> [StatusRow] {
        guard !status.services.isEmpty else {
            return [
                StatusRow(
                    response: .disconnected, reconcilerEnabled: status.reconcilerEnabled, tenant: "",
                    currentDevice: "", lowestLatencyDevice: "", metro: "", network: status.network,
                    multicastGroups: "", subscriptions: [])
            ]
        }
        return status.services.map { service in
            StatusRow(
                response: ServiceStatus(service), reconcilerEnabled: status.reconcilerEnabled, tenant: service.tenant,
                currentDevice: service.currentDevice, lowestLatencyDevice: service.lowestLatencyDevice,
                metro: service.metro, network: status.network,
                multicastGroups: (service.multicastGroups.publisher.map { "P:\($0)" }
                    + service.multicastGroups.subscriber.map { "S:\($0)" }).joined(separator: ","),
                subscriptions: service.subscriptions)
        }
    }

    /// The table's columns, upstream's titles and cells.
    static var columns: [TableColumn<StatusRow>] {
        [
            TableColumn("Tunnel Status") { $0.response.session.state.rawValue },
            TableColumn("Last Session Update") { row in
                guard let seconds = row.response.session.lastUpdate, seconds > 0 else { return "" }
                return timestampFormatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            },
            TableColumn("Tunnel Name") { $0.response.tunnelName ?? "" },
            TableColumn("Tunnel Src") { $0.response.tunnelSource ?? "" },
            TableColumn("Tunnel Dst") { $0.response.tunnelDestination ?? "" },
            TableColumn("Doublezero IP") { $0.response.doubleZeroIP ?? "" },
            TableColumn("User Type") { $0.response.userType ?? "" },
            TableColumn("Reconciler") { $0.reconcilerEnabled ? "true" : "false" },
            TableColumn("Tenant") { $0.tenant },
            TableColumn("Current Device") { orNotAvailable($0.currentDevice) },
            TableColumn("Lowest Latency Device") { row in
                guard !row.lowestLatencyDevice.isEmpty else { return "N/A" }
                guard row.response.session.state == .up, !row.currentDevice.isEmpty else {
                    return row.lowestLatencyDevice
                }
                return (row.lowestLatencyDevice == row.currentDevice ? "✅ " : "⚠️ ") + row.lowestLatencyDevice
            },
            TableColumn("Metro") { orNotAvailable($0.metro) },
            TableColumn("Network") { orNotAvailable($0.network) },
            TableColumn("Multicast Groups") { $0.multicastGroups },
        ]
    }

    /// `N/A` for an empty cell.
    private static func orNotAvailable(_ text: String) -> String { text.isEmpty ? "N/A" : text }

    /// `2025-10-14 17:59:41 UTC`.
    private static let timestampFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter
    }()
}
