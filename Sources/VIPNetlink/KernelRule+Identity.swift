extension KernelRule {
    /// Whether `entry`, a rule as the kernel reports it (``RouteNetlink/rules(family:)``, a deletion event), is
    /// this rule: the same family, table, `from` and `to` prefixes, `iif` and `oif`, firewall mark (a mask not
    /// given stands for all bits, which the kernel reports as 0xffffffff) and, when this rule sets one, priority.
    /// keepalived compares the same fields (`compare_rule`).
    public func matches(_ entry: KernelRule) -> Bool {
        family == entry.family && table == entry.table && (priority == nil || priority == entry.priority)
            && source?.address == entry.source?.address && source?.prefixLength == entry.source?.prefixLength
            && destination?.address == entry.destination?.address
            && destination?.prefixLength == entry.destination?.prefixLength
            && inputInterface == entry.inputInterface && outputInterface == entry.outputInterface
            && firewallMark?.mark == entry.firewallMark?.mark
            && firewallMark.map { $0.mask ?? .max } == entry.firewallMark.map { $0.mask ?? .max }
    }
}
