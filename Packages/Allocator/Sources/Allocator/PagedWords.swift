/// A sparse array of 64-bit words that reads as zero wherever nothing was written, stored in
/// pages of 1,024 words (8 KiB) created on first write.
///
/// Bitmaps over large ranges use it so that memory follows the addresses actually touched: a
/// reservation at the top of a /4 costs one page plus the page table (8 bytes per page up to
/// that one), not the whole range. Reads and writes are O(1) (two array indexings); creating a
/// page is O(page size).
struct PagedWords: Sendable {
    /// log2 of the words per page.
    private static let pageShift = 10
    /// Words per page.
    private static let pageSize = 1 << pageShift

    /// `pages[p]` holds words `p * pageSize ..< (p + 1) * pageSize`, or is empty if never written.
    private var pages: [[UInt64]] = []

    /// An array of zeros.
    init() {}

    /// The word at `index` (zero if never written).
    subscript(index: Int) -> UInt64 {
        let page = index >> Self.pageShift
        guard page < pages.count, !pages[page].isEmpty else { return 0 }
        return pages[page][index & (Self.pageSize - 1)]
    }

    /// Sets the word at `index`; writing zero where nothing was written allocates nothing.
    mutating func set(_ index: Int, _ value: UInt64) {
        let page = index >> Self.pageShift
        if page >= pages.count || pages[page].isEmpty {
            guard value != 0 else { return }
            if page >= pages.count {
                pages.append(contentsOf: repeatElement([], count: page - pages.count + 1))
            }
            pages[page] = Array(repeating: 0, count: Self.pageSize)
        }
        pages[page][index & (Self.pageSize - 1)] = value
    }

    /// Calls `body` with the index and value of every non-zero word, in ascending index order.
    func forEachNonZero(_ body: (Int, UInt64) -> Void) {
        for (page, words) in pages.enumerated() where !words.isEmpty {
            for (offset, word) in words.enumerated() where word != 0 {
                body(page << Self.pageShift | offset, word)
            }
        }
    }
}

extension PagedWords: Hashable {
    /// Equal when every word reads the same; how many pages exist does not matter.
    static func == (lhs: PagedWords, rhs: PagedWords) -> Bool {
        for page in 0..<max(lhs.pages.count, rhs.pages.count) {
            let left = page < lhs.pages.count ? lhs.pages[page] : []
            let right = page < rhs.pages.count ? rhs.pages[page] : []
            switch (left.isEmpty, right.isEmpty) {
            case (true, true): continue
            case (false, false): if left != right { return false }
            case (true, false): if right.contains(where: { $0 != 0 }) { return false }
            case (false, true): if left.contains(where: { $0 != 0 }) { return false }
            }
        }
        return true
    }

    /// Hashes the index and value of every non-zero word.
    func hash(into hasher: inout Hasher) {
        forEachNonZero { index, word in
            hasher.combine(index)
            hasher.combine(word)
        }
    }
}
