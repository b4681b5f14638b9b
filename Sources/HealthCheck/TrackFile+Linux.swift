import Glibc

/// keepalived's `track_file`: a file holding an integer that, multiplied by the weight, adjusts priority.
///
/// Reading follows keepalived 2.2 (core/track_file.c `process_track_file`, see ``TrackFileReading``); `init_file`
/// follows its `track_file_end_handler`.
public enum TrackFile {
    /// Reads a file without blocking (`O_NONBLOCK`, so a FIFO never stalls the caller): at most 127 bytes.
    public static func read(path: String) -> TrackFileReading {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            return TrackFileReading(value: 0, problem: code == ENOENT ? .missing : .unreadable(cause("open", code)))
        }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: TrackFileReading.maximumLength)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 0 else { return TrackFileReading(value: 0, problem: .unreadable(cause("read", errno))) }
        return TrackFileReading(content: buffer.prefix(count))
    }

    /// keepalived's `init_file [VALUE] [overwrite]` at startup: writes `value` when the file is missing, or always
    /// with `overwrite` (a file that exists but is not a regular file is refused). On a reload an existing file is
    /// never overwritten. Returns whether it wrote.
    @discardableResult
    public static func initialise(
        path: String, value: Int, overwrite: Bool, reload: Bool = false
    ) throws(TrackFileError) -> Bool {
        var status = stat()
        if stat(path, &status) == 0 {
            guard overwrite, !reload else { return false }
            guard status.st_mode & S_IFMT == S_IFREG else {
                throw TrackFileError(operation: "init_file", path: path, errno: 0, cause: "not a regular file")
            }
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            throw TrackFileError(
                operation: "init_file", path: path, errno: code, cause: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        let text = Array("\(value)\n".utf8)
        let written = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == text.count else {
            let code = written < 0 ? errno : EIO
            throw TrackFileError(
                operation: "init_file", path: path, errno: code, cause: String(cString: strerror(code)))
        }
        return true
    }

    static func cause(_ operation: String, _ code: Int32) -> String {
        "\(operation): \(String(cString: strerror(code)))"
    }
}
