import Glibc

/// printf-style formatting through the C library, for the few outputs that must match keepalived's own `printf`
/// spellings (`%f`, `%g`, `%06d`) byte for byte, without Foundation's `String(format:)`.
package enum PrintfFormat {
    /// `format` applied to `arguments` by vsnprintf; empty when the C library reports an encoding error.
    package static func string(_ format: String, _ arguments: any CVarArg...) -> String {
        withVaList(arguments) { list in
            var buffer = [CChar](repeating: 0, count: 64)
            var length = Int(vsnprintf(&buffer, buffer.count, format, list))
            guard length >= 0 else { return "" }
            if length >= buffer.count {
                buffer = [CChar](repeating: 0, count: length + 1)
                length = Int(
                    withVaList(arguments) { again in vsnprintf(&buffer, buffer.count, format, again) })
                guard length >= 0 else { return "" }
            }
            return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
