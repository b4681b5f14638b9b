import FoundationEssentials
import Glibc
import VRRPConfig

/// Reads configuration files from the local file system for `VRRPConfig`'s loader.
struct FileSystemReader: ConfigFileReader {
    func contents(ofFile path: String) -> Result<[UInt8], ConfigReadError> {
        var status = stat()
        guard stat(path, &status) == 0 else { return .failure(ConfigReadError(reason: "no such file")) }
        if status.st_mode & S_IFMT == S_IFDIR { return .failure(ConfigReadError(reason: "is a directory")) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ConfigReadError(reason: "permission denied or unreadable"))
        }
        return .success([UInt8](data))
    }

    func entries(ofDirectory path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    }

    /// Whether the host has an interface of this name (`/sys/class/net/NAME`).
    static func interfaceExists(_ name: String) -> Bool {
        !name.contains("/") && access("/sys/class/net/\(name)", F_OK) == 0
    }

    /// The node name from uname(2), keepalived's default config id for `@name` lines.
    static var hostName: String {
        var name = utsname()
        guard uname(&name) == 0 else { return "" }
        return withUnsafeBytes(of: &name.nodename) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
