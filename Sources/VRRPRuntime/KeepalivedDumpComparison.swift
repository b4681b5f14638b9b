import FoundationEssentials

/// A line-by-line comparison of two data dumps in keepalived's layout (`keepalived.data`): which lines of the
/// reference are missing, which are extra, which carry another value, and whether the shared lines come in the
/// same order. Used to hold our dump to keepalived's.
///
/// A line is identified by its section (`------< VRRP Topology >------`), its block (the one-space-indented header
/// such as `VRRP Instance = VI_1` or `Name = eth0`, up to a comma) and its key: the text before ` = ` or `:`, or
/// the whole line for a flag such as `Using Native IPv6`. A five-space-indented list item is keyed by the field
/// above it and its position (`Virtual IP (1)[0]`).
package struct KeepalivedDumpComparison: Sendable {
    /// One line of a dump.
    package struct Line: Hashable, Sendable, CustomStringConvertible {
        /// The section's title, e.g. `VRRP Topology`.
        package var section: String
        /// The block's header, e.g. `VRRP Instance = VI_1`; empty for lines outside a block.
        package var block: String
        /// The key within the block.
        package var key: String
        /// The value (empty for flags; the whole item for list items).
        package var value: String
        /// The line as written.
        package var text: String

        /// `section / block / key`.
        package var identity: String { "\(section) / \(block) / \(key)" }

        package var description: String { "\(identity): \(text)" }
    }

    /// Reference lines with no counterpart in ours.
    package var missing: [Line] = []
    /// Our lines with no counterpart in the reference.
    package var extra: [Line] = []
    /// Pairs with the same identity and different text: (reference, ours).
    package var differing: [(reference: Line, ours: Line)] = []
    /// Shared lines that come in another order than in the reference (ours, listed at the first out-of-order one).
    package var outOfOrder: [Line] = []

    /// Compares `ours` against `reference`.
    package init(reference: String, ours: String) {
        let referenceLines = Self.parse(reference)
        let ourLines = Self.parse(ours)
        var ourIndex: [String: Int] = [:]
        for (index, line) in ourLines.enumerated() where ourIndex[line.identity] == nil {
            ourIndex[line.identity] = index
        }
        let referenceIdentities = Set(referenceLines.map(\.identity))
        var lastMatched = -1
        for line in referenceLines {
            guard let index = ourIndex[line.identity] else {
                missing.append(line)
                continue
            }
            let counterpart = ourLines[index]
            if counterpart.text != line.text { differing.append((line, counterpart)) }
            if index < lastMatched { outOfOrder.append(counterpart) }
            lastMatched = max(lastMatched, index)
        }
        extra = ourLines.filter { !referenceIdentities.contains($0.identity) }
    }

    /// The lines of a dump with their identities.
    package static func parse(_ text: String) -> [Line] {
        var lines: [Line] = []
        var section = ""
        var block = ""
        var parentKey = ""
        var itemIndex = 0
        var seen: [String: Int] = [:]
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(raw)
            let indent = line.prefix { $0 == " " }.count
            let body = String(line.dropFirst(indent))
            if body.hasPrefix("------<") {
                section = body.replacing("------<", with: "").replacing(">------", with: "").trimmedSpaces()
                block = ""
                parentKey = ""
                continue
            }
            let (key, value) = Self.split(body)
            if indent >= 5 {
                var entry = Line(
                    section: section, block: block, key: "\(parentKey)[\(itemIndex)]", value: body, text: line)
                itemIndex += 1
                entry.key = Self.unique(entry, &seen)
                lines.append(entry)
                continue
            }
            if indent == 1, section != "Global definitions" {
                block = body.split(separator: ",", maxSplits: 1).first.map(String.init) ?? body
                parentKey = ""
                itemIndex = 0
                lines.append(Line(section: section, block: block, key: "", value: value, text: line))
                continue
            }
            parentKey = key
            itemIndex = 0
            var entry = Line(section: section, block: block, key: key, value: value, text: line)
            entry.key = Self.unique(entry, &seen)
            lines.append(entry)
        }
        return lines
    }

    /// Key and value of a field line: split at ` = `, else at the first `:`, else the whole line is the key.
    static func split(_ body: String) -> (key: String, value: String) {
        if let range = body.firstRange(of: " = ") {
            return (String(body[..<range.lowerBound]), String(body[range.upperBound...]))
        }
        if let colon = body.firstIndex(of: ":") {
            let key = String(body[..<colon]).trimmedSpaces()
            return (key, String(body[body.index(after: colon)...]).trimmedSpaces())
        }
        return (body, "")
    }

    /// Numbers a key that repeats within a block (`key#2`), so every line has its own identity.
    private static func unique(_ line: Line, _ seen: inout [String: Int]) -> String {
        let count = seen[line.identity, default: 0] + 1
        seen[line.identity] = count
        return count == 1 ? line.key : "\(line.key)#\(count)"
    }
}

extension String {
    fileprivate func trimmedSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
