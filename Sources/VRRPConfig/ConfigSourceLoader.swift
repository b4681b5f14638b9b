/// Reads keepalived.conf and everything it includes into one token stream: `@name` / `@^name` conditional
/// lines, `$NAME=value` definitions (continued with a trailing `\`), `$NAME` / `${NAME}` substitution and
/// `include` with globs resolved against the including file's directory.
struct ConfigSourceLoader<Reader: ConfigFileReader> {
    /// Includes nested deeper than this are refused (keepalived has no limit and loops on a cycle).
    static var maximumIncludeDepth: Int { 32 }
    /// At most this many files are read per configuration (includes can fan out exponentially without a cycle).
    static var maximumFiles: Int { 1024 }
    /// Variable expansion produces at most this many bytes per configuration (multi-line values can fan out).
    let maximumExpandedBytes: Int

    let reader: Reader
    /// The id `@name` lines are matched against (keepalived: `-i`, default the host name).
    let configID: String?

    /// The tokens of every file, in reading order, with an `.endOfLine` after each line.
    private(set) var tokens: [ConfigToken] = []
    /// Each file's lines as text, for rendering diagnostics.
    private(set) var sources: [String: [String]] = [:]
    /// Every file read, in order.
    private(set) var files: [String] = []
    var diagnostics = DiagnosticSink()
    private var variables: [String: [[UInt8]]] = [:]
    /// The files being read, outermost first: an include of one of them is a cycle.
    private var loading: [String] = []
    private var expandedBytes = 0
    private var budgetReported = false
    private var depthReported = false
    private var reportedCycles: Set<String> = []

    init(reader: Reader, configID: String?, maximumExpandedBytes: Int = 16 << 20) {
        self.reader = reader
        self.configID = configID
        self.maximumExpandedBytes = maximumExpandedBytes
        variables["_HASH"] = [[UInt8(ascii: "#")]]
        variables["_BANG"] = [[UInt8(ascii: "!")]]
        variables["_INSTANCE"] = [Array((configID ?? "").utf8)]
    }

    /// Reads `path` (and its includes); a missing top-level file is an error.
    mutating func load(path: String) {
        switch reader.contents(ofFile: path) {
        case .success(let bytes):
            loadFile(path: path, bytes: bytes, depth: 0)
        case .failure(let failure):
            diagnostics.error(.fileUnreadable, "cannot read '\(path)': \(failure.reason)", at: nil)
        }
    }

    private mutating func loadFile(path: String, bytes: [UInt8], depth: Int) {
        files.append(path)
        loading.append(path)
        defer { loading.removeLast() }
        let enclosingDirectory = variables["_PWD"]
        variables["_PWD"] = [Array(Self.directory(of: path).utf8)]
        defer { variables["_PWD"] = enclosingDirectory }
        let lines = Self.splitLines(bytes)
        sources[path] = lines.map { String(decoding: $0, as: UTF8.self) }
        var index = 0
        while index < lines.count {
            let lineNumber = index + 1
            let raw = lines[index]
            index += 1
            guard let (line, columns) = conditional(raw, Self.columns(raw.count)) else { continue }
            let start = Self.skipBlanks(line, from: 0)
            // $NAME=value, continued by a trailing backslash (before any comment); kept raw, expanded when used.
            if start < line.count, line[start] == UInt8(ascii: "$"),
                let (name, valueStart) = Self.definition(line, at: start)
            {
                var (content, continued) = Self.continuation(Array(line[valueStart...]))
                var values = content.isEmpty && continued ? [] : [content]
                while continued, index < lines.count {
                    let next = lines[index]
                    index += 1
                    (content, continued) = Self.continuation(next)
                    if content.isEmpty, !continued {
                        // A comment line inside a continued definition does not end it.
                        continued = Self.isCommentLine(next)
                        continue
                    }
                    values.append(content)
                }
                variables[name] = values.isEmpty ? [[]] : values
                continue
            }
            emit(line, columns, file: path, line: lineNumber, expanding: [], includeDepth: depth)
        }
    }

    /// Applies an `@name` / `@^name` prefix: the rest of the line, or `nil` when the condition fails.
    private func conditional(_ line: [UInt8], _ columns: [Int32]) -> ([UInt8], [Int32])? {
        let start = Self.skipBlanks(line, from: 0)
        guard start < line.count, line[start] == UInt8(ascii: "@") else { return (line, columns) }
        var end = start + 1
        while end < line.count, !Self.isBlank(line[end]) { end += 1 }
        var name = line[(start + 1)..<end]
        var negate = false
        if name.first == UInt8(ascii: "^") {
            negate = true
            name = name.dropFirst()
        }
        let matches = configID.map { Array($0.utf8) == Array(name) } ?? false
        if matches == negate { return nil }
        return (Array(line[end...]), Array(columns[end...]))
    }

