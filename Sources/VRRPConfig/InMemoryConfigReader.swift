/// A `ConfigFileReader` over a dictionary of absolute or relative paths to contents: for tests and tools.
public struct InMemoryConfigReader: ConfigFileReader, Sendable {
    /// The files, keyed by path.
    public var files: [String: [UInt8]]

    /// A reader over files given as text.
    public init(_ files: [String: String]) {
        self.files = files.mapValues { Array($0.utf8) }
    }

    /// The stored bytes, or "no such file".
    public func contents(ofFile path: String) -> Result<[UInt8], ConfigReadError> {
        if let bytes = files[path] { return .success(bytes) }
        return .failure(ConfigReadError(reason: "no such file"))
    }

    /// The names of the stored files and directories directly under `path`.
    public func entries(ofDirectory path: String) -> [String] {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        var names: Set<String> = []
        for key in files.keys where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            if let name = rest.split(separator: "/", omittingEmptySubsequences: true).first {
                names.insert(String(name))
            }
        }
        return names.sorted()
    }
}
