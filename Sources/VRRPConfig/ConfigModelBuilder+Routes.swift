import VRRPWire

/// `virtual_routes` and `virtual_rules` lines (keepalived's `alloc_route` / `alloc_rule` syntax, the core of it).
extension ConfigModelBuilder {
    /// Route options keepalived knows that vrrp-swift does not apply, with how many values each takes
    /// (-1: the rest of the line).
    static let unsupportedRouteOptions: [String: Int] = [
        "or": 1, "nexthop": -1, "encap": -1, "mtu": 1, "advmss": 1, "rtt": 1, "rttvar": 1, "reordering": 1,
        "window": 1, "cwnd": 1, "ssthresh": 1, "realms": 1, "rto_min": 1, "initcwnd": 1, "initrwnd": 1,
        "features": 1, "quickack": 1, "congctl": 1, "pref": 1, "tos": 1, "dsfield": 1, "hoplimit": 1,
        "fastopen_no_cookie": 1, "expires": 1, "ttl-propagate": 1, "lock": 0, "throw": 0, "local": 0,
        "broadcast": 0, "anycast": 0, "multicast": 0, "nat": 0,
    ]

    /// Rule options keepalived knows that vrrp-swift does not apply, with how many values each takes.
    static let unsupportedRuleOptions: [String: Int] = [
        "tos": 1, "dsfield": 1, "realms": 1, "goto": 1, "suppress_prefixlength": 1, "suppress_ifgroup": 1,
        "uidrange": 1, "ipproto": 1, "sport": 1, "dport": 1, "protocol": 1, "tun_id": 1, "type": 1, "not": 0,
        "nop": 0, "l3mdev": 0, "blackhole": 0, "unreachable": 0, "prohibit": 0,
    ]

    /// `scope` names and their numbers.
    static let routeScopes: [String: UInt8] = [
        "global": 0, "universe": 0, "site": 200, "link": 253, "host": 254, "nowhere": 255,
    ]

    /// `proto` names and their numbers (<linux/rtnetlink.h>).
    static let routeProtocols: [String: UInt8] = [
        "redirect": 1, "kernel": 2, "boot": 3, "static": 4, "ra": 9, "dhcp": 16, "keepalived": 18,
    ]

    /// The lines of a block keyword (a value on the keyword's own line counts as a line too).
    mutating func blockLines(_ node: ConfigNode, what: String) -> [[ConfigToken]] {
        var lines: [[ConfigToken]] = []
        if !node.arguments.isEmpty { lines.append(node.arguments) }
        if let children = node.children {
            lines += children.map(\.words)
        } else if node.arguments.isEmpty {
            diagnostics.error(.blockExpected, "'\(node.name)' needs a block of \(what)", at: node.location)
        }
        return lines
    }

    /// Every line of a `virtual_routes` block.
    mutating func virtualRoutes(_ node: ConfigNode) -> [VirtualRoute] {
        blockLines(node, what: "routes").compactMap { virtualRoute($0) }
    }

    /// Every line of a `virtual_rules` block.
    mutating func virtualRules(_ node: ConfigNode) -> [VirtualRule] {
        blockLines(node, what: "rules").compactMap { virtualRule($0) }
    }

