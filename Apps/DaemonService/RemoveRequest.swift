import Models

/// The body of `POST /remove`: `{"user_type": "IBRL"}`. A missing or unknown type means IBRL, as upstream.
public struct RemoveRequest: Codable, Sendable, Hashable {
    /// The user type whose service to remove.
    public var userType: String?

    enum CodingKeys: String, CodingKey {
        case userType = "user_type"
    }

    /// A body naming `userType` (nil leaves the key out).
    public init(userType: String? = nil) {
        self.userType = userType
    }

    /// The class of service to remove: that of the named type, unicast when none or unknown is named.
    public var serviceClass: ServiceClass {
        userType.flatMap { UserType(apiName: $0) }.map(ServiceClass.init) ?? .unicast
    }
}
