import VRRPWire

/// Address values: `virtual_ipaddress` lines, `unicast_peer` entries, single addresses.
extension ConfigModelBuilder {
    /// A single address value (`unicast_src_ip`, `mcast_src_ip`).
    mutating func address(_ node: ConfigNode) -> IPAddress? {
        guard let token = single(node) else { return nil }
        guard let address = IPAddress(token.text) else {
            diagnostics.error(
                .invalidAddress,
                "'\(token.text)' is not an IPv4 or IPv6 address for '\(node.name)'; the line is ignored",
                at: token.location)
            return nil
        }
        return address
    }

    /// Every line of a `virtual_ipaddress` block (a value on the keyword's own line counts as a line too).
    mutating func virtualAddresses(_ node: ConfigNode) -> [VirtualAddress] {
        var lines: [[ConfigToken]] = []
        if !node.arguments.isEmpty { lines.append(node.arguments) }
        if let children = node.children {
            lines += children.map(\.words)
        } else if node.arguments.isEmpty {
            diagnostics.error(.blockExpected, "'\(node.name)' needs a block of addresses", at: node.location)
        }
        return lines.compactMap { virtualAddress($0) }
    }

    /// Every line of the top-level `static_ipaddress` block. One without `dev` goes on the default interface as
    /// keepalived's `alloc_ipaddress` puts it: `default_interface` as read so far, else eth0 (keepalived 2.2.7,
    /// seen: accepted with eth0 present; "Static address … requires either an interface or default interface must
    /// exist" when the default interface is missing, which `check` reports with the host's interfaces).
    mutating func staticAddresses(_ node: ConfigNode) {
        for var address in virtualAddresses(node) {
            if address.device == nil { address.device = configuration.global.defaultInterfaceName }
            configuration.staticAddresses.append(address)
        }
    }

    /// `IP[/len] [brd IP] [dev IF] [scope S] [label L] [flags…]`.
    mutating func virtualAddress(_ words: [ConfigToken]) -> VirtualAddress? {
        guard let first = words.first else { return nil }
        let text = first.text
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(String(parts[0])) else {
            diagnostics.error(
                .invalidAddress, "'\(text)' is not an IPv4 or IPv6 address; this virtual address is skipped",
                at: first.location)
            return nil
        }
        var prefix: UInt8?
        if parts.count == 2 {
            let maximum = address.family == .ipv4 ? 32 : 128
            guard let length = Int(parts[1]), (0...maximum).contains(length) else {
                diagnostics.error(
                    .invalidAddress,
                    "'\(parts[1])' is not a prefix length for \(address.family) (0…\(maximum)); \(text) is skipped",
                    at: first.location)
                return nil
            }
            prefix = UInt8(length)
        }
        var result = VirtualAddress(address: address, prefixLength: prefix, location: first.location)
        var index = 1
        while index < words.count {
            let option = words[index]
            index += 1
            if let (flag, _) = VirtualAddressFlags.words.first(where: { $0.1 == option.text }) {
                result.flags.insert(flag)
                continue
            }
            let takesValue = ["brd", "broadcast", "dev", "scope", "label", "preferred_lft", "track_group"]
            guard takesValue.contains(option.text) else {
                diagnostics.error(
                    .invalidValue,
                    "unknown option '\(option.text)' for virtual address \(text); the address is skipped",
                    at: option.location)
                return nil
            }
            guard index < words.count else {
                diagnostics.error(
                    .missingValue, "'\(option.text)' needs a value for virtual address \(text); the address is skipped",
                    at: option.location)
                return nil
            }
            let value = words[index]
            index += 1
            switch option.text {
            case "brd", "broadcast":
                if address.family == .ipv4, value.text == "+" || value.text == "-" {
                    if case .ipv4(let v4) = address {
                        let length = UInt32(result.prefixLength)
                        let mask: UInt32 = length == 0 ? 0 : ~UInt32(0) << (32 - length)
                        result.broadcast = IPv4Address(value.text == "+" ? v4.value | ~mask : v4.value & mask)
                    }
                    continue
                }
                guard address.family == .ipv4, let broadcast = IPv4Address(value.text) else {
                    diagnostics.error(
                        .invalidAddress, "'\(value.text)' is not an IPv4 broadcast address for \(text); it is skipped",
                        at: value.location)
                    return nil
                }
                result.broadcast = broadcast
            case "dev": result.device = value.text
            case "scope":
                let scopes = ["global", "site", "link", "host", "nowhere"]
                guard scopes.contains(value.text) || UInt8(value.text) != nil else {
                    diagnostics.error(
                        .invalidValue,
                        "unknown scope '\(value.text)' (global, site, link, host, nowhere or 0–255); "
                            + "\(text) is skipped", at: value.location)
                    return nil
                }
                result.scope = value.text
            case "label": result.label = value.text
            default: continue
            }
        }
        return result
    }

    /// `unicast_peer { IP [min_ttl N] [max_ttl N] … }`.
    mutating func unicastPeers(_ node: ConfigNode) -> [UnicastPeer] {
        guard let children = block(node, what: "unicast_peer") else { return [] }
        var peers: [UnicastPeer] = []
        for child in children {
            guard let address = IPAddress(child.name) else {
                diagnostics.error(
                    .invalidAddress, "'\(child.name)' is not an IPv4 or IPv6 address; this unicast peer is skipped",
                    at: child.location)
                continue
            }
            var peer = UnicastPeer(address: address, location: child.location)
            var index = 0
            while index < child.arguments.count {
                let option = child.arguments[index]
                index += 1
                guard option.text == "min_ttl" || option.text == "max_ttl" else {
                    diagnostics.warning(
                        .extraValues, "unexpected '\(option.text)' after unicast peer \(address); ignored",
                        at: option.location)
                    continue
                }
                guard index < child.arguments.count else {
                    diagnostics.error(.missingValue, "'\(option.text)' needs a value", at: option.location)
                    break
                }
                let value = child.arguments[index]
                index += 1
                guard let ttl = integer(value, keyword: option.text, in: 0...255) else { continue }
                if option.text == "min_ttl" { peer.minimumTTL = UInt8(ttl) } else { peer.maximumTTL = UInt8(ttl) }
            }
            peers.append(peer)
        }
        return peers
    }
}