    /// `[TYPE] [to] DEST [src IP] [via|gw [inet|inet6] IP] [dev IF] [metric N] [table T] [scope S] [proto P]
    /// [onlink] [no_track]`; DEST is `default`, `default6`, `IP` or `IP/LEN`.
    mutating func virtualRoute(_ words: [ConfigToken]) -> VirtualRoute? {
        guard let first = words.first else { return nil }
        let skipped = "the route is skipped"
        var kind = VirtualRoute.Kind.unicast
        var destination: (address: IPAddress?, length: UInt8?, token: ConfigToken)?
        var defaultFamily: AddressFamily?
        var source: IPAddress?
        var gateway: IPAddress?
        var device: String?
        var metric: UInt32?
        var table: UInt32 = 254
        var scope: UInt8?
        var protocolNumber: UInt8?
        var onLink = false
        var noTrack = false
        var unsupported: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            let option = word.text
            if let kindWord = VirtualRoute.Kind(rawValue: option), kindWord != .unicast, destination == nil {
                kind = kindWord
                continue
            }
            if option == "onlink" {
                onLink = true
                continue
            }
            if option == "no_track" {
                noTrack = true
                continue
            }
            if let count = Self.unsupportedRouteOptions[option] {
                let taken = count < 0 ? words.count - index : min(count, words.count - index)
                let written = ([word] + words[index..<(index + taken)]).map(\.text).joined(separator: " ")
                index += taken
                unsupported.append(written)
                let deprecation = option == "or" ? " (keepalived deprecates 'or' for 'nexthop')" : ""
                diagnostics.warning(
                    .notProvided,
                    "route option '\(written)' is not supported by vrrp-swift\(deprecation); route "
                        + "\(first.text)… is installed without it", at: word.location)
                continue
            }
            let takesValue = [
                "to", "src", "via", "gw", "dev", "oif", "metric", "priority", "preference", "table",
                "scope", "proto", "protocol",
            ]
            guard takesValue.contains(option) else {
                // Anything else is the destination, once.
                guard destination == nil else {
                    diagnostics.error(
                        .invalidValue, "unknown route option '\(option)'; \(skipped)", at: word.location)
                    return nil
                }
                if option == "default" || option == "default6" {
                    destination = (nil, 0, word)
                    defaultFamily = option == "default6" ? .ipv6 : nil
                    continue
                }
                guard let prefix = prefix(word, what: "route destination", consequence: skipped) else { return nil }
                destination = (prefix.address, prefix.length, word)
                continue
            }
            guard index < words.count else {
                diagnostics.error(
                    .missingValue, "route option '\(option)' needs a value; \(skipped)", at: word.location)
                return nil
            }
            var value = words[index]
            index += 1
            switch option {
            case "to":
                guard destination == nil else {
                    diagnostics.error(.duplicate, "the route has two destinations; \(skipped)", at: word.location)
                    return nil
                }
                if value.text == "default" || value.text == "default6" {
                    destination = (nil, 0, value)
                    defaultFamily = value.text == "default6" ? .ipv6 : nil
                } else {
                    guard let prefix = prefix(value, what: "route destination", consequence: skipped) else {
                        return nil
                    }
                    destination = (prefix.address, prefix.length, value)
                }
            case "src":
                guard let address = IPAddress(value.text) else {
                    diagnostics.error(
                        .invalidAddress, "invalid route src address '\(value.text)'; \(skipped)", at: value.location)
                    return nil
                }
                source = address
            case "via", "gw":
                if option == "gw" {
                    diagnostics.warning(.deprecated, "'gw' for routes is deprecated; use 'via'", at: word.location)
                }
                if value.text == "inet" || value.text == "inet6", index < words.count {
                    value = words[index]
                    index += 1
                }
                guard let address = IPAddress(value.text) else {
                    diagnostics.error(
                        .invalidAddress, "invalid route via address '\(value.text)'; \(skipped)", at: value.location)
                    return nil
                }
                gateway = address
            case "dev", "oif": device = value.text
            case "metric", "priority", "preference":
                guard let number = UInt32(value.text) else {
                    diagnostics.error(
                        .invalidNumber, "route metric '\(value.text)' is not a number 0…4294967295; \(skipped)",
                        at: value.location)
                    return nil
                }
                metric = number
            case "table":
                guard let number = routeTable(value, consequence: skipped) else { return nil }
                table = number
            case "scope":
                guard let number = Self.routeScopes[value.text] ?? UInt8(value.text) else {
                    diagnostics.error(
                        .invalidValue,
                        "unknown route scope '\(value.text)' (global, site, link, host, nowhere or 0–255); \(skipped)",
                        at: value.location)
                    return nil
                }
                scope = number
            default:  // proto, protocol
                guard let number = Self.routeProtocols[value.text] ?? UInt8(value.text) else {
                    diagnostics.error(
                        .invalidValue,
                        "unknown route proto '\(value.text)' (kernel, boot, static, ra, dhcp, keepalived or 0–255); "
                            + skipped, at: value.location)
                    return nil
                }
                protocolNumber = number
            }
        }
        guard let destination else {
            diagnostics.error(.missingValue, "the route has no destination; \(skipped)", at: first.location)
            return nil
        }
        let family = destination.address?.family ?? defaultFamily ?? gateway?.family ?? source?.family ?? .ipv4
        for (name, address) in [("src", source), ("via", gateway)] {
            if let address, address.family != family {
                diagnostics.error(
                    .familyMismatch, "route \(name) \(address) is not \(family) like the destination; \(skipped)",
                    at: destination.token.location)
                return nil
            }
        }
        var route = VirtualRoute(
            family: family, destination: destination.address, prefixLength: destination.length,
            location: first.location)
        route.kind = kind
        route.source = source
        route.gateway = gateway
        route.device = device
        route.metric = metric
        route.table = table
        route.scope = scope
        route.protocolNumber = protocolNumber
        route.onLink = onLink
        route.noTrack = noTrack
        route.unsupportedOptions = unsupported
        if !noTrack, device == nil {
            // keepalived's alloc_route: "cannot track route … with no interface specified, not tracking".
            diagnostics.warning(
                .routeNotTracked,
                "route \(route.destination.map { "\($0)/\(route.prefixLength)" } ?? "default") has no 'dev': like keepalived, vrrp-swift does not watch it for "
                    + "deletion (add 'dev' to have it watched, or 'no_track' to say so)",
                at: first.location)
        }
        return route
    }

    /// `[from PREFIX|all] [to PREFIX|all] [iif IF] [oif IF] [fwmark N[/M]] [table|lookup T]
    /// [priority|preference|pref N] [no_track]`.
    mutating func virtualRule(_ words: [ConfigToken]) -> VirtualRule? {
        guard let first = words.first else { return nil }
        let skipped = "the rule is skipped"
        var rule = VirtualRule(family: .ipv4, location: first.location)
        var explicitFamily: AddressFamily?
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            let option = word.text
            switch option {
            case "no_track":
                rule.noTrack = true
                continue
            case "inet":
                explicitFamily = .ipv4
                continue
            case "inet6":
                explicitFamily = .ipv6
                continue
            default: break
            }
            if let count = Self.unsupportedRuleOptions[option] {
                let taken = min(count, words.count - index)
                let written = ([word] + words[index..<(index + taken)]).map(\.text).joined(separator: " ")
                index += taken
                rule.unsupportedOptions.append(written)
                diagnostics.warning(
                    .notProvided,
                    "rule option '\(written)' is not supported by vrrp-swift; the rule is installed without it",
                    at: word.location)
                continue
            }
            let takesValue = [
                "from", "to", "table", "lookup", "priority", "preference", "pref", "iif", "iifname",
                "dev", "oif", "oifname", "fwmark",
            ]
            guard takesValue.contains(option) else {
                diagnostics.error(.invalidValue, "unknown rule option '\(option)'; \(skipped)", at: word.location)
                return nil
            }
            guard index < words.count else {
                diagnostics.error(.missingValue, "rule option '\(option)' needs a value; \(skipped)", at: word.location)
                return nil
            }
            let value = words[index]
            index += 1
            switch option {
            case "from", "to":
                guard value.text != "all" else { continue }
                guard let prefix = prefix(value, what: "rule \(option) address", consequence: skipped) else {
                    return nil
                }
                let length = prefix.length ?? (prefix.address.family == .ipv4 ? 32 : 128)
                if option == "from" {
                    rule.source = prefix.address
                    rule.sourcePrefixLength = length
                } else {
                    rule.destination = prefix.address
                    rule.destinationPrefixLength = length
                }
            case "table", "lookup":
                guard let number = routeTable(value, consequence: skipped) else { return nil }
                rule.table = number
            case "priority", "preference", "pref":
                guard let number = UInt32(value.text) else {
                    diagnostics.error(
                        .invalidNumber, "rule priority '\(value.text)' is not a number 0…4294967295; \(skipped)",
                        at: value.location)
                    return nil
                }
                rule.priority = number
            case "iif", "iifname", "dev": rule.inputInterface = value.text
            case "oif", "oifname": rule.outputInterface = value.text
            default:  // fwmark
                let parts = value.text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                let mark = Self.unsigned(String(parts[0]))
                let mask = parts.count == 2 ? Self.unsigned(String(parts[1])) : nil
                guard let mark, parts.count == 1 || mask != nil else {
                    diagnostics.error(
                        .invalidNumber, "rule fwmark '\(value.text)' is not MARK or MARK/MASK; \(skipped)",
                        at: value.location)
                    return nil
                }
                rule.firewallMark = mark
                rule.firewallMask = mask
            }
        }
        let families = [rule.source?.family, rule.destination?.family].compactMap { $0 }
        let family = explicitFamily ?? families.first ?? .ipv4
        guard families.allSatisfy({ $0 == family }) else {
            diagnostics.error(
                .familyMismatch, "the rule mixes IPv4 and IPv6 addresses; \(skipped)", at: first.location)
            return nil
        }
        rule.family = family
        if rule.priority == nil {
            diagnostics.warning(
                .missingValue,
                "the rule has no priority; like keepalived it is numbered from 16384 downwards, which is probably "
                    + "not what you want", at: first.location)
        }
        return rule
    }

    /// `IP` or `IP/LEN`; the length is nil when not written.
    mutating func prefix(
        _ token: ConfigToken, what: String, consequence: String
    ) -> (address: IPAddress, length: UInt8?)? {
        let parts = token.text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(String(parts[0])) else {
            diagnostics.error(
                .invalidAddress, "invalid \(what) '\(token.text)'; \(consequence)", at: token.location)
            return nil
        }
        guard parts.count == 2 else { return (address, nil) }
        let maximum = address.family == .ipv4 ? 32 : 128
        guard let length = Int(parts[1]), (0...maximum).contains(length) else {
            diagnostics.error(
                .invalidAddress,
                "'\(parts[1])' is not a prefix length for \(address.family) (0…\(maximum)) in \(what) "
                    + "'\(token.text)'; \(consequence)", at: token.location)
            return nil
        }
        return (address, UInt8(length))
    }

    /// A routing table: `main` 254, `local` 255, `default` 253, or 1…4294967295.
    mutating func routeTable(_ token: ConfigToken, consequence: String) -> UInt32? {
        let names: [String: UInt32] = ["main": 254, "local": 255, "default": 253]
        guard let number = names[token.text] ?? UInt32(token.text), number != 0 else {
            diagnostics.error(
                .invalidValue,
                "table '\(token.text)' is not main, local, default or a number 1…4294967295; \(consequence)",
                at: token.location)
            return nil
        }
        return number
    }

    /// A decimal or 0x-hexadecimal 32-bit number.
    static func unsigned(_ text: String) -> UInt32? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt32(text.dropFirst(2), radix: 16) }
        return UInt32(text)
    }
}
