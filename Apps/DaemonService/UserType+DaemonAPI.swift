import Models

extension UserType {
    /// The spelling the daemon's API uses: `IBRL`, `IBRLWithAllocatedIP`, `EdgeFiltering` or `Multicast`.
    public var apiName: String {
        switch self {
        case .ibrl: "IBRL"
        case .ibrlWithAllocatedIP: "IBRLWithAllocatedIP"
        case .edgeFiltering: "EdgeFiltering"
        case .multicast: "Multicast"
        }
    }

    /// The user type the API spells `apiName`, or nil for anything else (the match is exact).
    public init?(apiName: String) {
        guard let type = UserType.allCases.first(where: { $0.apiName == apiName }) else { return nil }
        self = type
    }
}
