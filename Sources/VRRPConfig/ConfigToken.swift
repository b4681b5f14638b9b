/// One lexical token of keepalived.conf, with the place it came from (through includes and substitutions).
public struct ConfigToken: Hashable, Sendable, CustomStringConvertible {
    /// What kind of token it is.
    public enum Kind: Hashable, Sendable {
        /// A bare word (keyword or value).
        case word
        /// A double-quoted string; `text` holds it without the quotes, escapes resolved.
        case quoted
        /// `{`.
        case openBrace
        /// `}`.
        case closeBrace
        /// The end of a source line (keepalived.conf is line oriented).
        case endOfLine
    }

    /// The kind.
    public var kind: Kind
    /// The text (without quotes for `.quoted`).
    public var text: String
    /// Where the token starts; for text that came from a `$VARIABLE`, where the variable was used.
    public var location: SourceLocation

    /// A token from its parts.
    public init(_ kind: Kind, _ text: String, at location: SourceLocation) {
        self.kind = kind
        self.text = text
        self.location = location
    }

    /// The text, quoted again if it was quoted.
    public var description: String {
        switch kind {
        case .quoted: "\"\(text)\""
        case .endOfLine: "end of line"
        case .word, .openBrace, .closeBrace: text
        }
    }
}
