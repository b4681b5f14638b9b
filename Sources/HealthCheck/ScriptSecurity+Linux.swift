import Glibc

/// keepalived's `enable_script_security` rule: a script run as root must not be replaceable by anyone else.
///
/// The program and every directory on its path must be owned by root and not writable by group or others; a
/// world-writable directory is accepted only with the sticky bit and root ownership (like /tmp), since then
/// others cannot replace root's entries. Symbolic links are followed, as exec follows them.
public enum ScriptSecurity {
    /// Why a program is refused, naming the path that makes it unsafe.
    public struct Violation: Error, Hashable, Sendable, CustomStringConvertible {
        /// The program checked.
        public var program: String
        /// The file or directory at fault.
        public var path: String
        /// A sentence naming the cause.
        public var cause: String

        /// `… is unsafe: … (path)`.
        public var description: String { "script \(program) is unsafe: \(path) \(cause)" }
    }

    /// Checks a program path (absolute); returns nil when it may run as root.
    public static func check(program: String) -> Violation? {
        var resolved = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard realpath(program, &resolved) != nil else {
            return Violation(
                program: program, path: program, cause: "cannot be resolved (\(String(cString: strerror(errno))))")
        }
        let path = String(decoding: resolved.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var components = path.split(separator: "/").map(String.init)
        var current = path
        // Check the file itself, then each parent up to "/".
        while true {
            var info = stat()
            guard stat(current, &info) == 0 else {
                return Violation(
                    program: program, path: current, cause: "cannot be examined (\(String(cString: strerror(errno))))")
            }
            let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
            let groupOrOtherWritable = info.st_mode & (S_IWGRP | S_IWOTH) != 0
            let sticky = info.st_mode & S_ISVTX != 0
            if info.st_uid != 0 {
                return Violation(program: program, path: current, cause: "is owned by uid \(info.st_uid), not root")
            }
            if groupOrOtherWritable && !(isDirectory && sticky) {
                return Violation(program: program, path: current, cause: "is writable by group or others")
            }
            if components.isEmpty { break }
            components.removeLast()
            current = "/" + components.joined(separator: "/")
        }
        return nil
    }
}
