import CommandLineSupport
import Ledger

extension Keypair {
    /// The keypair in the key file at `path` (`~` already expanded), checked: a file whose public key
    /// does not match its secret is refused.
    ///
    /// - Throws: ``CommandFailure`` saying what is wrong with the file, and how to make one when there is none.
    static func load(path: String) throws(CommandFailure) -> Keypair {
        do {
            return try Keypair(file: KeypairFile.load(path: path))
        } catch let error as KeypairFileError {
            if case .fileMissing = error {
                throw CommandFailure(
                    "\(error); create one with `doublezero keygen`, or name another with --keypair "
                        + "or `doublezero config set --keypair PATH`")
            }
            throw CommandFailure(error.description)
        } catch {
            throw CommandFailure("keypair file \(path): \(error)")
        }
    }
}