    /// Substitutes variables (recursively, multi-line values becoming several lines), then tokenizes.
    /// `expanding` holds the variables whose values produced this line: a reference to one of them is a cycle.
    private mutating func emit(
        _ raw: [UInt8], _ rawColumns: [Int32], file: String, line lineNumber: Int, expanding: [String],
        includeDepth: Int
    ) {
        guard let (line, columns) = conditional(raw, rawColumns) else { return }
        let location = SourceLocation(file: file, line: lineNumber, column: Int(columns.first ?? 1))
        if let (expanded, used, cycle) = substituteOnce(line, columns, expanding: expanding) {
            if let cycle, reportedCycles.insert(cycle).inserted {
                diagnostics.error(
                    .variableExpansion,
                    "'$\(cycle)' refers to itself (\((expanding + [cycle]).map { "$" + $0 }.joined(separator: " → "))); "
                        + "it is left unexpanded", at: location)
            }
            if !used.isEmpty {
                expandedBytes += expanded.reduce(0) { $0 + $1.0.count }
                guard expandedBytes <= maximumExpandedBytes else {
                    if !budgetReported {
                        budgetReported = true
                        diagnostics.error(
                            .variableExpansion,
                            "variable expansion produced more than \(maximumExpandedBytes) bytes; "
                                + "this and every later expansion is skipped", at: location)
                    }
                    return
                }
                guard expanding.count < Self.maximumExpansionDepth, expanded.reduce(0, { $0 + $1.0.count }) <= 65_536
                else {
                    if !depthReported {
                        depthReported = true
                        diagnostics.error(
                            .variableExpansion,
                            "variable expansion nested more than \(Self.maximumExpansionDepth) deep or longer than "
                                + "64 KiB; the line is skipped", at: location)
                    }
                    return
                }
                for (bytes, cols) in expanded {
                    emit(
                        bytes, cols, file: file, line: lineNumber, expanding: expanding + used,
                        includeDepth: includeDepth)
                }
                return
            }
        }
        warnUndefined(line, columns, file: file, line: lineNumber)
        let before = tokens.count
        ConfigLexer.tokenize(
            line, columns: columns, file: file, line: lineNumber, into: &tokens, diagnostics: &diagnostics)
        guard tokens.count > before else { return }
        if tokens[before].kind == .word, tokens[before].text == "include" {
            let arguments = Array(tokens[(before + 1)...])
            let keyword = tokens[before]
            tokens.removeSubrange(before...)
            include(arguments, keyword: keyword, from: file, depth: includeDepth)
            return
        }
        let last = tokens[tokens.count - 1].location
        tokens.append(
            ConfigToken(.endOfLine, "", at: SourceLocation(file: file, line: lineNumber, column: last.column + 1)))
    }

    /// One pass of `$NAME` / `${NAME}` substitution over defined names; `nil` when nothing was substituted.
    /// Names in `expanding` are not substituted (that would be a cycle): the first such name is returned.
    private func substituteOnce(
        _ line: [UInt8], _ columns: [Int32], expanding: [String]
    ) -> (lines: [([UInt8], [Int32])], used: [String], cycle: String?)? {
        guard line.contains(UInt8(ascii: "$")) else { return nil }
        var result: [([UInt8], [Int32])] = []
        var bytes: [UInt8] = []
        var cols: [Int32] = []
        var substituted = false
        var used: [String] = []
        var cycle: String?
        var i = 0
        while i < line.count {
            let c = line[i]
            if c == UInt8(ascii: "$"), let (name, end) = Self.reference(line, at: i), let value = variables[name] {
                if expanding.contains(name) {
                    cycle = cycle ?? name
                    bytes.append(c)
                    cols.append(columns[i])
                    i += 1
                    continue
                }
                if !used.contains(name) { used.append(name) }
                substituted = true
                let column = columns[i]
                for (n, valueLine) in value.enumerated() {
                    if n > 0 {
                        result.append((bytes, cols))
                        bytes = []
                        cols = []
                    }
                    bytes += valueLine
                    cols += repeatElement(column, count: valueLine.count)
                }
                i = end
                continue
            }
            bytes.append(c)
            cols.append(columns[i])
            i += 1
        }
        guard substituted else {
            return cycle.map { _ in ([(bytes, cols)], used, cycle) } ?? nil
        }
        result.append((bytes, cols))
        return (result, used, cycle)
    }

    /// Warns about `$NAME` references to names never defined (outside quotes and comments).
    private mutating func warnUndefined(_ line: [UInt8], _ columns: [Int32], file: String, line lineNumber: Int) {
        guard line.contains(UInt8(ascii: "$")) else { return }
        let end = Self.commentStart(line) ?? line.count
        var inQuotes = false
        for i in 0..<end {
            if line[i] == UInt8(ascii: "\"") { inQuotes.toggle() }
            guard !inQuotes, line[i] == UInt8(ascii: "$"), let (name, _) = Self.reference(line, at: i),
                variables[name] == nil
            else { continue }
            diagnostics.warning(
                .undefinedVariable, "'$\(name)' is not defined (no '$\(name)=' line before it); kept literally",
                at: SourceLocation(file: file, line: lineNumber, column: Int(columns[i])))
        }
    }

    /// The index of the `#` or `!` that starts a comment (at a token start, outside quotes).
    static func commentStart(_ line: [UInt8]) -> Int? {
        var inQuotes = false
        for i in line.indices {
            let c = line[i]
            if c == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes, c == UInt8(ascii: "#") || c == UInt8(ascii: "!"), i == 0 || isBlank(line[i - 1]) {
                return i
            }
        }
        return nil
    }

