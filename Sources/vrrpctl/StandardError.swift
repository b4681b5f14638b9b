import Glibc

/// Writes diagnostics to standard error with write(2): unbuffered, and without Foundation's `FileHandle`.
enum StandardError {
    /// Writes `text` whole (retrying short writes and EINTR); a closed stderr loses it silently.
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
