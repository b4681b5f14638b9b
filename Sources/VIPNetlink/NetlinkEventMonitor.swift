import Glibc

/// A non-blocking subscription to RTMGRP_LINK, RTMGRP_IPV4_IFADDR and RTMGRP_IPV6_IFADDR for one event loop.
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
