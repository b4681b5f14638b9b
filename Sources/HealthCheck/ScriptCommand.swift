/// A keepalived `script` string turned into an argument vector.
///
/// keepalived 2.x splits the string into words (single and double quotes group, a backslash escapes the next
/// character) and executes the first word directly, without a shell. We do the same; a string that uses shell
/// syntax (pipes, redirections, `;`, `&&`, `$`, back-quotes, globs) runs under `/bin/sh -c` instead of passing
/// those characters to the program as literal arguments.
public struct ScriptCommand: Hashable, Sendable, CustomStringConvertible {
    /// The words to execute; the first is the program.
    public var arguments: [String]
    /// Whether the command runs under `/bin/sh -c`.
    public var usesShell: Bool
    /// The string as configured.
    public var source: String

    /// Why a script string cannot be run.
    public enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// Nothing to run.
        case empty
        /// A quote opened at this character offset is never closed.
        case unterminatedQuote(offset: Int)

        /// A sentence naming the problem.
        public var description: String {
            switch self {
            case .empty: "the script is empty"
            case .unterminatedQuote(let offset): "the quote at character \(offset + 1) is never closed"
            }
        }
    }

    /// Parses a `script` value.
    public init(_ source: String) throws(ParseError) {
        self.source = source
        let scalars = Array(source.unicodeScalars)
        var words: [String] = []
        var word = ""
        var inWord = false
        var needsShell = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case " ", "\t", "\n":
                if inWord {
                    words.append(word)
                    word = ""
                    inWord = false
                }
            case "'", "\"":
                let quoteStart = index
                inWord = true
                index += 1
                while index < scalars.count, scalars[index] != scalar {
                    if scalar == "\"", scalars[index] == "$" || scalars[index] == "`" { needsShell = true }
                    if scalar == "\"", scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                    word.unicodeScalars.append(scalars[index])
                    index += 1
                }
                guard index < scalars.count else { throw .unterminatedQuote(offset: quoteStart) }
            case "\\":
                inWord = true
                if index + 1 < scalars.count {
                    index += 1
                    word.unicodeScalars.append(scalars[index])
                }
            default:
                if Self.shellSyntax.contains(scalar) { needsShell = true }
                inWord = true
                word.unicodeScalars.append(scalar)
            }
            index += 1
        }
        if inWord { words.append(word) }
        guard !words.isEmpty else { throw .empty }
        if needsShell {
            self.arguments = ["/bin/sh", "-c", source]
            self.usesShell = true
        } else {
            self.arguments = words
            self.usesShell = false
        }
    }

    private static let shellSyntax: Set<Unicode.Scalar> = ["|", "&", ";", "<", ">", "$", "`", "*", "?", "(", ")", "~"]

    /// The program to execute (the first word).
    public var program: String { arguments[0] }

    /// The configured string.
    public var description: String { source }
}
