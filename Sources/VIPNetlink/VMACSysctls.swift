/// The per-interface sysctls keepalived sets for `use_vmac` (checked against keepalived 2.2.7 in the lab tests),
/// written through /proc/sys of the calling thread's network namespace.
///
/// On the VMAC (macvlan) interface:
/// - `net.ipv4.conf.VMAC.arp_ignore = 1`: answer ARP only for addresses configured on the VMAC itself;
/// - `net.ipv4.conf.VMAC.accept_local = 1`: accept packets with a local source (hear other instances' adverts);
/// - `net.ipv4.conf.VMAC.rp_filter = 0`: receive on a VMAC that has no address of the source's subnet;
/// - `net.ipv4.conf.VMAC.promote_secondaries = 1`: deleting the first VIP of a subnet keeps the others.
///
/// On the parent interface:
/// - `net.ipv4.conf.PARENT.arp_ignore = 1`: do not answer ARP for the VIP (which lives on the VMAC);
/// - `net.ipv4.conf.PARENT.arp_filter = 1`: do not answer ARP for our own addresses from the wrong interface.
public struct VMACSysctls: Hashable, Sendable {
    /// One sysctl: its path under /proc/sys and the value.
    public struct Setting: Hashable, Sendable {
        /// The path relative to /proc/sys, e.g. `net/ipv4/conf/vrrp.51/arp_ignore`.
        public var path: String
        /// The value written.
        public var value: String
        /// A setting from its parts.
        public init(path: String, value: String) {
            self.path = path
            self.value = value
        }
    }

    /// The settings for a VMAC on a parent, in the order they are applied.
    public var settings: [Setting]

    /// The settings keepalived applies for `vmac` on `parent`.
    public init(vmac: String, parent: String) {
        settings = [
            Setting(path: "net/ipv4/conf/\(vmac)/arp_ignore", value: "1"),
            Setting(path: "net/ipv4/conf/\(vmac)/accept_local", value: "1"),
            Setting(path: "net/ipv4/conf/\(vmac)/rp_filter", value: "0"),
            Setting(path: "net/ipv4/conf/\(vmac)/promote_secondaries", value: "1"),
            Setting(path: "net/ipv4/conf/\(parent)/arp_ignore", value: "1"),
            Setting(path: "net/ipv4/conf/\(parent)/arp_filter", value: "1"),
        ]
    }

    /// Writes every setting and returns the previous values, so they can be restored with ``restore(_:)``.
    /// - Throws: ``NetlinkError``: `needs CAP_NET_ADMIN` (EACCES / EPERM), `no interface named …` (ENOENT).
    @discardableResult
    public func apply() throws(NetlinkError) -> [Setting] {
        var previous: [Setting] = []
        for setting in settings {
            previous.append(Setting(path: setting.path, value: try Sysctl.read(setting.path)))
            try Sysctl.write(setting.value, to: setting.path)
        }
        return previous
    }

    /// Writes back values returned by ``apply()``.
    public static func restore(_ previous: [Setting]) throws(NetlinkError) {
        for setting in previous.reversed() { try Sysctl.write(setting.value, to: setting.path) }
    }
}
