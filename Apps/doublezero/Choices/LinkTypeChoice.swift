import ArgumentParser

/// A link's kind, as given with `--link-type`.
enum LinkTypeChoice: String, CaseIterable, ExpressibleByArgument {
    /// Both ends belong to the same contributor (the default).
    case wan
    /// A cross-contributor exchange link; side Z accepts it later.
    case dzx
}
