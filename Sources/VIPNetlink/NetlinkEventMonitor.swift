import Glibc
public import VRRPWire

/// A non-blocking subscription to RTMGRP_LINK, RTMGRP_IPV4_IFADDR and RTMGRP_IPV6_IFADDR for one event loop, and
/// on request to the route and rule groups (whose traffic can be heavy on a router: only removals are reported).
///
/// Poll ``fileDescriptor`` for readability and call ``events()`` until it returns an empty list. The descriptor
/// is closed when the monitor is released.
public final class NetlinkEventMonitor: Sendable {
    private let socket: NetlinkSocket

    /// The descriptor to poll (owned by the monitor; do not close it).
    public var fileDescriptor: Int32 { socket.descriptor.rawValue }

    /// Subscribes in the calling thread's network namespace.
    public init(links: Bool = true, ipv4Addresses: Bool = true, ipv6Addresses: Bool = true) throws(NetlinkError) {
        var groups: UInt32 = 0
        if links { groups |= RTNL.groupLink }
        if ipv4Addresses { groups |= RTNL.groupIPv4Address }
        if ipv6Addresses { groups |= RTNL.groupIPv6Address }
        socket = try NetlinkSocket(groups: groups, nonBlocking: true, operation: "subscribe to rtnetlink events")
    }

    /// Joins (or leaves) the route groups of `families`, those not named are left: route removals are reported as
    /// ``NetlinkEvent/routeRemoved(_:outputInterfaceIndex:)``.
    public func watchRoutes(_ families: Set<AddressFamily>) throws(NetlinkError) {
        try join(RTNL.groupNumberIPv4Route, families.contains(.ipv4), operation: "watch IPv4 routes")
        try join(RTNL.groupNumberIPv6Route, families.contains(.ipv6), operation: "watch IPv6 routes")
    }

    /// Joins (or leaves) the rule groups of `families`: rule removals are reported as
    /// ``NetlinkEvent/ruleRemoved(_:protocolNumber:)``.
    public func watchRules(_ families: Set<AddressFamily>) throws(NetlinkError) {
        try join(RTNL.groupNumberIPv4Rule, families.contains(.ipv4), operation: "watch IPv4 rules")
        try join(RTNL.groupNumberIPv6Rule, families.contains(.ipv6), operation: "watch IPv6 rules")
    }

    private func join(_ group: Int32, _ member: Bool, operation: String) throws(NetlinkError) {
        var number = group
        let option = member ? RTNL.addMembership : RTNL.dropMembership
        let result = setsockopt(
            socket.descriptor.rawValue, RTNL.solNetlink, option, &number, socklen_t(MemoryLayout<Int32>.size))
        // Leaving a group never joined is ENOENT on some kernels: the end state is the intended one.
        guard result == 0 || (!member && Glibc.errno == ENOENT) else {
            throw NetlinkError(operation, interface: nil, errno: Glibc.errno)
        }
    }

    /// The events of one queued datagram, or an empty list when nothing is queued.
    public func events() throws(NetlinkError) -> [NetlinkEvent] {
        var buffer = [UInt8](repeating: 0, count: NetlinkSocket.bufferLength)
        let count: Int?
        do {
            count = try socket.receive(into: &buffer, operation: "read rtnetlink events", interface: nil)
        } catch  where error.errno == ENOBUFS {
            return [.overrun]
        }
        guard let count else { return [] }
        var events: [NetlinkEvent] = []
        for message in ReceivedNetlinkMessage.split(buffer[0..<count]) {
            switch message.type {
            case RTNL.newLink:
                if let link = RouteNetlink.parseLink(message) { events.append(.linkChanged(link)) }
            case RTNL.deleteLink:
                if let link = RouteNetlink.parseLink(message) { events.append(.linkRemoved(link)) }
            case RTNL.newAddress:
                if let address = RouteNetlink.parseAddress(message) { events.append(.addressAdded(address)) }
            case RTNL.deleteAddress:
                if let address = RouteNetlink.parseAddress(message) { events.append(.addressRemoved(address)) }
            case RTNLRoute.deleteRoute:
                if let (route, index) = RouteNetlink.parseRoute(message) {
                    events.append(.routeRemoved(route, outputInterfaceIndex: index))
                }
            case RTNLRoute.deleteRule:
                if let (rule, protocolNumber) = RouteNetlink.parseRule(message) {
                    events.append(.ruleRemoved(rule, protocolNumber: protocolNumber))
                }
            case RTNL.overrun:
                events.append(.overrun)
            default:
                continue
            }
        }
        return events
    }

    /// Waits up to `timeout` milliseconds for the socket to become readable (for tools and tests; an event
    /// loop polls ``fileDescriptor`` itself). Returns whether it is readable.
    public func wait(milliseconds timeout: Int32) -> Bool {
        var descriptor = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, timeout) > 0
    }
}
