/// A change the kernel announced on the link, address, route and rule multicast groups.
public enum NetlinkEvent: Hashable, Sendable {
    /// An interface appeared or changed (RTM_NEWLINK): its state after the change. Compare ``NetworkInterface/isUp``
    /// and ``NetworkInterface/hasCarrier`` with the previous state to see link up / down and carrier changes.
    case linkChanged(NetworkInterface)
    /// An interface was removed (RTM_DELLINK).
    case linkRemoved(NetworkInterface)
    /// An address was added (RTM_NEWADDR), by us or by anyone else; the kernel also sends RTM_NEWADDR when an
    /// existing address changes (e.g. IPv6 DAD completes), so this can repeat for one address.
    case addressAdded(InterfaceAddress)
    /// An address was removed (RTM_DELADDR), e.g. an operator's `ip addr del` of a VIP.
    case addressRemoved(InterfaceAddress)
    /// A route was removed (RTM_DELROUTE; only with ``NetlinkEventMonitor/watchRoutes(_:)``): the route as the kernel
    /// reported it, without its `dev`, and the index of its output interface.
    case routeRemoved(KernelRoute, outputInterfaceIndex: Int32?)
    /// A rule that looked up a table was removed (RTM_DELRULE; only with ``NetlinkEventMonitor/watchRules(_:)``),
    /// with its protocol (nil when the kernel reported none).
    case ruleRemoved(KernelRule, protocolNumber: UInt8?)
    /// The socket's buffer overflowed (ENOBUFS): events were lost; re-read interfaces and addresses.
    case overrun
}
