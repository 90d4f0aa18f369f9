/// Display width of text in terminal cells, measured per grapheme cluster (Character), as a terminal draws it:
/// East Asian Wide / Fullwidth and emoji presentation take two cells, combining marks, zero-width characters
/// and controls take none. Provider text is cleaned upstream, but widths are never trusted.
public enum TextWidth {
    /// Cells taken by a whole string.
    public static func cells(_ s: String) -> Int {
        if let simple = simpleCells(s) { return simple }
        return s.reduce(0) { $0 + cells($1) }
    }

    /// The width of text made only of printable ASCII and the plain narrow blocks (see `plainNarrowRanges`), or nil
    /// for any other text. Each such scalar is a character of its own and one cell, so most of what a board
    /// writes is measured without grapheme breaking or Unicode property lookups, which were a fifth of a key's CPU.
    public static func simpleCells(_ s: String) -> Int? {
        // Read as UTF-8 bytes: a board's text is mostly ASCII, a byte a scalar, and the scalar view decodes each.
        if let counted = s.utf8.withContiguousStorageIfAvailable(simpleCells(utf8:)) { return counted }
        var count = 0
        for scalar in s.unicodeScalars {
            guard isPrintableASCII(scalar.value) || isPlainNarrow(scalar.value) else { return nil }
            count += 1
        }
        return count
    }

    /// `simpleCells` over valid UTF-8 (as a String holds it).
    private static func simpleCells(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var count = 0
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                guard isPrintableASCII(UInt32(lead)) else { return nil }
                index += 1
            } else {
                // Every plain narrow scalar is below U+2600: two or three bytes.
                guard lead < 0xF0, index + 1 < bytes.count else { return nil }
                let value: UInt32
                if lead < 0xE0 {
                    value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                    index += 2
                } else {
                    guard index + 2 < bytes.count else { return nil }
                    value =
                        UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                        | UInt32(bytes[index + 2] & 0x3F)
                    index += 3
                }
                guard isPlainNarrow(value) else { return nil }
            }
            count += 1
        }
        return count
    }

    /// Cells taken by one grapheme cluster: 0, 1 or 2.
    public static func cells(_ c: Character) -> Int {
        if let ascii = c.asciiValue { return isPrintableASCII(UInt32(ascii)) ? 1 : 0 }
        let scalars = c.unicodeScalars
        if let only = scalars.first, scalars.count == 1, isPlainNarrow(only.value) { return 1 }
        return propertyCells(scalars)
    }

    /// Blocks a board draws all the time (Latin, Greek and Cyrillic letters, punctuation such as "—" and "…",
    /// currency signs, arrows, box drawing, shapes such as "◷") hold no marks, format characters, wide or emoji
    /// presentation characters, so a lone scalar there is one cell without the Unicode property lookups. A test
    /// checks every scalar of these ranges against `propertyCells`.
    static let plainNarrowRanges: [ClosedRange<UInt32>] = [
        0x00A0...0x00AC, 0x00AE...0x02FF, // Latin-1 (but the soft hyphen) to spacing modifiers
        0x0370...0x0482, 0x048A...0x04FF, // Greek and Cyrillic, without Cyrillic's combining marks
        0x2010...0x2027, 0x2030...0x205E, // general punctuation, without separators and format characters
        0x20A0...0x20C0, // currency signs
        0x2190...0x21FF, // arrows
        0x2500...0x25FC, // box drawing, blocks, geometric shapes (25FD and 25FE are emoji)
    ]

    static func isPlainNarrow(_ value: UInt32) -> Bool {
        guard value >= 0xA0, value <= 0x25FC else { return false }
        return plainNarrowRanges.contains { $0.contains(value) }
    }

    /// Cells of a grapheme cluster from its scalars' Unicode properties: the general case.
    static func propertyCells(_ scalars: Character.UnicodeScalarView) -> Int {
        guard let first = scalars.first else { return 0 }
        // An emoji sequence (VS16, ZWJ, keycap, skin tone, flag) is drawn as one wide glyph.
        if first.properties.isEmojiPresentation { return 2 }
        if first.properties.isEmoji && scalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x200D }) {
            return 2
        }
        // A cluster that starts with a mark or a format character (a stray accent, a ZWJ) has no base to draw on.
        for scalar in scalars {
            let width = scalarCells(scalar)
            if width > 0 { return width }
        }
        return 0
    }

    /// The longest prefix that fits in `width` cells, ending in "…" when anything was cut.
    /// Cuts only between grapheme clusters, so a wide character is never split.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if let simple = simpleCells(s) {
            guard simple > width else { return s }
            // One scalar a cell: the first width - 1 scalars, copied as one slice.
            var kept = String(s.unicodeScalars[..<s.unicodeScalars.index(s.startIndex, offsetBy: width - 1)])
            while kept.last?.isWhitespace == true { kept.removeLast() }
            return kept + "…"
        }
        guard cells(s) > width else { return s }
        // "Wonka…" rather than "Wonka …": a space before the ellipsis wastes a cell and reads as a gap.
        var kept = prefix(s, fitting: width - 1)
        while kept.last?.isWhitespace == true { kept.removeLast() }
        return kept + "…"
    }

    /// `s` cut to `width` cells (with an ellipsis when cut) and padded with spaces to exactly `width`.
    public static func pad(_ s: String, to width: Int) -> String {
        let cut = truncate(s, to: width)
        return cut + String(repeating: " ", count: max(0, width - cells(cut)))
    }

    /// The longest prefix of whole grapheme clusters that fits in `width` cells, without an ellipsis.
    public static func prefix(_ s: String, fitting width: Int) -> String {
        var used = 0
        var out = ""
        for character in s {
            let w = cells(character)
            if used + w > width { break }
            used += w
            out.append(character)
        }
        return out
    }

    private static func isPrintableASCII(_ value: UInt32) -> Bool { value >= 0x20 && value < 0x7F }

    /// Width of a lone scalar: controls, marks and format characters 0; wide ranges 2; everything else 1.
    static func scalarCells(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(value) { return 0 } // Hangul medial vowels and final consonants join the syllable
        return isWide(value) ? 2 : 1
    }

    /// East Asian Wide and Fullwidth blocks (Unicode 15), as a compact sorted range table.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, // Hangul Jamo initial consonants
        0x2E80...0x303E, // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
        0x3041...0x33FF, // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK compatibility
        0x3400...0x4DBF, // CJK Extension A
        0x4E00...0x9FFF, // CJK Unified Ideographs
        0xA000...0xA4CF, // Yi
        0xA960...0xA97F, // Hangul Jamo Extended-A
        0xAC00...0xD7A3, // Hangul syllables
        0xF900...0xFAFF, // CJK compatibility ideographs
        0xFE10...0xFE19, // vertical forms
        0xFE30...0xFE6F, // CJK compatibility forms, small form variants
        0xFF00...0xFF60, // fullwidth forms
        0xFFE0...0xFFE6, // fullwidth signs
        0x16FE0...0x18CFF, // Tangut, Khitan and ideographic symbols
        0x1AFF0...0x1B2FF, // Kana supplement and extensions, Nüshu
        0x1F200...0x1F2FF, // enclosed ideographic supplement
        0x20000...0x2FFFD, // CJK Extensions B to F, compatibility supplement
        0x30000...0x3FFFD, // CJK Extensions G and H
    ]

    static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if value < range.lowerBound {
                high = mid - 1
            } else if value > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
