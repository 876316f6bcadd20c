import LinuxHost

extension NetworkNamespace {
    /// Runs `body` inside `namespace` (on a thread that entered it; see ``NetworkNamespace``),
    /// or on the calling thread when `namespace` is nil, passing the body's own errors through
    /// and reporting a namespace that cannot be entered for `tunnel`.
    static func perform<T: Sendable>(
        in namespace: NetworkNamespace?, tunnel: String, _ body: @escaping @Sendable () throws(TunnelDatapathError) -> T
    ) throws(TunnelDatapathError) -> T {
        guard let namespace else { return try body() }
        let result: Result<T, TunnelDatapathError>
        do {
            result = try namespace.perform(body)
        } catch {
            throw .namespace(error, tunnel: tunnel)
        }
        return try result.get()
    }
}