    /// A definition line's content without its comment and trailing backslash, and whether it continues.
    private static func continuation(_ line: [UInt8]) -> ([UInt8], Bool) {
        var content = trimmed(Array(line[..<(commentStart(line) ?? line.count)]))
        guard content.last == UInt8(ascii: "\\") else { return (content, false) }
        content.removeLast()
        return (trimmed(content), true)
    }

    private static func isCommentLine(_ line: [UInt8]) -> Bool {
        let start = skipBlanks(line, from: 0)
        return start < line.count && commentStart(line) == start
    }

    private static func columns(_ count: Int) -> [Int32] { (0..<count).map { Int32($0 + 1) } }

    /// Variable references expand at most this deep.
    static var maximumExpansionDepth: Int { 16 }

    private mutating func include(_ arguments: [ConfigToken], keyword: ConfigToken, from path: String, depth: Int) {
        guard let pattern = arguments.first else {
            diagnostics.error(.missingValue, "'include' needs a file name or pattern", at: keyword.location)
            return
        }
        if arguments.count > 1 {
            diagnostics.warning(
                .extraValues, "'include' takes one pattern; '\(arguments[1].text)' and after are ignored",
                at: arguments[1].location)
        }
        guard depth < Self.maximumIncludeDepth else {
            diagnostics.error(
                .includeDepth,
                "includes nested more than \(Self.maximumIncludeDepth) deep (an include cycle?): "
                    + "'\(pattern.text)' skipped",
                at: pattern.location)
            return
        }
        var target = pattern.text
        if !target.hasPrefix("/") {
            let directory = Self.directory(of: path)
            if !directory.isEmpty { target = directory + "/" + target }
        }
        let matches = GlobPattern(pattern: target).expand(with: reader)
        var any = false
        for match in matches {
            if loading.contains(match) {
                diagnostics.error(
                    .includeCycle,
                    "include cycle: '\(match)' is already being read (\(loading.joined(separator: " → "))); skipped",
                    at: pattern.location)
                continue
            }
            guard files.count < Self.maximumFiles else {
                diagnostics.error(
                    .includeDepth, "more than \(Self.maximumFiles) files included; '\(match)' and the rest are skipped",
                    at: pattern.location)
                return
            }
            switch reader.contents(ofFile: match) {
            case .success(let bytes):
                any = true
                loadFile(path: match, bytes: bytes, depth: depth + 1)
            case .failure(let failure):
                if GlobPattern.hasWildcard(target) { continue }
                diagnostics.warning(
                    .fileUnreadable, "included file '\(match)' cannot be read (\(failure.reason)); it is skipped",
                    at: pattern.location)
                return
            }
        }
        if !any, GlobPattern.hasWildcard(target) {
            diagnostics.warning(
                .fileUnreadable, "include pattern '\(target)' matches no file; nothing is included",
                at: pattern.location)
        }
    }

    /// `$NAME` or `${NAME}` at `index`: the name and the index after the reference.
    private static func reference(_ line: [UInt8], at index: Int) -> (String, Int)? {
        var i = index + 1
        let braced = i < line.count && line[i] == UInt8(ascii: "{")
        if braced { i += 1 }
        let start = i
        guard i < line.count, isNameStart(line[i]) else { return nil }
        while i < line.count, isNameByte(line[i]) { i += 1 }
        let name = String(decoding: line[start..<i], as: UTF8.self)
        if braced {
            guard i < line.count, line[i] == UInt8(ascii: "}") else { return nil }
            i += 1
        }
        return (name, i)
    }

    /// `$NAME=` at `index` (the `$` is the first non-blank byte): the name and where the value starts.
    private static func definition(_ line: [UInt8], at index: Int) -> (String, Int)? {
        var i = index + 1
        guard i < line.count, isNameStart(line[i]) else { return nil }
        while i < line.count, isNameByte(line[i]) { i += 1 }
        let name = String(decoding: line[(index + 1)..<i], as: UTF8.self)
        i = skipBlanks(line, from: i)
        guard i < line.count, line[i] == UInt8(ascii: "=") else { return nil }
        return (name, i + 1)
    }

    static func splitLines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            var end = i
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            lines.append(Array(bytes[start..<end]))
            start = i + 1
        }
        if start < bytes.count { lines.append(Array(bytes[start...])) }
        return lines
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    private static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D }
    private static func isNameStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "_")
    }
    private static func isNameByte(_ c: UInt8) -> Bool { isNameStart(c) || (c >= 0x30 && c <= 0x39) }
    private static func skipBlanks(_ line: [UInt8], from start: Int) -> Int {
        var i = start
        while i < line.count, isBlank(line[i]) { i += 1 }
        return i
    }
    private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        var s = 0
        var e = bytes.count
        while s < e, isBlank(bytes[s]) { s += 1 }
        while e > s, isBlank(bytes[e - 1]) { e -= 1 }
        return Array(bytes[s..<e])
    }
}
