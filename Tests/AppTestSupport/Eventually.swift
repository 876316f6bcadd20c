/// Waits until `condition` holds, checking every 20 ms for at most `timeout`; returns whether it
/// held (checked once more at the deadline).
public func eventually(within timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async rethrows
    -> Bool
{
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
