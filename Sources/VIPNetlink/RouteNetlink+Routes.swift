import Glibc
import VRRPWire

extension RouteNetlink {
    /// Adds a route; adding one that is already there succeeds.
    /// - Returns: false when the route was already there.
    /// - Throws: ``NetlinkError`` naming the route: a family mismatch before anything is sent, else the kernel's
    ///   errno (`needs CAP_NET_ADMIN`, `no interface named …`, `Network is unreachable` for a gateway off-link).
    @discardableResult
    public func addRoute(_ route: KernelRoute) throws(NetlinkError) -> Bool {
        let operation = "add route \(route)"
        var message = NetlinkMessage(
            type: RTNLRoute.newRoute, flags: RTNL.request | RTNL.ack | RTNL.create | RTNL.exclusive)
        try appendRoute(&message, route, operation: operation)
        do {
            _ = try request(message, operation: operation, interface: route.device)
            return true
        } catch  where error.errno == EEXIST {
            return false
        }
    }

    /// Deletes a route; deleting one that is gone succeeds.
    /// - Returns: false when the route was not there.
    @discardableResult
    public func deleteRoute(_ route: KernelRoute) throws(NetlinkError) -> Bool {
        let operation = "delete route \(route)"
        var message = NetlinkMessage(type: RTNLRoute.deleteRoute, flags: RTNL.request | RTNL.ack)
        try appendRoute(&message, route, operation: operation)
        do {
            _ = try request(message, operation: operation, interface: route.device)
            return true
        } catch  where error.errno == ESRCH || error.errno == ENOENT {
            return false
        } catch  where error.errno == ENODEV {
            // The interface is gone, and with it every route through it.
            return false
        }
    }

    /// Adds a rule; adding one that is already there succeeds.
    /// - Returns: false when the rule was already there.
    @discardableResult
    public func addRule(_ rule: KernelRule) throws(NetlinkError) -> Bool {
        let operation = "add rule \(rule)"
        var message = NetlinkMessage(
            type: RTNLRoute.newRule, flags: RTNL.request | RTNL.ack | RTNL.create | RTNL.exclusive)
        try appendRule(&message, rule, operation: operation)
        do {
            _ = try request(message, operation: operation, interface: nil)
            return true
        } catch  where error.errno == EEXIST {
            return false
        }
    }

    /// Deletes a rule; deleting one that is gone succeeds.
    /// - Returns: false when the rule was not there.
    @discardableResult
    public func deleteRule(_ rule: KernelRule) throws(NetlinkError) -> Bool {
        let operation = "delete rule \(rule)"
        var message = NetlinkMessage(type: RTNLRoute.deleteRule, flags: RTNL.request | RTNL.ack)
        try appendRule(&message, rule, operation: operation)
        do {
            _ = try request(message, operation: operation, interface: nil)
            return true
        } catch  where error.errno == ENOENT || error.errno == ESRCH {
            return false
        }
    }

    /// Appends a struct rtmsg (12 octets) and the route's attributes, after checking the families agree.
    func appendRoute(_ message: inout NetlinkMessage, _ route: KernelRoute, operation: String) throws(NetlinkError) {
        let maximum = route.family == .ipv4 ? 32 : 128
        guard Int(route.prefixLength) <= maximum else {
            throw NetlinkError(
                operation: operation, interface: route.device, errno: 0,
                cause: "prefix length \(route.prefixLength) exceeds \(maximum) for \(route.family)")
        }
        for (word, address) in [("destination", route.destination), ("src", route.source), ("via", route.gateway)] {
            if let address, address.family != route.family {
                throw NetlinkError(
                    operation: operation, interface: route.device, errno: 0,
                    cause: "\(word) \(address) is not \(route.family) like the route")
            }
        }
        var index: Int32?
        if let device = route.device {
            try Self.validateName(device, operation: operation)
            do {
                index = try interface(named: device).index
            } catch {
                throw NetlinkError(
                    operation: operation, interface: device, errno: error.errno, cause: error.cause,
                    kernelMessage: error.kernelMessage)
            }
        }
        message.append(UInt8(route.family == .ipv4 ? AF_INET : AF_INET6))
        message.append(route.prefixLength)
        message.append(UInt8(0))  // source length
        message.append(UInt8(0))  // TOS
        message.append(UInt8(route.table < 256 ? route.table : 0))
        message.append(route.protocolNumber)
        message.append(route.effectiveScope)
        message.append(route.kind.rawValue)
        message.append(route.onLink ? RTNLRoute.onLinkFlag : 0)
        message.appendAttribute(RTNLRoute.rtaTable, uint32: route.table)
        if let destination = route.destination {
            message.appendAttribute(RTNLRoute.rtaDestination, destination.octets)
        }
        if let source = route.source { message.appendAttribute(RTNLRoute.rtaPreferredSource, source.octets) }
        if let gateway = route.gateway { message.appendAttribute(RTNLRoute.rtaGateway, gateway.octets) }
        if let index { message.appendAttribute(RTNLRoute.rtaOutputInterface, uint32: UInt32(bitPattern: index)) }
        if let metric = route.metric { message.appendAttribute(RTNLRoute.rtaPriority, uint32: metric) }
    }

    /// Appends a struct fib_rule_hdr (12 octets) and the rule's attributes, after checking the families agree.
    func appendRule(_ message: inout NetlinkMessage, _ rule: KernelRule, operation: String) throws(NetlinkError) {
        let maximum = rule.family == .ipv4 ? 32 : 128
        for (word, prefix) in [("from", rule.source), ("to", rule.destination)] {
            guard let prefix else { continue }
            guard prefix.address.family == rule.family, Int(prefix.prefixLength) <= maximum else {
                throw NetlinkError(
                    operation: operation, interface: nil, errno: 0,
                    cause: "\(word) \(prefix.address)/\(prefix.prefixLength) is not a \(rule.family) prefix")
            }
        }
        for name in [rule.inputInterface, rule.outputInterface].compactMap({ $0 }) {
            try Self.validateName(name, operation: operation)
        }
        message.append(UInt8(rule.family == .ipv4 ? AF_INET : AF_INET6))
        message.append(rule.destination?.prefixLength ?? 0)
        message.append(rule.source?.prefixLength ?? 0)
        message.append(UInt8(0))  // TOS
        message.append(UInt8(rule.table < 256 ? rule.table : 0))
        message.append(UInt8(0))
        message.append(UInt8(0))
        message.append(RTNLRoute.actionToTable)
        message.append(UInt32(0))
        message.appendAttribute(RTNLRoute.fraTable, uint32: rule.table)
        // Owned as keepalived's (protocol 18): a delete then matches only rules carrying it, never an operator's.
        message.appendAttribute(RTNLRoute.fraProtocol, [KernelRoute.keepalivedProtocol])
        if let source = rule.source { message.appendAttribute(RTNLRoute.fraSource, source.address.octets) }
        if let destination = rule.destination {
            message.appendAttribute(RTNLRoute.fraDestination, destination.address.octets)
        }
        if let priority = rule.priority { message.appendAttribute(RTNLRoute.fraPriority, uint32: priority) }
        if let name = rule.inputInterface { message.appendAttribute(RTNLRoute.fraInputInterface, string: name) }
        if let name = rule.outputInterface { message.appendAttribute(RTNLRoute.fraOutputInterface, string: name) }
        if let mark = rule.firewallMark {
            message.appendAttribute(RTNLRoute.fraFirewallMark, uint32: mark.mark)
            if let mask = mark.mask { message.appendAttribute(RTNLRoute.fraFirewallMask, uint32: mask) }
        }
    }
}
