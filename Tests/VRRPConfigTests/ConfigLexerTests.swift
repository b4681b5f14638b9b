import Testing
import VRRPConfig
import VRRPWire

@Suite("Lexer")
struct ConfigLexerTests {
    private func tokens(_ line: String) -> ([ConfigToken], [Diagnostic]) {
        var tokens: [ConfigToken] = []
        var sink = DiagnosticSink()
        let bytes = Array(line.utf8)
        ConfigLexer.tokenize(
            bytes, columns: (0..<bytes.count).map { Int32($0 + 1) }, file: "f.conf", line: 7, into: &tokens,
            diagnostics: &sink)
        return (tokens, sink.diagnostics)
    }

    @Test("braces are tokens even when glued to a word")
    func gluedBraces() {
        let (tokens, _) = tokens("chk_url{ }}")
        #expect(tokens.map(\.text) == ["chk_url", "{", "}", "}"])
        #expect(tokens.map(\.kind) == [.word, .openBrace, .closeBrace, .closeBrace])
    }

    @Test("a # or ! at a token start begins a comment; inside a word it does not")
    func comments() {
        #expect(tokens("priority 100 # the master").0.map(\.text) == ["priority", "100"])
        #expect(tokens("priority 100 ! note").0.map(\.text) == ["priority", "100"])
        #expect(tokens("auth_pass ab#cd!").0.map(\.text) == ["auth_pass", "ab#cd!"])
        #expect(tokens("   # whole line").0.isEmpty)
    }

    @Test("quoted strings keep spaces, comment characters and escaped quotes")
    func quoted() {
        let (tokens, diagnostics) = tokens(#"script "/bin/check --name \"a b\" # !""#)
        #expect(tokens.count == 2)
        #expect(tokens[1].kind == .quoted)
        #expect(tokens[1].text == #"/bin/check --name "a b" # !"#)
        #expect(diagnostics.isEmpty)
    }

    @Test("an unterminated quote is an error at the opening quote")
    func unterminated() {
        let (tokens, diagnostics) = tokens(#"notify_master "/bin/x"#)
        #expect(tokens.last?.text == "/bin/x")
        #expect(diagnostics.map(\.code) == [.unterminatedQuote])
        #expect(diagnostics.first?.location == SourceLocation(file: "f.conf", line: 7, column: 15))
    }

    @Test("every token carries its file, line and column, tabs counting as one byte")
    func locations() {
        let (tokens, _) = tokens("\tstate  MASTER")
        #expect(tokens.map(\.location.column) == [2, 9])
        #expect(tokens.allSatisfy { $0.location.file == "f.conf" && $0.location.line == 7 })
    }

    @Test("a semicolon glued to a value is kept, as keepalived does, and warned about")
    func semicolon() {
        let (tokens, diagnostics) = tokens("state MASTER;")
        #expect(tokens.map(\.text) == ["state", "MASTER;"])
        #expect(diagnostics.map(\.code) == [.semicolon])
        #expect(diagnostics.first?.location?.column == 13)
    }
}
