/// What one read of a tracked file gave: the value to use, and what was wrong with the content if anything.
///
/// keepalived 2.2 (core/track_file.c `process_track_file`) reads at most 127 bytes and converts them with
/// `strtol(buf, NULL, 0)`: leading white space, an optional sign, then hexadecimal after `0x`, octal after a
/// leading `0`, decimal otherwise; anything after the number is ignored. A missing, unreadable or empty file and
/// content without a number read as 0. A number that overflows, or lies outside −2³¹…2³¹, is logged and ignored:
/// the previous value stays.
public struct TrackFileReading: Hashable, Sendable {
    /// The most bytes of a file that count, as keepalived's 128-byte buffer.
    public static let maximumLength = 127

    /// The value to use; nil when the previous value stays (``TrackFileProblem/outOfRange(_:)``).
    public var value: Int?
    /// What was wrong, if anything.
    public var problem: TrackFileProblem?

    /// A reading from its parts.
    public init(value: Int?, problem: TrackFileProblem? = nil) {
        self.value = value
        self.problem = problem
    }

    /// The reading of a file's content, converted as keepalived's `strtol(buf, NULL, 0)`.
    public init<Bytes: Collection>(content bytes: Bytes) where Bytes.Element == UInt8 {
        let text = Array(bytes.prefix(Self.maximumLength).prefix { $0 != 0 })
        guard !bytes.isEmpty else {
            self.init(value: 0, problem: .empty)
            return
        }
        var index = 0
        // C isspace: space, \t, \n, \v, \f, \r.
        while index < text.count, text[index] == 0x20 || (0x09...0x0D).contains(text[index]) { index += 1 }
        var negative = false
        if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        var radix = 10
        if index < text.count, text[index] == UInt8(ascii: "0") {
            if index + 2 < text.count, text[index + 1] | 0x20 == UInt8(ascii: "x"),
                Self.digit(text[index + 2], radix: 16) != nil
            {
                radix = 16
                index += 2
            } else {
                radix = 8
            }
        }
        var magnitude = 0
        var digits = 0
        var overflow = false
        while index < text.count, let digit = Self.digit(text[index], radix: radix) {
            let (shifted, o1) = magnitude.multipliedReportingOverflow(by: radix)
            let (sum, o2) = shifted.addingReportingOverflow(digit)
            overflow = overflow || o1 || o2
            magnitude = sum
            digits += 1
            index += 1
        }
        let shown = Self.shown(text)
        guard digits > 0 else {
            self.init(value: 0, problem: .notANumber(shown))
            return
        }
        let value = negative ? -magnitude : magnitude
        guard !overflow, value >= Int(Int32.min), value <= Int(Int32.max) + 1 else {
            self.init(value: nil, problem: .outOfRange(shown))
            return
        }
        self.init(value: value)
    }

    static func digit(_ byte: UInt8, radix: Int) -> Int? {
        let value: Int
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
        return value < radix ? value : nil
    }

    /// The content as it is shown in a log line: trimmed, at most 32 characters, control characters escaped.
    static func shown(_ bytes: [UInt8]) -> String {
        let trimmed = bytes.drop { $0 <= 0x20 }.reversed().drop { $0 <= 0x20 }.reversed()
        var text = ""
        for byte in trimmed.prefix(32) {
            if byte >= 0x20, byte < 0x7F {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return trimmed.count > 32 ? text + "…" : text
    }
}
