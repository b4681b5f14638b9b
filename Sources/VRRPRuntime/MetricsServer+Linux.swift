import Glibc
public import Logging
import Synchronization

/// A minimal HTTP/1.1 listener for Prometheus scrapes, on a thread of its own (no SwiftNIO): `GET /metrics`
/// answers the text exposition format from ``render``; `GET /` a short pointer; anything else 404 / 405. One
/// request per connection (`Connection: close`); a client gets ``clientTimeout`` to send its request.
public final class MetricsServer: Sendable {
    /// The address and port listened on, as given (`127.0.0.1:9650`, `[::1]:9650`, `:9650`).
    public let listenAddress: String
    /// The port actually bound (useful with port 0).
    public let port: UInt16
    /// How long a client may take to send its request.
    public let clientTimeout: Duration
    private let render: @Sendable () -> String
    private let logger: Logger
    private let loop: AcceptLoop

    /// Binds the listener; nothing is served until ``start()``.
    ///
    /// - Parameters:
    ///   - listenAddress: `HOST:PORT`: an IPv4 address, a bracketed IPv6 address, or nothing for every address.
    ///   - render: makes the exposition text for one scrape.
    /// - Throws: ``RuntimeError`` naming the address and the cause (malformed address, port in use, …).
    public init(
        listenAddress: String,
        clientTimeout: Duration = .seconds(2),
        logger: Logger,
        render: @escaping @Sendable () -> String
    ) throws {
        self.listenAddress = listenAddress
        self.clientTimeout = clientTimeout
        self.render = render
        self.logger = logger
        let (host, port) = try Self.split(listenAddress)
        var storage = sockaddr_storage()
        let family: Int32
        let length: socklen_t
        if host.contains(":") {
            family = AF_INET6
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else {
                throw RuntimeError(
                    operation: "metrics listener \(listenAddress)", cause: "'\(host)' is not an IPv6 address")
            }
            withUnsafeBytes(of: address) { source in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        } else {
            family = AF_INET
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            if host.isEmpty || host == "*" {
                address.sin_addr.s_addr = 0
            } else if inet_pton(AF_INET, host, &address.sin_addr) != 1 {
                throw RuntimeError(
                    operation: "metrics listener \(listenAddress)", cause: "'\(host)' is not an IPv4 address")
            }
            withUnsafeBytes(of: address) { source in
                withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: source) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
        }
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw RuntimeError(operation: "metrics listener \(listenAddress)", errno: errno, cause: Self.lastError())
        }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            let code = errno
            close(descriptor)
            throw RuntimeError(
                operation: "metrics listener \(listenAddress)", errno: code,
                cause: "bind: \(String(cString: strerror(code)))")
        }
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &actualLength) }
        }
        self.port = withUnsafeBytes(of: actual) { raw in
            // sin_port and sin6_port sit at the same offset, right after the family.
            UInt16(bigEndian: raw.load(fromByteOffset: 2, as: UInt16.self))
        }
        // The loop holds the server weakly: the server owns the loop, not the other way round.
        let handler = WeakClientHandler()
        self.loop = try AcceptLoop(listener: descriptor, operation: "metrics listener \(listenAddress)") { client in
            handler.server?.serve(client: client)
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
            logger.error(
                "metrics listener \(listenAddress): cannot start its thread: \(String(cString: strerror(failure)))")
            return
        }
        logger.info("Metrics on http://\(listenAddress)/metrics")
    }

    /// Stops serving and waits for the thread.
    public func stop() {
        loop.stop()
    }

    fileprivate func serve(client: Int32) {
        var timeout = timeval(
            tv_sec: Int(clientTimeout.components.seconds),
            tv_usec: Int(clientTimeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while request.count < 16_384, !Self.contains(request, end) {
            let count = read(client, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            request += chunk[..<count]
        }
        let firstLine = String(
            decoding: request.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") },
            as: UTF8.self)
        let parts = firstLine.split(separator: " ")
        guard parts.count >= 2 else {
            respond(client, status: "400 Bad Request", body: "malformed request\n")
            return
        }
        let target = parts[1].split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        switch (parts[0], target) {
        case ("GET", "/metrics"), ("HEAD", "/metrics"):
            respond(
                client, status: "200 OK", body: render(), contentType: "text/plain; version=0.0.4; charset=utf-8",
                includeBody: parts[0] == "GET")
        case ("GET", "/"):
            respond(client, status: "200 OK", body: "vrrpctl node metrics: GET /metrics\n")
        case ("GET", _):
            respond(client, status: "404 Not Found", body: "not found: \(target) (try /metrics)\n")
        default:
            respond(client, status: "405 Method Not Allowed", body: "only GET and HEAD\n")
        }
    }

    private func respond(
        _ client: Int32, status: String, body: String, contentType: String = "text/plain; charset=utf-8",
        includeBody: Bool = true
    ) {
        let bodyBytes = Array(body.utf8)
        var bytes = Array(
            ("HTTP/1.1 \(status)\r\nContent-Type: \(contentType)\r\nContent-Length: \(bodyBytes.count)\r\n"
                + "Connection: close\r\n\r\n").utf8)
        if includeBody { bytes += bodyBytes }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                send(client, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle)
        {
            return true
        }
        return false
    }

    /// `HOST:PORT` → host and port; `[v6]:port`, `:port`.
    static func split(_ text: String) throws -> (host: String, port: UInt16) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw RuntimeError(operation: "metrics listener \(text)", cause: "expected [IPv6]:PORT")
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw RuntimeError(
                    operation: "metrics listener \(text)", cause: "expected HOST:PORT, e.g. 127.0.0.1:9650")
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard let port = UInt16(portText) else {
            throw RuntimeError(operation: "metrics listener \(text)", cause: "'\(portText)' is not a port (0–65535)")
        }
        return (String(host), port)
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}

/// Lets the accept loop reach its server without keeping it alive.
private final class WeakClientHandler: @unchecked Sendable {
    weak var server: MetricsServer?
}
