/// The answer of the endpoints that do something (`/provision`, `/remove`, `/enable`, `/disable`):
/// `{"status": "ok"}`, or `{"status": "error", "description": "…"}`.
public struct ActionResponse: Codable, Sendable, Hashable {
    /// `ok` or `error`.
    public var status: String
    /// What went wrong; absent on success.
    public var description: String?

    /// `{"status": "ok"}`.
    public static let ok = ActionResponse(status: "ok", description: nil)

    /// `{"status": "error", "description": description}`.
    public static func error(_ description: String) -> ActionResponse {
        ActionResponse(status: "error", description: description)
    }

    /// An answer with the given fields.
    public init(status: String, description: String?) {
        self.status = status
        self.description = description
    }
}
