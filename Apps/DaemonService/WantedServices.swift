import Ledger
import Models

/// What the ledger wants this host to run (`reference/client.md` §2.13): among the activated users
/// whose client IP is this host's, the first unicast-class user and the first multicast user
/// (by public key, so the choice is stable), each turned into a ``WantedService``.
///
/// Pure: the tunnel source of the user types that need a route lookup comes from the
/// `tunnelSource` function the caller passes.
public struct WantedServices: Sendable, Hashable {
    /// The unicast service (`doublezero0`), if any.
    public var unicast: WantedService?
    /// The multicast service (`doublezero1`), if any.
    public var multicast: WantedService?
    /// How many activated users of each class matched this host (more than one: the rest are ignored).
    public var matchedUsers: [ServiceClass: Int]
    /// Why a matching user could not be turned into a service, by user.
    public var problems: [PublicKey: String]

    /// Nothing wanted.
    public static let none = WantedServices(unicast: nil, multicast: nil, matchedUsers: [:], problems: [:])

    /// A set of wanted services.
    public init(
        unicast: WantedService?, multicast: WantedService?, matchedUsers: [ServiceClass: Int],
        problems: [PublicKey: String]
    ) {
        self.unicast = unicast
        self.multicast = multicast
        self.matchedUsers = matchedUsers
        self.problems = problems
    }

    /// The service of `serviceClass`.
    public subscript(serviceClass: ServiceClass) -> WantedService? {
        serviceClass == .unicast ? unicast : multicast
    }

    /// Derives the wanted services of the host `clientIP` from `state`.
    ///
    /// - Parameter tunnelSource: the kernel's source address toward a tunnel destination (for
    ///   IBRL with allocated IP and multicast users, which may sit behind NAT); nil falls back to
    ///   `clientIP`.
    public init(
        state: LedgerState, clientIP: IPv4Address, tunnelSource: (IPv4Address) -> IPv4Address? = { _ in nil }
    ) {
        let mine = state.users.values
            .filter { $0.clientIp == clientIP && $0.status == .activated }
            .sorted { $0.pubkey.description < $1.pubkey.description }
        var matched: [ServiceClass: Int] = [.unicast: 0, .multicast: 0]
        var chosen: [ServiceClass: WantedService] = [:]
        var problems: [PublicKey: String] = [:]
        let prefixes = Self.fleetPrefixes(state)
        for user in mine {
            let serviceClass = ServiceClass(user.userType)
            matched[serviceClass, default: 0] += 1
            guard chosen[serviceClass] == nil else { continue }
            do throws(WantedServiceError) {
                chosen[serviceClass] = try Self.service(
                    for: user, state: state, clientIP: clientIP, prefixes: prefixes, tunnelSource: tunnelSource)
            } catch {
                problems[user.pubkey] = error.description
            }
        }
        self.init(
            unicast: chosen[.unicast], multicast: chosen[.multicast], matchedUsers: matched, problems: problems)
    }

    /// Every device's DoubleZero prefixes, sorted and without repeats.
    static func fleetPrefixes(_ state: LedgerState) -> [IPv4Prefix] {
        Set(state.devices.values.flatMap(\.dzPrefixes)).sorted {
            ($0.address, $0.length) < ($1.address, $1.length)
        }
    }

    /// The service one user asks for.
    static func service(
        for user: User, state: LedgerState, clientIP: IPv4Address, prefixes: [IPv4Prefix],
        tunnelSource: (IPv4Address) -> IPv4Address?
    ) throws(WantedServiceError) -> WantedService {
        guard let device = state.devices[user.device] else { throw .unknownDevice(user.device) }
        guard user.tunnelNet.length == 31 else { throw .badTunnelNet(user.tunnelNet) }
        let destination = user.tunnelEndpoint == .unspecified ? device.publicIp : user.tunnelEndpoint
        guard destination != .unspecified else { throw .noTunnelEndpoint(device.code) }
        let source: IPv4Address
        switch user.userType {
        case .ibrl, .edgeFiltering: source = clientIP
        case .ibrlWithAllocatedIP, .multicast: source = tunnelSource(destination) ?? clientIP
        }
        var subscriptions: [MulticastSubscription] = []
        var publisherGroups: [IPv4Address] = []
        var subscriberGroups: [IPv4Address] = []
        if user.userType == .multicast {
            let published = Set(user.publishers)
            let subscribed = Set(user.subscribers)
            let keys = (user.publishers + user.subscribers.filter { !published.contains($0) })
            for key in keys {
                guard let group = state.multicastGroups[key] else { continue }
                subscriptions.append(
                    MulticastSubscription(
                        pubkey: key, code: group.code, multicastIP: group.multicastIp,
                        maxBandwidth: group.maxBandwidth, publisher: published.contains(key),
                        subscriber: subscribed.contains(key)))
                if published.contains(key) { publisherGroups.append(group.multicastIp) }
                if subscribed.contains(key) { subscriberGroups.append(group.multicastIp) }
            }
        }
        let isSubscriberOnly = user.userType == .multicast && publisherGroups.isEmpty
        let request = ServiceRequest(
            userType: user.userType, tunnelSource: source, tunnelDestination: destination, tunnelNet: user.tunnelNet,
            doubleZeroIP: isSubscriberOnly ? nil : user.dzIp, doubleZeroPrefixes: prefixes,
            subscriberGroups: subscriberGroups, publisherGroups: publisherGroups,
            localASN: state.globalConfig?.localAsn ?? ServiceRequest.defaultLocalASN,
            remoteASN: state.globalConfig?.remoteAsn ?? ServiceRequest.defaultRemoteASN)
        return WantedService(
            request: request, user: user.pubkey, deviceCode: device.code, device: device.pubkey,
            metro: state.exchanges[device.exchange]?.name ?? "", subscriptions: subscriptions)
    }
}
