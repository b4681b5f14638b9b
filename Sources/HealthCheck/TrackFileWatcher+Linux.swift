import Glibc

/// Watches tracked files with inotify, as keepalived 2.2 does (core/track_file.c `init_track_files`,
/// `process_inotify`): one watch on each file's directory for `IN_CLOSE_WRITE | IN_DELETE | IN_MOVE`, so a file
/// that is created, written and closed, renamed over, deleted or renamed away is seen even when it did not exist
/// at startup.
///
/// - A write is seen when the writer closes the file; a rename onto the name (`mv new value`) when it lands.
/// - Deleting the file or renaming it away makes its value 0, without reading.
/// - The descriptor is non-blocking; ``receive()`` drains what is queued and never waits. After an inotify queue
///   overflow every file is read again.
/// - The file's path is resolved with `realpath` first (a symlink is followed, keepalived's behaviour), or, when
///   the file does not exist yet, its directory is.
public final class TrackFileWatcher {
    /// One file to watch.
    public struct File: Hashable, Sendable {
        /// The `track_file` name.
        public var name: String
        /// Its path as configured.
        public var path: String

        /// A file from its parts.
        public init(name: String, path: String) {
            self.name = name
            self.path = path
        }
    }

    /// One read of one file, reported by ``receive()`` and ``readAll()``.
    public struct Report: Hashable, Sendable {
        /// The `track_file` name.
        public var name: String
        /// The path read (resolved).
        public var path: String
        /// The value before.
        public var previous: Int
        /// The value in force now (the previous one when the reading was ignored).
        public var value: Int
        /// What was wrong with the content, if anything.
        public var problem: TrackFileProblem?

        /// Whether the value changed.
        public var changed: Bool { value != previous }

        /// A report from its parts.
        public init(name: String, path: String, previous: Int, value: Int, problem: TrackFileProblem? = nil) {
            self.name = name
            self.path = path
            self.previous = previous
            self.value = value
            self.problem = problem
        }
    }

    struct Watched {
        var file: File
        var resolvedPath: String
        var directory: String
        var entry: String
        var watch: Int32
        var value: Int
    }

    /// The inotify descriptor: readable when events wait.
    public let descriptor: Int32
    var watched: [Watched] = []
    var buffer = [UInt8](repeating: 0, count: 16_384)

    /// Each file's value now, by name.
    public var values: [String: Int] {
        Dictionary(watched.map { ($0.file.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// Opens the inotify descriptor; ``watch(_:)`` adds the files.
    public init() throws(TrackFileError) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            let code = errno
            throw TrackFileError(
                operation: "inotify_init1", path: "", errno: code, cause: String(cString: strerror(code)))
        }
    }

    deinit { close(descriptor) }

    /// Adds the files' watches; returns one error for each file that cannot be watched. A file whose directory does
    /// not exist is left out (keepalived removes such a track file) and its value stays 0.
    public func watch(_ files: [File]) -> [TrackFileError] {
        var errors: [TrackFileError] = []
        for file in files {
            do throws(TrackFileError) {
                let (resolved, directory, entry) = try Self.resolve(file.path)
                let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO)
                let watch = inotify_add_watch(descriptor, directory, mask)
                guard watch >= 0 else {
                    let code = errno
                    throw TrackFileError(
                        operation: "inotify_add_watch", path: directory, errno: code,
                        cause: String(cString: strerror(code)))
                }
                watched.append(
                    Watched(
                        file: file, resolvedPath: resolved, directory: directory, entry: entry, watch: watch,
                        value: 0))
            } catch {
                errors.append(error)
            }
        }
        return errors
    }

    /// Reads every watched file now (at startup, and after an inotify overflow).
    public func readAll() -> [Report] {
        watched.indices.map { read($0) }
    }

    /// Drains the queued inotify events without blocking and reports each file they touched, in order.
    public func receive() -> [Report] {
        var reports: [Report] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                break
            }
            guard count > 0 else { break }
            var offset = 0
            while offset + 16 <= count {
                let (watch, mask, length) = buffer.withUnsafeBytes { raw in
                    (
                        raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                        raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                        Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    )
                }
                let nameBytes = buffer[(offset + 16)..<min(offset + 16 + length, count)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += 16 + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    reports += readAll()
                    continue
                }
                if mask & UInt32(IN_IGNORED) != 0 {
                    for index in watched.indices where watched[index].watch == watch {
                        reports.append(set(index, to: watched[index].value, problem: .watchEnded))
                    }
                    continue
                }
                if mask & UInt32(IN_ISDIR) != 0 { continue }
                for index in watched.indices where watched[index].watch == watch && watched[index].entry == name {
                    if mask & (UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)) != 0 {
                        reports.append(set(index, to: 0, problem: .missing))
                    } else if mask & (UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO)) != 0 {
                        reports.append(read(index))
                    }
                }
            }
        }
        return reports
    }

    func read(_ index: Int) -> Report {
        let reading = TrackFile.read(path: watched[index].resolvedPath)
        return set(index, to: reading.value ?? watched[index].value, problem: reading.problem)
    }

    func set(_ index: Int, to value: Int, problem: TrackFileProblem?) -> Report {
        let previous = watched[index].value
        watched[index].value = value
        return Report(
            name: watched[index].file.name, path: watched[index].resolvedPath, previous: previous, value: value,
            problem: problem)
    }

    /// The resolved path, its directory and the entry name; a missing file resolves through its directory.
    static func resolve(_ path: String) throws(TrackFileError) -> (path: String, directory: String, entry: String) {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return split(String(cString: resolved))
        }
        let code = errno
        guard code == ENOENT else {
            throw TrackFileError(operation: "realpath", path: path, errno: code, cause: String(cString: strerror(code)))
        }
        let (directory, entry) =
            path.lastIndex(of: "/").map {
                (String(path[..<$0]).isEmpty ? "/" : String(path[..<$0]), String(path[path.index(after: $0)...]))
            } ?? (".", path)
        guard let resolvedDirectory = realpath(directory, nil) else {
            let code = errno
            throw TrackFileError(
                operation: "realpath", path: directory, errno: code,
                cause: "the track file's directory: " + String(cString: strerror(code)))
        }
        defer { free(resolvedDirectory) }
        var status = stat()
        let text = String(cString: resolvedDirectory)
        guard stat(text, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw TrackFileError(operation: "realpath", path: directory, errno: ENOTDIR, cause: "not a directory")
        }
        return ((text == "/" ? "" : text) + "/" + entry, text, entry)
    }

    static func split(_ path: String) -> (path: String, directory: String, entry: String) {
        guard let slash = path.lastIndex(of: "/") else { return (path, ".", path) }
        let directory = String(path[..<slash])
        return (path, directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }
}
