import ArgumentParser

/// The filters of a `list` that takes none: every account of the kind is listed.
struct NoListFilters: ParsableArguments {}
