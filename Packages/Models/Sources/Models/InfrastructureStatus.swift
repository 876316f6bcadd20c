/// Status of a location, exchange or contributor: these need no allocation, so they are
/// created `activated` and may be suspended and resumed.
public enum InfrastructureStatus: String, CaseIterable, Sendable, Codable {
    /// In service.
    case activated
    /// Taken out of service by the foundation; may be resumed.
    case suspended
}
