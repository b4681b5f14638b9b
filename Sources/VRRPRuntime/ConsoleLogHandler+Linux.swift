import Glibc
public import Logging

/// A swift-log handler that writes keepalived-style lines: to the console (stderr) as
/// `Mon Nov 23 19:30:08 2026: (VI_1) Entering MASTER STATE`, or to syslog (the journal) with the level mapped to
/// a syslog priority, the way `keepalived -l` / `-D` users read them.
public struct ConsoleLogHandler: LogHandler {
    /// Where lines go.
    public enum Destination: Sendable {
        /// Standard error, one line per message, with a local timestamp.
        case console
        /// syslog(3) with ident `Keepalived_vrrp`-like `vrrpctl` and facility daemon.
        case syslog
    }

    /// The handler's metadata.
    public var metadata: Logger.Metadata = [:]
    /// The lowest level written.
    public var logLevel: Logger.Level
    private let destination: Destination

    /// A handler writing at or above `level` to `destination`.
    public init(level: Logger.Level = .info, destination: Destination = .console) {
        self.logLevel = level
        self.destination = destination
        if destination == .syslog { openlog("vrrpctl", LOG_PID | LOG_NDELAY, LOG_DAEMON) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var text = event.message.description
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        if !merged.isEmpty {
            text += " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        switch destination {
        case .console:
            // One write(2) per line, so lines from several threads never interleave.
            var line = Array((Self.timestamp() + ": " + text + "\n").utf8)
            _ = write(STDERR_FILENO, &line, line.count)
        case .syslog:
            _ = withVaList([]) { arguments in
                text.replacingPercent().withCString { vsyslog(Self.priority(event.level), $0, arguments) }
            }
        }
    }

    private static func priority(_ level: Logger.Level) -> Int32 {
        switch level {
        case .trace, .debug: LOG_DEBUG
        case .info: LOG_INFO
        case .notice: LOG_NOTICE
        case .warning: LOG_WARNING
        case .error: LOG_ERR
        case .critical: LOG_CRIT
        }
    }

    /// `Mon Nov 23 19:30:08 2026`, local time, as keepalived's console log prints it.
    static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%a %b %e %H:%M:%S %Y", &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension String {
    /// Doubles `%` so syslog's format string prints it literally.
    fileprivate func replacingPercent() -> String {
        var result = ""
        for character in self {
            if character == "%" { result += "%%" } else { result.append(character) }
        }
        return result
    }
}
