import Glibc

extension KeepalivedDump {
    /// The signal keepalived's `--signum=JSON` names: SIGRTMIN+2 (36 with glibc).
    public static var jsonSignal: Int32 { __libc_current_sigrtmin() + 2 }

    /// CLOCK_MONOTONIC now, in nanoseconds: the clock of ``InstanceStatus`` instants, for ``monotonicNow``.
    public static func monotonicNanoseconds() -> Int64 { MonotonicClock.nanoseconds() }

    /// Writes one dump into `directory` under keepalived's file name, mode 0600 as keepalived's umask 0177 makes
    /// it, and returns the path.
    ///
    /// The text goes to a new file in the same directory that is then renamed over the old one, so a reader never
    /// sees half a dump and a symbolic link planted at the path is replaced, not followed.
    ///
    /// - Throws: ``RuntimeError`` naming the path and the failing call.
    @discardableResult
    public func write(_ kind: Kind, toDirectory directory: String) throws(RuntimeError) -> String {
        let path = (directory.hasSuffix("/") ? directory : directory + "/") + kind.fileName
        var template = Array((path + ".XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            let code = errno
            throw RuntimeError(operation: "write \(path)", errno: code, cause: String(cString: strerror(code)))
        }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        func fail(_ call: String) -> RuntimeError {
            let code = errno
            close(descriptor)
            unlink(temporary)
            return RuntimeError(
                operation: "write \(path)", errno: code, cause: "\(call): \(String(cString: strerror(code)))")
        }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        guard fchmod(descriptor, 0o600) == 0 else { throw fail("fchmod") }
        let bytes = Array(render(kind).utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw fail("write") }
            offset += written
        }
        guard close(descriptor) == 0 else {
            let code = errno
            unlink(temporary)
            throw RuntimeError(
                operation: "write \(path)", errno: code, cause: "close: \(String(cString: strerror(code)))")
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw RuntimeError(
                operation: "write \(path)", errno: code, cause: "rename: \(String(cString: strerror(code)))")
        }
        return path
    }
}
