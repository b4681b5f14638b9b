import Glibc
import VIPNetlink
import VRRPWire

/// The VMAC macvlans, as keepalived 2.2.7 sets them up (`netlink_link_add_vmac` in vrrp_vmac.c,
/// `set_interface_parameters` in vrrp_if_config.c) and removes them (`netlink_link_del_vmac`,
/// `reset_interface_parameters`).
extension KernelInterfaceControl {
    func inspectVirtualMAC(_ vmac: VirtualMACInterface) throws -> VirtualMACInterface.Existing {
        guard let link = try lookUp(vmac.name) else { return .absent }
        guard link.kind == "macvlan" else { return .otherInterface }
        let parent = try netlink.interface(named: vmac.parent)
        return link.parentIndex == parent.index && link.hardwareAddress == vmac.hardwareAddress
            ? .matching : .otherMacvlan
    }

    /// Creates (or reuses) the macvlan in private mode with the virtual MAC and no automatic IPv6 link-local
    /// address; for IPv4 sets keepalived's sysctls on it and its parent and disables IPv6 on it; sets it up; for
    /// IPv6 sets arp_ignore 1 on it and puts the parent's link-local address on it (or one made from the parent's
    /// MAC), the adverts' source.
    func setUpVirtualMAC(_ vmac: VirtualMACInterface) throws -> VirtualMACInterface.Outcome {
        let operation = "create VMAC \(vmac.name)"
        let parent = try netlink.interface(named: vmac.parent)
        var outcome = VirtualMACInterface.Outcome.created
        switch try inspectVirtualMAC(vmac) {
        case .absent: break
        case .matching: outcome = .reused
        case .otherMacvlan:
            try netlink.deleteLink(named: vmac.name)
            outcome = .replaced
        case .otherInterface:
            throw RuntimeError(
                operation: operation, cause: "an interface named \(vmac.name) exists and is not a macvlan")
        }
        if outcome != .reused {
            try netlink.newLink(
                named: vmac.name, parentIndex: parent.index, hardwareAddress: vmac.hardwareAddress, kind: "macvlan",
                macvlanMode: .private, operation: operation, interface: vmac.parent)
        }
        try netlink.setIPv6AddressGeneration(vmac.name, .none)
        if vmac.family == .ipv4 {
            let previous = try VMACSysctls(vmac: vmac.name, parent: vmac.parent).apply()
            let parentPrefix = "net/ipv4/conf/\(vmac.parent)/"
            if virtualMACParents[vmac.parent] == nil {
                virtualMACParents[vmac.parent] = ([], previous.filter { $0.path.hasPrefix(parentPrefix) })
            }
            virtualMACParents[vmac.parent]?.users.insert(vmac.name)
        } else {
            // Not keepalived's: 2.2.7 leaves arp_ignore 0 on an IPv6 VMAC, which then answers ARP for the node's
            // IPv4 addresses (the IPv4 VIPs included) with the IPv6 virtual MAC, and hosts resolve an IPv4 VIP to
            // 00:00:5e:00:02:VRID. With 1 it answers only for IPv4 addresses it carries itself.
            try Sysctl.write("1", to: "net/ipv4/conf/\(vmac.name)/arp_ignore")
        }
        // keepalived disables IPv6 on an IPv4 VMAC that carries no IPv6 address: no MLD report or router
        // solicitation leaves a backup with the virtual MAC.
        try Sysctl.write(vmac.disablesIPv6 ? "1" : "0", to: "net/ipv6/conf/\(vmac.name)/disable_ipv6")
        try netlink.setLink(vmac.name, up: true)
        if vmac.family == .ipv6 {
            let source =
                try netlink.linkLocalIPv6Address(of: vmac.parent)
                ?? parent.hardwareAddress.map(Self.linkLocalAddress(from:))
            guard let source else {
                throw RuntimeError(
                    operation: "\(operation) on \(vmac.parent)",
                    cause: "\(vmac.parent) has neither an IPv6 link-local address nor a MAC")
            }
            try netlink.addAddress(.ipv6(source), prefixLength: 64, to: vmac.name, noDAD: true)
        }
        return outcome
    }

    func tearDownVirtualMAC(_ vmac: VirtualMACInterface) throws {
        try netlink.deleteLink(named: vmac.name)
        guard var entry = virtualMACParents[vmac.parent] else { return }
        entry.users.remove(vmac.name)
        if entry.users.isEmpty {
            virtualMACParents[vmac.parent] = nil
            try VMACSysctls.restore(entry.previous)
        } else {
            virtualMACParents[vmac.parent] = entry
        }
    }

    /// The interface with this name, nil when there is none.
    private func lookUp(_ name: String) throws -> NetworkInterface? {
        do {
            return try netlink.interface(named: name)
        } catch let error where error.errno == ENODEV {
            return nil
        }
    }

    /// The modified EUI-64 link-local address of a MAC (RFC 4291 appendix A), as keepalived makes one for a VMAC
    /// whose parent has no link-local address.
    static func linkLocalAddress(from mac: MACAddress) -> IPv6Address {
        let value = mac.value
        let upper = (value >> 24) ^ 0x02_0000
        let lower = value & 0xFF_FFFF
        return IPv6Address(high: 0xFE80_0000_0000_0000, low: upper << 40 | 0xFF_FE00_0000 | lower)
    }
}
