import ArgumentParser

/// A closed set of values given on the command line by name, such as Models' `UserType` or
/// `DeviceStatus`.
///
/// A value matches a case when the two agree with case, `-` and `_` ignored, so the snake_case raw
/// value (`ibrl_with_allocated_ip`), kebab-case (`ibrl-with-allocated-ip`) and the upstream CLI's
/// spellings (`IBRLWithAllocatedIP`, `EdgeFiltering`, `GREOverDIA`) all work. Help and error messages
/// list the raw values, which are also what tables and JSON show.
public protocol CommandLineChoice: CaseIterable, ExpressibleByArgument, RawRepresentable where RawValue == String {}

extension CommandLineChoice {
    /// The case whose raw value matches `argument` (ignoring case, `-` and `_`), or nil.
    public init?(argument: String) {
        let wanted = Self.matchingForm(of: argument)
        guard let match = Self.allCases.first(where: { Self.matchingForm(of: $0.rawValue) == wanted }) else {
            return nil
        }
        self = match
    }

    /// The raw values, listed in help and in the message for a bad value.
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }

    /// The raw value, shown when the case is an option's default.
    public var defaultValueDescription: String { rawValue }

    /// `text` lower-cased without `-` and `_`: the form two spellings are compared in.
    private static func matchingForm(of text: String) -> String {
        String(text.lowercased().filter { $0 != "-" && $0 != "_" })
    }
}
