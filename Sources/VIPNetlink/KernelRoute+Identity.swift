import VRRPWire

extension KernelRoute {
    /// Whether `entry`, a route as the kernel reports it (``RouteNetlink/routes(family:)``, a deletion event), is
    /// this route. Compared is what tells two routes apart in the kernel: family, table, destination prefix, metric
    /// (nil here stands for the kernel's default, 0 for IPv4 and 1024 for IPv6), the route type and protocol, and
    /// the output interface when this route names one. keepalived recognises its virtual routes by the same key
    /// (`route_is_ours`), after keeping only routes of its own protocol.
    public func matches(_ entry: KernelRoute) -> Bool {
        let defaultMetric: UInt32 = family == .ipv4 ? 0 : 1024
        return family == entry.family && table == entry.table && destination == entry.destination
            && prefixLength == entry.prefixLength && (metric ?? defaultMetric) == (entry.metric ?? defaultMetric)
            && kind == entry.kind && protocolNumber == entry.protocolNumber
            && (device == nil || device == entry.device)
    }
}
