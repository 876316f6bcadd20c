import ArgumentParser
import CommandLineSupport

/// `doublezero-controller render`: prints one device's config.
struct RenderConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the config of one device, rendered from the ledger's current state.",
        discussion: "Writes the EOS config text to standard output and exits."
    )

    /// The ledger to read.
    @OptionGroup var ledger: LedgerOption

    /// The device whose config to render.
    @Option(name: .long, help: ArgumentHelp("The device's code (e.g. ny5-dz01) or public key.", valueName: "code"))
    var device: String

    /// How to render.
    @OptionGroup var rendering: RenderingOptions

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezero-controller render", issue: .controller)
    }
}
