/// An address or route scope (`RT_SCOPE_*`).
public struct AddressScope: RawRepresentable, Hashable, Sendable {
    /// The kernel's value.
    public var rawValue: UInt8
    /// Wraps a kernel value.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `RT_SCOPE_UNIVERSE` (0): global; the DZ IP `/32`.
    public static let universe = AddressScope(rawValue: 0)
    /// `RT_SCOPE_LINK` (253): on-link; the tunnel's `/31` overlay address.
    public static let link = AddressScope(rawValue: 253)
    /// `RT_SCOPE_HOST` (254): this host only.
    public static let host = AddressScope(rawValue: 254)
    /// `RT_SCOPE_NOWHERE` (255): used in deletions to match any scope.
    public static let nowhere = AddressScope(rawValue: 255)
}
