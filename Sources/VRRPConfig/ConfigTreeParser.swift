/// Builds the generic block tree from the token stream. The block of a statement opens with `{` on the same
/// line or alone at the start of the next line; a block may also close on the line it opens
/// (`track_script { chk }`); `}}` closes two blocks.
struct ConfigTreeParser {
    private let tokens: [ConfigToken]
    private var index = 0
    private var depth = 0
    /// Blocks nested deeper than this are skipped (keepalived itself nests at most four levels).
    static var maximumDepth: Int { 64 }
    private(set) var diagnostics = DiagnosticSink()

    init(tokens: [ConfigToken]) {
        self.tokens = tokens
    }

    /// Parses the whole stream into top-level statements.
    mutating func parse() -> [ConfigNode] {
        parseBlock(opener: nil)
    }

    private var current: ConfigToken? { index < tokens.count ? tokens[index] : nil }

    private mutating func skipLineEnds() {
        while let token = current, token.kind == .endOfLine { index += 1 }
    }

    /// Statements until the `}` closing `opener` (consumed) or the end of input.
    private mutating func parseBlock(opener: ConfigToken?) -> [ConfigNode] {
        var nodes: [ConfigNode] = []
        if let opener, depth >= Self.maximumDepth {
            diagnostics.error(
                .blockStructure, "blocks nested more than \(Self.maximumDepth) deep; this block is skipped",
                at: opener.location)
            skipBlock()
            return nodes
        }
        depth += 1
        defer { depth -= 1 }
        while true {
            skipLineEnds()
            guard let token = current else {
                if let opener {
                    diagnostics.error(
                        .blockStructure, "'{' is never closed: the block runs to the end of the input",
                        at: opener.location)
                }
                return nodes
            }
            switch token.kind {
            case .closeBrace:
                index += 1
                if opener != nil { return nodes }
                diagnostics.error(
                    .blockStructure, "unexpected '}' with no open block; it is ignored", at: token.location)
            case .openBrace:
                index += 1
                diagnostics.error(
                    .blockStructure, "'{' without a keyword before it; the block is skipped", at: token.location)
                _ = parseBlock(opener: token)
            case .word, .quoted:
                nodes.append(parseStatement())
            case .endOfLine:
                index += 1
            }
        }
    }

    /// Skips to the `}` matching an already consumed `{`, without recursion.
    private mutating func skipBlock() {
        var open = 1
        while let token = current, open > 0 {
            if token.kind == .openBrace { open += 1 }
            if token.kind == .closeBrace { open -= 1 }
            index += 1
        }
    }

    private mutating func parseStatement() -> ConfigNode {
        let keyword = tokens[index]
        index += 1
        var arguments: [ConfigToken] = []
        while let token = current, token.kind == .word || token.kind == .quoted {
            arguments.append(token)
            index += 1
        }
        guard let token = current else { return ConfigNode(keyword: keyword, arguments: arguments) }
        switch token.kind {
        case .openBrace:
            index += 1
            let children = parseBlock(opener: token)
            return ConfigNode(keyword: keyword, arguments: arguments, children: children)
        case .endOfLine:
            // `{` alone at the start of a following line still opens this statement's block.
            var look = index
            while look < tokens.count, tokens[look].kind == .endOfLine { look += 1 }
            if look < tokens.count, tokens[look].kind == .openBrace, look > 0, tokens[look - 1].kind == .endOfLine {
                index = look + 1
                let children = parseBlock(opener: tokens[look])
                return ConfigNode(keyword: keyword, arguments: arguments, children: children)
            }
            index += 1
            return ConfigNode(keyword: keyword, arguments: arguments)
        case .closeBrace, .word, .quoted:
            return ConfigNode(keyword: keyword, arguments: arguments)
        }
    }
}
