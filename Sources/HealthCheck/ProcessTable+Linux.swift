import Glibc

/// A snapshot of running processes from /proc, for keepalived's `vrrp_track_process`.
public struct ProcessTable: Sendable {
    /// One process: its id, its command name (`comm`), and its argument vector.
    public struct Entry: Hashable, Sendable {
        /// The process id.
        public var pid: Int32
        /// The kernel's command name (at most 15 characters).
        public var name: String
        /// The command line, split at NUL.
        public var arguments: [String]

        /// An entry from its parts.
        public init(pid: Int32, name: String, arguments: [String]) {
            self.pid = pid
            self.name = name
            self.arguments = arguments
        }
    }

    /// The processes seen, zombies excluded.
    public var entries: [Entry]

    /// A table from entries (for tests and replays).
    public init(entries: [Entry]) { self.entries = entries }

    /// Reads /proc now.
    public static func current() -> ProcessTable {
        guard let directory = opendir("/proc") else { return ProcessTable(entries: []) }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let item = readdir(directory) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = Int32(name) else { continue }
            guard let stat = readFile("/proc/\(pid)/stat"), let entry = parse(pid: pid, stat: stat) else { continue }
            let commandLine = readFile("/proc/\(pid)/cmdline") ?? []
            let arguments = commandLine.split(separator: 0, omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            entries.append(
                Entry(pid: pid, name: entry, arguments: arguments.last == "" ? arguments.dropLast() : arguments))
        }
        return ProcessTable(entries: entries)
    }

    /// The command name from a /proc/PID/stat line, nil for a zombie or dead process.
    static func parse(pid: Int32, stat: [UInt8]) -> String? {
        guard let open = stat.firstIndex(of: UInt8(ascii: "(")),
            let close = stat.lastIndex(of: UInt8(ascii: ")")), close + 2 < stat.count
        else { return nil }
        let state = stat[close + 2]
        guard state != UInt8(ascii: "Z"), state != UInt8(ascii: "X") else { return nil }
        return String(decoding: stat[(open + 1)..<close], as: UTF8.self)
    }

    private static func readFile(_ path: String) -> [UInt8]? {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while result.count < 65_536 {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            result += buffer.prefix(count)
        }
        return result
    }

    /// How many processes match a `vrrp_track_process` specification.
    public func count(matching matcher: ProcessMatcher) -> Int {
        entries.reduce(0) { $0 + (matcher.matches($1) ? 1 : 0) }
    }
}

/// keepalived's process match: `process NAME [PARAMS…]` with `param_match exact|partial|initial`.
///
/// NAME matches the command name (`comm`), or the first argument or its last path component; with parameters,
/// `exact` needs exactly those arguments after the program, `initial` needs them as the first ones, and `partial`
/// needs them in order anywhere. Without parameters only the name counts.
public struct ProcessMatcher: Hashable, Sendable {
    /// How parameters are compared.
    public enum ParameterMatch: Hashable, Sendable {
        /// The arguments after the program are exactly the parameters.
        case exact
        /// The arguments begin with the parameters.
        case initial
        /// The parameters appear as a contiguous run among the arguments.
        case partial
    }

    /// The process name or path.
    public var name: String
    /// Required parameters, none when empty.
    public var parameters: [String]
    /// How the parameters are compared.
    public var parameterMatch: ParameterMatch

    /// A matcher from its parts.
    public init(name: String, parameters: [String] = [], parameterMatch: ParameterMatch = .exact) {
        self.name = name
        self.parameters = parameters
        self.parameterMatch = parameterMatch
    }

    /// Whether a process matches.
    public func matches(_ entry: ProcessTable.Entry) -> Bool {
        let program = entry.arguments.first ?? ""
        let base = program.split(separator: "/").last.map(String.init) ?? program
        let nameMatches =
            name.contains("/") ? program == name : (entry.name == name || base == name || program == name)
        guard nameMatches else { return false }
        guard !parameters.isEmpty else { return true }
        let rest = Array(entry.arguments.dropFirst())
        switch parameterMatch {
        case .exact: return rest == parameters
        case .initial: return rest.starts(with: parameters)
        case .partial:
            guard rest.count >= parameters.count else { return false }
            for start in 0...(rest.count - parameters.count)
            where Array(rest[start..<start + parameters.count]) == parameters {
                return true
            }
            return false
        }
    }
}
