import ArgumentParser

extension ExitCode {
    /// Exit code 69 (`EX_UNAVAILABLE` in sysexits.h): the command exists but the feature behind it is
    /// not built yet (see ``NotBuiltYet``). Nothing was done.
    public static let unavailable = ExitCode(69)

    /// The exit codes every DoubleZero app uses, as a help paragraph for a root command's discussion.
    public static let summary = """
        EXIT STATUS:
          0   success
          1   the command failed
          64  bad arguments (usage error; EX_USAGE)
          69  the command is not built yet; nothing was done (EX_UNAVAILABLE)
        """
}
