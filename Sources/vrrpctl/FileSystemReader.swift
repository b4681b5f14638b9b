import Foundation
import Glibc
import VRRPConfig

/// Reads configuration files from the local file system for `VRRPConfig`'s loader.
struct FileSystemReader: ConfigFileReader {
    func contents(ofFile path: String) -> Result<[UInt8], ConfigReadError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(ConfigReadError(reason: "no such file"))
        }
        if isDirectory.boolValue { return .failure(ConfigReadError(reason: "is a directory")) }
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
        !name.contains("/") && FileManager.default.fileExists(atPath: "/sys/class/net/\(name)")
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
