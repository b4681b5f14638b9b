import FoundationEssentials
import Glibc
public import Logging
import Synchronization

/// The node's control socket: a Unix-domain stream socket served on a thread of its own. Each connection sends
/// request lines and gets one response line for each (see ``ControlRequest`` and ``ControlResponse``); the
/// protocol is documented in `docs/vrrpctl.md`.
///
/// Up to ``maximumClients`` connections are served at once, each on a thread of its own, so a slow or stuck client
/// delays nobody else; one more is answered `busy` and closed. A client gets ``clientTimeout`` to complete each
/// request line and is then answered with an error naming what it sent and closed. Requests that change the node
/// (reload, release, restore) are carried out one at a time; status and ping run concurrently. The socket file is
/// created with ``mode`` (0600: root only) and removed by ``stop()``.
public final class ControlServer: Sendable {
    /// The socket's path.
    public let path: String
    /// The socket file's permissions.
    public let mode: UInt32
    /// How long a client has to send each complete request line before it is answered with an error and dropped.
    public let clientTimeout: Duration
    /// The most clients served at once.
    public let maximumClients: Int
    /// Serializes the requests that change the node.
    private let mutations = Mutex(())
    private let handler: ControlHandler
    private let logger: Logger
    private let loop: AcceptLoop
    private let finished = Mutex(false)

    /// The default path, `/run/vrrpctl.sock`.
    public static let defaultPath = "/run/vrrpctl.sock"
    /// The longest request line accepted, 64 KiB.
    public static let maximumLineLength = 65_536

