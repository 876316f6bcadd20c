/// The query parameters of `GET /v1/log`.
public enum LogStreamQuery {
    /// The first sequence to send (inclusive); default 1.
    public static let from = "from"
    /// `false` ends the stream at the head as it was when the request arrived; default `true`.
    public static let follow = "follow"
}
