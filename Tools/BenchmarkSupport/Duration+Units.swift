extension Duration {
    /// The duration in seconds.
    public var inSeconds: Double { self / .seconds(1) }
    /// The duration in milliseconds.
    public var inMilliseconds: Double { self / .milliseconds(1) }
    /// The duration in microseconds.
    public var inMicroseconds: Double { self / .microseconds(1) }
}