    /// Binds the socket (nothing is served until ``start()``).
    ///
    /// - Throws: ``RuntimeError`` naming the path and the cause: a path too long for `sun_path`, a socket that
    ///   another live process serves, a non-socket file in the way, or the bind / listen error.
    public init(
        path: String = ControlServer.defaultPath,
        mode: UInt32 = 0o600,
        clientTimeout: Duration = .seconds(2),
        maximumClients: Int = 8,
        handler: ControlHandler,
        logger: Logger
    ) throws {
        self.path = path
        self.mode = mode
        self.clientTimeout = clientTimeout
        self.maximumClients = max(1, maximumClients)
        self.handler = handler
        self.logger = logger
        guard path.utf8.count < MemoryLayout.size(ofValue: sockaddr_un().sun_path) else {
            throw RuntimeError(operation: "control socket \(path)", cause: "path longer than 107 bytes")
        }
        try Self.removeStale(path)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw RuntimeError(operation: "control socket \(path)", cause: "socket: \(Self.lastError())")
        }
        // The socket file gets the mode at once: bind under a umask that lets nothing through beyond it.
        let previousMask = umask(0o777 & ~mode_t(mode))
        let bound = Self.withAddress(path) { bind(descriptor, $0, $1) }
        umask(previousMask)
        guard bound == 0 else {
            let cause = Self.lastError()
            close(descriptor)
            throw RuntimeError(operation: "control socket \(path)", cause: "bind: \(cause)")
        }
        chmod(path, mode_t(mode))
        guard listen(descriptor, 16) == 0 else {
            let cause = Self.lastError()
            close(descriptor)
            unlink(path)
            throw RuntimeError(operation: "control socket \(path)", cause: "listen: \(cause)")
        }
        // The loop holds the server weakly: the server owns the loop, not the other way round.
        let handler = WeakClientHandler()
        do {
            let limit = max(1, maximumClients)
            let sendTimeout = clientTimeout
            self.loop = try AcceptLoop(
                listener: descriptor, operation: "control socket \(path)", maximumClients: limit,
                rejectClient: { client in
                    Self.setSendTimeout(client, sendTimeout)
                    _ = Self.answerRaw(
                        .failure("busy: \(limit) clients are being served; try again in a moment"), to: client)
                }
            ) { client in
                handler.server?.serve(client: client)
            }
        } catch {
            unlink(path)
            throw error
        }
        handler.server = self
    }

    deinit {
        stop()
    }

    /// Starts serving on a thread of its own.
    public func start() {
        let failure = loop.start()
        if failure != 0 {
            logger.error("control socket \(path): cannot start its thread: \(String(cString: strerror(failure)))")
            return
        }
        logger.info("Control socket listening on \(path)")
    }

    /// Stops serving, waits for the thread, and removes the socket file.
    public func stop() {
        loop.stop()
        if finishedOnce() { unlink(path) }
    }

    private func finishedOnce() -> Bool {
        finished.withLock { done in
            defer { done = true }
            return !done
        }
    }

    fileprivate func serve(client: Int32) {
        Self.setSendTimeout(client, clientTimeout)
        let peer = Self.peer(of: client)
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        // Each request line must be complete within clientTimeout of the previous answer (or of the connection).
        var deadline = ContinuousClock.now + clientTimeout
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                guard answer(line, to: client, peer: peer) else { return }
                deadline = ContinuousClock.now + clientTimeout
                continue
            }
            guard buffer.count <= Self.maximumLineLength else {
                _ = Self.answerRaw(ControlResponse.failure("request line longer than 64 KiB"), to: client)
                return
            }
            let remaining = deadline - ContinuousClock.now
            var entry = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            let ready = remaining > .zero ? poll(&entry, 1, Self.milliseconds(remaining)) : 0
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else {
                let seconds =
                    Double(clientTimeout.components.seconds)
                    + Double(clientTimeout.components.attoseconds) / 1e18
                let cause =
                    buffer.isEmpty
                    ? "no request within \(seconds) s"
                    : "no complete request line within \(seconds) s (\(buffer.count) bytes without a newline)"
                logger.debug("control: \(cause) from \(peer); closing")
                _ = Self.answerRaw(.failure(cause), to: client)
                return
            }
            let count = read(client, &chunk, chunk.count)
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else {
                // End of input: a last line without a newline still counts.
                if !buffer.isEmpty { _ = answer(String(decoding: buffer, as: UTF8.self), to: client, peer: peer) }
                return
            }
            buffer += chunk[..<count]
        }
    }

    private static func setSendTimeout(_ client: Int32, _ timeout: Duration) {
        var value = timeval(
            tv_sec: Int(timeout.components.seconds),
            tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let value = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(1, value))
    }

    private func answer(_ line: String, to client: Int32, peer: String) -> Bool {
        if line.allSatisfy(\.isWhitespace) { return true }
        let parsed = ControlHandler.parse(line)
        let changesNode: Bool
        switch parsed {
        case .success(let request):
            switch request.command {
            case .release, .restore, .reload: changesNode = true
            case .status, .ping: changesNode = false
            }
        case .failure: changesNode = false
        }
        let response = changesNode ? mutations.withLock { _ in handler.respond(to: line) } : handler.respond(to: line)
        if case .success(let request) = parsed {
            switch request.command {
            case .release, .restore, .reload:
                let target = request.instance.map { " \($0)" } ?? ""
                let outcome = response.ok ? (response.message ?? "done") : "refused: \(response.error ?? "")"
                logger.notice("control: \(request.command.rawValue)\(target) from \(peer): \(outcome)")
            case .status, .ping:
                logger.debug("control: \(request.command.rawValue) from \(peer)")
            }
        }
        return Self.answerRaw(response, to: client)
    }

    private static func answerRaw(_ response: ControlResponse, to client: Int32) -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var data = try? encoder.encode(response) else { return false }
        data.append(UInt8(ascii: "\n"))
        return data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = send(client, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }

    /// `uid 0 pid 1234`, from SO_PEERCRED.
    private static func peer(of client: Int32) -> String {
        var credentials: (pid: Int32, uid: UInt32, gid: UInt32) = (0, 0, 0)
        var length = socklen_t(MemoryLayout.size(ofValue: credentials))
        guard getsockopt(client, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else { return "unknown peer" }
        return "uid \(credentials.uid) pid \(credentials.pid)"
    }

    /// Removes a socket file nobody serves; refuses when a live process serves it or the file is not a socket.
    static func removeStale(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw RuntimeError(operation: "control socket \(path)", cause: "a file that is not a socket is in the way")
        }
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { if probe >= 0 { close(probe) } }
        if probe >= 0, withAddress(path, { connect(probe, $0, $1) }) == 0 {
            throw RuntimeError(
                operation: "control socket \(path)", cause: "another process serves it (is a node already running?)")
        }
        unlink(path)
    }

    /// Calls `body` with a `sockaddr_un` for `path`.
    static func withAddress<T>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}

extension Int32 {
    fileprivate var isNonZero: Bool { self != 0 }
}

/// Lets the accept loop reach its server without keeping it alive.
private final class WeakClientHandler: @unchecked Sendable {
    weak var server: ControlServer?
}
