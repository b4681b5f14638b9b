import Glibc
public import VRRPWire

extension RouteNetlink {
    /// The routes of one family in every table, as the kernel holds them now (RTM_GETROUTE dump). Routes of types
    /// ``KernelRoute/Kind`` does not model (local, broadcast, multicast …) are left out; a route's `dev` is the
    /// output interface's name and its metric the kernel's (0 IPv4, 1024 IPv6 unless set).
    public func routes(family: AddressFamily) throws(NetlinkError) -> [KernelRoute] {
        var message = NetlinkMessage(type: RTNLRoute.getRoute, flags: RTNL.request | RTNL.dump)
        message.append(UInt8(family == .ipv4 ? AF_INET : AF_INET6))
        for _ in 0..<7 { message.append(UInt8(0)) }
        message.append(UInt32(0))
        let replies = try request(message, operation: "list \(family) routes", interface: nil)
        var names: [Int32: String] = [:]
        for link in try interfaces() { names[link.index] = link.name }
        return replies.compactMap { reply in
            guard let parsed = Self.parseRoute(reply) else { return nil }
            var route = parsed.route
            route.device = parsed.outputInterfaceIndex.flatMap { names[$0] }
            return route
        }
    }

    /// The policy rules of one family that look up a table (RTM_GETRULE dump), in the kernel's order.
    public func rules(family: AddressFamily) throws(NetlinkError) -> [KernelRule] {
        var message = NetlinkMessage(type: RTNLRoute.getRule, flags: RTNL.request | RTNL.dump)
        message.append(UInt8(family == .ipv4 ? AF_INET : AF_INET6))
        for _ in 0..<7 { message.append(UInt8(0)) }
        message.append(UInt32(0))
        return try request(message, operation: "list \(family) rules", interface: nil)
            .compactMap { Self.parseRule($0)?.rule }
    }

    /// A route message (RTM_NEWROUTE / RTM_DELROUTE) as a ``KernelRoute`` without its `dev` (the message carries
    /// the output interface's index, returned beside it); nil for another message or a route type not modelled.
    static func parseRoute(_ reply: ReceivedNetlinkMessage) -> (route: KernelRoute, outputInterfaceIndex: Int32?)? {
        guard reply.type == RTNLRoute.newRoute || reply.type == RTNLRoute.deleteRoute, reply.payload.count >= 12
        else { return nil }
        let payload = reply.payload
        let base = payload.startIndex
        guard let family = Self.family(payload[base]), let kind = KernelRoute.Kind(rawValue: payload[base + 7]) else {
            return nil
        }
        let attributes = NetlinkAttributes(payload.dropFirst(12))
        let destination = Self.address(attributes[RTNLRoute.rtaDestination], family: family)
        let defaultMetric: UInt32 = family == .ipv4 ? 0 : 1024
        let route = KernelRoute(
            family: family, destination: destination, prefixLength: payload[base + 1],
            source: Self.address(attributes[RTNLRoute.rtaPreferredSource], family: family),
            gateway: Self.address(attributes[RTNLRoute.rtaGateway], family: family),
            metric: attributes.uint32(RTNLRoute.rtaPriority) ?? defaultMetric,
            table: attributes.uint32(RTNLRoute.rtaTable) ?? UInt32(payload[base + 4]),
            scope: payload[base + 6], protocolNumber: payload[base + 5], kind: kind,
            onLink: payload.hostUInt32(at: 8) & RTNLRoute.onLinkFlag != 0)
        let index = attributes.uint32(RTNLRoute.rtaOutputInterface).map { Int32(bitPattern: $0) }
        return (route, index)
    }

    /// A rule message (RTM_NEWRULE / RTM_DELRULE) that looks up a table, with the rule's protocol (FRA_PROTOCOL;
    /// nil when the kernel sent none); nil for another message or another action.
    static func parseRule(_ reply: ReceivedNetlinkMessage) -> (rule: KernelRule, protocolNumber: UInt8?)? {
        guard reply.type == RTNLRoute.newRule || reply.type == RTNLRoute.deleteRule, reply.payload.count >= 12
        else { return nil }
        let payload = reply.payload
        let base = payload.startIndex
        guard let family = Self.family(payload[base]), payload[base + 7] == RTNLRoute.actionToTable else {
            return nil
        }
        let attributes = NetlinkAttributes(payload.dropFirst(12))
        let source = Self.address(attributes[RTNLRoute.fraSource], family: family).map { ($0, payload[base + 2]) }
        let destination = Self.address(attributes[RTNLRoute.fraDestination], family: family).map {
            ($0, payload[base + 1])
        }
        let mark = attributes.uint32(RTNLRoute.fraFirewallMark).map {
            (mark: $0, mask: attributes.uint32(RTNLRoute.fraFirewallMask))
        }
        let rule = KernelRule(
            family: family, source: source, destination: destination,
            table: attributes.uint32(RTNLRoute.fraTable) ?? UInt32(payload[base + 4]),
            priority: attributes.uint32(RTNLRoute.fraPriority) ?? 0,
            inputInterface: attributes.string(RTNLRoute.fraInputInterface),
            outputInterface: attributes.string(RTNLRoute.fraOutputInterface), firewallMark: mark)
        return (rule, attributes[RTNLRoute.fraProtocol]?.first)
    }

    private static func family(_ domain: UInt8) -> AddressFamily? {
        switch Int32(domain) {
        case AF_INET: .ipv4
        case AF_INET6: .ipv6
        default: nil
        }
    }

    private static func address(_ bytes: ArraySlice<UInt8>?, family: AddressFamily) -> IPAddress? {
        guard let bytes else { return nil }
        switch family {
        case .ipv4:
            guard bytes.count == 4 else { return nil }
            let b = bytes.startIndex
            return .ipv4(IPv4Address(bytes[b], bytes[b + 1], bytes[b + 2], bytes[b + 3]))
        case .ipv6:
            guard bytes.count == 16 else { return nil }
            return .ipv6(IPv6Address(octets: bytes))
        }
    }
}
