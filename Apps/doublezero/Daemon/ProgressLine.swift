import CommandLineSupport
import Foundation
import Glibc
import Synchronization

/// How `connect` and `disconnect` show what they are doing: the steps on standard error and the
/// result lines on standard output (upstream's `⚡  Connecting…` lines).
///
/// On a terminal the current step is one line with a spinner, redrawn in place (`⠹ DoubleZero
/// Network: waiting for the activator…`); when standard error is not a terminal each step is a plain
/// line (`… waiting for the activator`), so logs and tests read the same story.
final class ProgressLine: Sendable {
    /// The spinner's frames.
    private static let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    /// What is drawn now.
    private struct State {
        var step: String?
        var frame = 0
        var ticker: Task<Void, Never>?
    }

    /// Whether standard error is a terminal (the spinner) or not (plain lines).
    let isTerminal: Bool
    private let state = Mutex(State())

    /// A progress display on this process's standard error.
    init() {
        isTerminal = isatty(STDERR_FILENO) == 1
    }

    /// Shows `text` as the step now under way.
    func step(_ text: String) {
        guard isTerminal else {
            printError("… \(text)")
            return
        }
        let start = state.withLock { state -> Bool in
            state.step = text
            return state.ticker == nil
        }
        if start {
            let ticker = Task { [weak self] in
                while !Task.isCancelled {
                    self?.redraw(advancing: true)
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
            state.withLock { $0.ticker = ticker }
        }
        redraw(advancing: false)
    }

    /// Prints a result line on standard output (clearing the spinner line around it).
    func say(_ line: String) {
        clearLine()
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
        redraw(advancing: false)
    }

    /// Prints a note on standard error (clearing the spinner line around it).
    func warn(_ line: String) {
        clearLine()
        printError(line)
        redraw(advancing: false)
    }

    /// Stops the spinner and clears its line.
    func finish() {
        let ticker = state.withLock { state -> Task<Void, Never>? in
            state.step = nil
            defer { state.ticker = nil }
            return state.ticker
        }
        ticker?.cancel()
        clearLine()
    }

    /// Draws the current step with the next (or the same) spinner frame.
    private func redraw(advancing: Bool) {
        guard isTerminal else { return }
        let text = state.withLock { state -> String? in
            guard let step = state.step else { return nil }
            if advancing { state.frame = (state.frame + 1) % Self.frames.count }
            return "\r\u{1B}[2K\(Self.frames[state.frame]) DoubleZero Network: \(step)"
        }
        if let text { FileHandle.standardError.write(Data(text.utf8)) }
    }

    /// Erases the spinner line.
    private func clearLine() {
        guard isTerminal, state.withLock({ $0.step != nil }) else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
