public import FoundationEssentials
import Glibc

/// The client side of the control socket, as `vrrpctl status / reload / release / restore` use it.
public enum ControlClient {
    /// Why a request could not be made; ``description`` says what to do.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// The socket's path.
        public var path: String
        /// The errno of the failed call, 0 when not a system call's failure.
        public var errno: Int32
        /// A sentence saying what went wrong and what to do.
        public var reason: String

        /// `vrrpctl: /run/vrrpctl.sock: no node is running …`.
        public var description: String { "\(path): \(reason)" }
    }

    /// Sends one request and returns the node's response.
    ///
    /// - Throws: ``Failure`` when no node serves the path (missing file, stale socket), the socket is not
    ///   readable (permissions: root only by default), or the node does not answer within `timeout`.
    public static func send(
        _ request: ControlRequest,
        path: String = ControlServer.defaultPath,
        timeout: Duration = .seconds(5)
    ) throws(Failure) -> ControlResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(request) else {
            throw Failure(path: path, errno: 0, reason: "cannot encode the request")
        }
        let line = try exchange(String(decoding: data, as: UTF8.self), path: path, timeout: timeout)
        do {
            return try JSONDecoder().decode(ControlResponse.self, from: Data(line.utf8))
        } catch {
            throw Failure(path: path, errno: 0, reason: "the node's answer is not a control response: \(error)")
        }
    }

    /// Sends one line and reads one line back.
    public static func exchange(_ line: String, path: String, timeout: Duration) throws(Failure) -> String {
        var info = stat()
        if stat(path, &info) != 0 {
            let code = Glibc.errno
            if code == ENOENT {
                throw Failure(
                    path: path, errno: code,
                    reason: "no node is running (the control socket does not exist; start one with "
                        + "`vrrpctl run --control-socket \(path)`, or pass --socket PATH)")
            }
            throw Failure(path: path, errno: code, reason: "cannot read: \(String(cString: strerror(code)))")
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw Failure(path: path, errno: 0, reason: "not a socket")
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw Failure(path: path, errno: Glibc.errno, reason: "socket: \(String(cString: strerror(Glibc.errno)))")
        }
        defer { close(descriptor) }
        var time = timeval(
            tv_sec: Int(timeout.components.seconds), tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        if ControlServer.withAddress(path, { connect(descriptor, $0, $1) }) != 0 {
            let code = Glibc.errno
            switch code {
            case EACCES, EPERM:
                let mode = String(info.st_mode & 0o777, radix: 8)
                throw Failure(
                    path: path, errno: code,
                    reason: "permission denied: the control socket is root-only (mode \(mode), owner uid "
                        + "\(info.st_uid)); run as root or with sudo")
            case ECONNREFUSED:
                throw Failure(
                    path: path, errno: code,
                    reason: "no node is running (a stale socket file: nothing listens on it)")
            default:
                throw Failure(path: path, errno: code, reason: "connect: \(String(cString: strerror(code)))")
            }
        }
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written < 0, Glibc.errno == EINTR { continue }
            guard written > 0 else {
                throw Failure(path: path, errno: Glibc.errno, reason: "send: \(String(cString: strerror(Glibc.errno)))")
            }
            offset += written
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while !received.contains(UInt8(ascii: "\n")) {
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0, Glibc.errno == EINTR { continue }
            if count < 0, Glibc.errno == EAGAIN || Glibc.errno == EWOULDBLOCK {
                throw Failure(path: path, errno: Glibc.errno, reason: "the node did not answer within \(timeout)")
            }
            guard count > 0 else {
                if received.isEmpty { throw Failure(path: path, errno: 0, reason: "the node closed without answering") }
                break
            }
            received += chunk[..<count]
        }
        let end = received.firstIndex(of: UInt8(ascii: "\n")) ?? received.endIndex
        return String(decoding: received[..<end], as: UTF8.self)
    }
}
