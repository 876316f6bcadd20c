import Models

extension UserType {
    /// `unicast` or `multicast`: the kind of tunnel and of device slot the user takes.
    var tunnelKind: String { isUnicast ? "unicast" : "multicast" }
}
