/// Value readers shared by every keyword table: each reports a precise diagnostic and returns `nil` on bad input.
extension ConfigModelBuilder {
    /// The block of a block keyword; reports a missing block.
    mutating func block(_ node: ConfigNode, what: String) -> [ConfigNode]? {
        if let children = node.children { return children }
        var message = "'\(node.name)' needs a block: expected '{' after \(what)"
        if node.arguments.count > 1 {
            message += ", found '\(node.arguments[1].text)'; the following lines are read as top-level statements"
        }
        diagnostics.error(.blockExpected, message, at: node.arguments.last?.location ?? node.location)
        return nil
    }

    /// The name argument of a named block (`vrrp_instance NAME {`).
    mutating func blockName(_ node: ConfigNode) -> String? {
        guard let first = node.arguments.first else {
            diagnostics.error(.missingValue, "'\(node.name)' needs a name", at: node.location)
            return nil
        }
        if node.arguments.count > 1, node.children != nil {
            diagnostics.warning(
                .extraValues, "'\(node.name) \(first.text)' takes one name; '\(node.arguments[1].text)' is ignored",
                at: node.arguments[1].location)
        }
        return first.text
    }

    /// The single value of a value keyword; reports a missing value, extra values and a stray block.
    mutating func single(_ node: ConfigNode) -> ConfigToken? {
        if node.children != nil {
            diagnostics.error(.blockExpected, "'\(node.name)' takes a value, not a block", at: node.location)
        }
        guard let value = node.arguments.first else {
            diagnostics.error(.missingValue, "'\(node.name)' needs a value", at: node.location)
            return nil
        }
        if node.arguments.count > 1 {
            diagnostics.warning(
                .extraValues, "'\(node.name)' takes one value; '\(node.arguments[1].text)' and after are ignored",
                at: node.arguments[1].location)
        }
        return value
    }

    /// The rest of the line as one command (keepalived joins unquoted words of a command).
    mutating func command(_ node: ConfigNode) -> String? {
        guard !node.arguments.isEmpty else {
            diagnostics.error(.missingValue, "'\(node.name)' needs a command", at: node.location)
            return nil
        }
        return node.arguments.map(\.text).joined(separator: " ")
    }

    /// A flag keyword; values after it are reported.
    mutating func flag(_ node: ConfigNode) {
        if let extra = node.arguments.first {
            diagnostics.warning(
                .extraValues, "'\(node.name)' takes no value; '\(extra.text)' is ignored", at: extra.location)
        }
    }

    /// An integer within `range`.
    mutating func integer(
        _ node: ConfigNode, in range: ClosedRange<Int>, consequence: String = "the line is ignored"
    )
        -> Int?
    {
        guard let token = single(node) else { return nil }
        return integer(token, keyword: node.name, in: range, consequence: consequence)
    }

    /// An integer token within `range`.
    mutating func integer(
        _ token: ConfigToken, keyword: String, in range: ClosedRange<Int>, consequence: String = "the line is ignored"
    ) -> Int? {
        guard let value = Int(token.text) else {
            diagnostics.error(
                .invalidNumber, "'\(token.text)' is not a whole number for '\(keyword)'; \(consequence)",
                at: token.location)
            return nil
        }
        guard range.contains(value) else {
            diagnostics.error(
                .outOfRange,
                "\(keyword) \(value) is outside \(range.lowerBound)…\(range.upperBound); \(consequence)",
                at: token.location)
            return nil
        }
        return value
    }

    /// A non-negative decimal with up to six places, in microseconds.
    mutating func microseconds(_ token: ConfigToken, keyword: String) -> Int64? {
        let text = Array(token.text.utf8)
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var places = 0
        var seenDot = false
        var digits = 0
        for byte in text {
            if byte == UInt8(ascii: ".") && !seenDot {
                seenDot = true
                continue
            }
            guard byte >= 0x30, byte <= 0x39 else { digits = -1; break }
            digits += 1
            let digit = Int64(byte - 0x30)
            if seenDot {
                places += 1
                if places <= 6 { fraction = fraction * 10 + digit }
            } else {
                whole = whole * 10 + digit
                if whole > 1_000_000_000 { digits = -1; break }
            }
        }
        guard digits > 0 else {
            diagnostics.error(
                .invalidNumber, "'\(token.text)' is not a number for '\(keyword)'; the line is ignored",
                at: token.location)
            return nil
        }
        if places > 6 {
            diagnostics.error(
                .invalidNumber, "'\(token.text)' has more than 6 decimal places for '\(keyword)'; the line is ignored",
                at: token.location)
            return nil
        }
        for _ in places..<6 { fraction *= 10 }
        return whole * 1_000_000 + fraction
    }

    /// A duration in seconds (decimals allowed) within `range` seconds.
    mutating func seconds(_ node: ConfigNode, in range: ClosedRange<Int64>) -> Duration? {
        guard let token = single(node), let micros = microseconds(token, keyword: node.name) else { return nil }
        guard micros >= range.lowerBound * 1_000_000, micros <= range.upperBound * 1_000_000 else {
            diagnostics.error(
                .outOfRange,
                "\(node.name) \(token.text) is outside \(range.lowerBound)…\(range.upperBound) seconds; "
                    + "the line is ignored",
                at: token.location)
            return nil
        }
        return .microseconds(micros)
    }

    /// A `weight N [reverse]` value pair starting at `index` of `node.arguments`.
    mutating func weight(_ tokens: ArraySlice<ConfigToken>, keyword: String, limit: Int) -> (Int, Bool)? {
        guard let first = tokens.first else { return nil }
        guard let value = integer(first, keyword: keyword, in: -limit...limit, consequence: "the weight is ignored")
        else { return nil }
        var reverse = false
        for token in tokens.dropFirst() {
            if token.text == "reverse" {
                reverse = true
            } else {
                diagnostics.warning(
                    .extraValues, "unexpected '\(token.text)' after weight \(value); ignored", at: token.location)
            }
        }
        return (value, reverse)
    }
}
