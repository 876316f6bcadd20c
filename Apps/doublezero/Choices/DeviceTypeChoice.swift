import ArgumentParser

/// A device's role, as given with `--device-type` (RFC 12).
enum DeviceTypeChoice: String, CaseIterable, ExpressibleByArgument {
    /// Terminates users and routes transit traffic (the default).
    case hybrid
    /// Only routes; takes no users.
    case transit
    /// Only terminates users.
    case edge
}
