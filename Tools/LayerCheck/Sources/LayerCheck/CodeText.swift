/// Swift source text with comments and string literal contents blanked out, keeping every line
/// break so line numbers still match the original.
enum CodeText {
    /// `text` with comments (line, nested block) and string literals (plain, multi-line, raw)
    /// replaced by spaces, line breaks kept.
    static func strippingCommentsAndStrings(from text: String) -> String {
        let characters = Array(text)
        var output = ""
        output.reserveCapacity(characters.count)
        var index = 0

        /// Whether `literal` starts at `position`.
        func starts(_ literal: String, at position: Int) -> Bool {
            var position = position
            for character in literal {
                guard position < characters.count, characters[position] == character else { return false }
                position += 1
            }
            return true
        }
        /// Copies line breaks, blanks anything else, from `start` up to (not including) `end`.
        func blank(_ start: Int, _ end: Int) {
            for position in start..<min(end, characters.count) {
                output.append(characters[position].isNewline ? "\n" : " ")
            }
        }

        while index < characters.count {
            let character = characters[index]
            if starts("//", at: index) {
                var end = index
                while end < characters.count, !characters[end].isNewline { end += 1 }
                blank(index, end)
                index = end
            } else if starts("/*", at: index) {
                var depth = 0
                var end = index
                repeat {
                    if starts("/*", at: end) {
                        depth += 1
                        end += 2
                    } else if starts("*/", at: end) {
                        depth -= 1
                        end += 2
                    } else {
                        end += 1
                    }
                } while depth > 0 && end < characters.count
                blank(index, end)
                index = end
            } else if character == "#" || character == "\"" {
                var hashes = 0
                while index + hashes < characters.count, characters[index + hashes] == "#" { hashes += 1 }
                let quoteStart = index + hashes
                guard quoteStart < characters.count, characters[quoteStart] == "\"" else {
                    // A `#` not opening a raw string (`#if`, `#filePath`): keep it.
                    output.append(contentsOf: String(characters[index..<quoteStart]))
                    index = quoteStart
                    continue
                }
                let closingHashes = String(repeating: "#", count: hashes)
                let isMultiLine = starts("\"\"\"", at: quoteStart)
                let delimiter = (isMultiLine ? "\"\"\"" : "\"") + closingHashes
                var end = quoteStart + (isMultiLine ? 3 : 1)
                while end < characters.count {
                    if characters[end] == "\\" && hashes == 0 {
                        end += 2
                    } else if starts(delimiter, at: end) {
                        end += delimiter.count
                        break
                    } else if !isMultiLine && characters[end].isNewline {
                        break
                    } else {
                        end += 1
                    }
                }
                blank(index, end)
                index = end
            } else {
                output.append(character)
                index += 1
            }
        }
        return output
    }
}
