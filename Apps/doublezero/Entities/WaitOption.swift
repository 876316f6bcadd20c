import ArgumentParser

/// `-w/--wait`: after a change is accepted, wait until it has taken effect (e.g. the activator has
/// activated a new account or closed a deleted one) before returning.
struct WaitOption: ParsableArguments {
    /// Whether to wait.
    @Flag(name: .shortAndLong, help: "Wait until the change has taken effect (activated, or closed).")
    var wait = false
}
