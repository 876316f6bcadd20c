extension NetworkNamespace {
    /// Runs `body` inside `namespace` (or where the caller is, when nil), passing the body's
    /// own errors through and reporting a failed namespace switch for `tunnel`.
    static func perform<T>(
        in namespace: NetworkNamespace?, tunnel: String, _ body: () throws(TunnelDatapathError) -> T
    ) throws(TunnelDatapathError) -> T {
        guard let namespace else { return try body() }
        let result: Result<T, TunnelDatapathError>
        do {
            result = try namespace.perform { () -> Result<T, TunnelDatapathError> in
                do throws(TunnelDatapathError) { return .success(try body()) } catch { return .failure(error) }
            }
        } catch {
            throw .namespace(error, tunnel: tunnel)
        }
        return try result.get()
    }
}
