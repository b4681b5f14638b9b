import Glibc

/// keepalived's `track_file`: a file holding an integer that, multiplied by the weight, adjusts priority.
///
/// A file that is missing, unreadable or holds no number reads as 0. With weight 0, a non-zero value means
/// fault. `init_file VALUE` creates the file with that value when it is missing (keepalived's `init_file`).
public enum TrackFile {
    /// Reads the value: the leading optionally-signed decimal integer after white space, else 0.
    public static func read(path: String) -> Int {
        guard let file = fopen(path, "r") else { return 0 }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = fread(&buffer, 1, buffer.count, file)
        return parse(buffer.prefix(count))
    }

    /// The integer a file's leading bytes hold, as keepalived reads it (0 when there is none).
    public static func parse<Bytes: Collection>(_ bytes: Bytes) -> Int where Bytes.Element == UInt8 {
        var iterator = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }.makeIterator()
        var negative = false
        var value = 0
        var sawDigit = false
        var next = iterator.next()
        if next == UInt8(ascii: "-") || next == UInt8(ascii: "+") {
            negative = next == UInt8(ascii: "-")
            next = iterator.next()
        }
        while let byte = next, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            sawDigit = true
            value = min(value * 10 + Int(byte - UInt8(ascii: "0")), 1_000_000_000)
            next = iterator.next()
        }
        guard sawDigit else { return 0 }
        return negative ? -value : value
    }

    /// Creates the file with `value` if it does not exist (keepalived `init_file`); returns whether it wrote.
    @discardableResult
    public static func initialise(path: String, value: Int) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let text = Array("\(value)\n".utf8)
        return write(descriptor, text, text.count) == text.count
    }
}
