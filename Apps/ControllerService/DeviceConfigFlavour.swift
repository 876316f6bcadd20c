/// The config language a device agent asks for (`?flavour=` of `GET /v1/devices/{device}/config`).
public enum DeviceConfigFlavour: String, CaseIterable, Sendable {
    /// Arista EOS CLI text (the default; upstream's format).
    case eos
    /// FRR configuration text for a Linux software device (`frr-reload.py` input).
    case frr

    /// The allowed values, for error messages: `eos, frr`.
    public static var allowedValues: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
