/// Shell-style path patterns (`*`, `?`, `[...]`) as `include` uses them, expanded through a `ConfigFileReader`.
package struct GlobPattern: Sendable {
    /// The pattern text.
    package let pattern: String

    /// A pattern from its text.
    package init(pattern: String) { self.pattern = pattern }

    /// Whether the text contains a wildcard.
    static func hasWildcard(_ text: some StringProtocol) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// Every path the pattern matches, sorted like glob(3); a pattern without wildcards yields itself.
    package func expand(with reader: some ConfigFileReader) -> [String] {
        guard Self.hasWildcard(pattern) else { return [pattern] }
        let absolute = pattern.hasPrefix("/")
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var prefixes = [absolute ? "/" : ""]
        for (index, part) in parts.enumerated() {
            let last = index == parts.count - 1
            var next: [String] = []
            for prefix in prefixes {
                if !Self.hasWildcard(part) {
                    next.append(Self.join(prefix, part))
                    continue
                }
                let directory = prefix.isEmpty ? "." : prefix
                for name in reader.entries(ofDirectory: directory).sorted()
                where !name.hasPrefix(".") && Self.matches(Array(part.utf8), Array(name.utf8)) {
                    next.append(Self.join(prefix, name))
                }
            }
            prefixes = next
            if prefixes.isEmpty || (last && prefixes.isEmpty) { break }
        }
        return prefixes.sorted()
    }

    private static func join(_ prefix: String, _ name: String) -> String {
        if prefix.isEmpty { return name }
        return prefix.hasSuffix("/") ? prefix + name : prefix + "/" + name
    }

    /// fnmatch(3) without flags over bytes.
    package static func matches(_ pattern: [UInt8], _ name: [UInt8]) -> Bool {
        var p = 0
        var n = 0
        var starP = -1
        var starN = 0
        while n < name.count {
            if p < pattern.count {
                let c = pattern[p]
                if c == UInt8(ascii: "*") {
                    starP = p
                    starN = n
                    p += 1
                    continue
                }
                if c == UInt8(ascii: "?") {
                    p += 1
                    n += 1
                    continue
                }
                if c == UInt8(ascii: "["), let (matched, end) = matchClass(pattern, from: p, byte: name[n]) {
                    if matched {
                        p = end
                        n += 1
                        continue
                    }
                } else if c == name[n] {
                    p += 1
                    n += 1
                    continue
                }
            }
            guard starP >= 0 else { return false }
            starN += 1
            n = starN
            p = starP + 1
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }

    /// Matches one `[...]` class; nil when the class is not closed (then `[` is literal).
    private static func matchClass(_ pattern: [UInt8], from start: Int, byte: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < pattern.count, pattern[i] == UInt8(ascii: "!") || pattern[i] == UInt8(ascii: "^") {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < pattern.count {
            let c = pattern[i]
            if c == UInt8(ascii: "]"), !first { return (matched != negate, i + 1) }
            first = false
            if i + 2 < pattern.count, pattern[i + 1] == UInt8(ascii: "-"), pattern[i + 2] != UInt8(ascii: "]") {
                if byte >= c && byte <= pattern[i + 2] { matched = true }
                i += 3
            } else {
                if byte == c { matched = true }
                i += 1
            }
        }
        return nil
    }
}
