public import VRRPWire

/// How keepalived 2.2.7 names an instance's VMAC (`vrrp_complete_instance` in vrrp.c): the configured name unless
/// an interface that is not a macvlan holds it (a macvlan of that name with another MAC or parent is deleted and
/// made again); otherwise `vrrp.VRID`, and when that is held (by another instance's VMAC, such as the IPv4
/// instance of the same VRID, or by any other interface) `vrrp6.VRID` for IPv6, then `vrrp1.VRID`, `vrrp2.VRID`, …
/// (skipping 6 for IPv6).
public enum VirtualMACNaming {
    /// The name for an instance's VMAC.
    ///
    /// - Parameters:
    ///   - configured: the `use_vmac NAME` argument, if any.
    ///   - virtualRouterID: the VRID.
    ///   - family: the instance's family.
    ///   - existing: what holds a candidate name: nil when another instance of the node uses it, otherwise what
    ///     the kernel has under that name (``VirtualMACInterface/Existing/matching`` is this instance's macvlan).
    /// - Returns: the name, or nil when none of the first 100 candidates is free.
    public static func name(
        configured: String?,
        virtualRouterID: UInt8,
        family: AddressFamily,
        existing: (String) -> VirtualMACInterface.Existing?
    ) -> String? {
        if let configured {
            switch existing(configured) {
            case .absent, .matching, .otherMacvlan: return configured
            case .otherInterface, nil: break
            }
        }
        for candidate in candidates(virtualRouterID: virtualRouterID, family: family) {
            switch existing(candidate) {
            case .absent, .matching: return candidate
            case .otherMacvlan, .otherInterface, nil: continue
            }
        }
        return nil
    }

    /// The generated names in the order keepalived tries them (the first 100).
    public static func candidates(virtualRouterID: UInt8, family: AddressFamily) -> [String] {
        var names = ["vrrp.\(virtualRouterID)"]
        if family == .ipv6 { names.append("vrrp6.\(virtualRouterID)") }
        var number = 1
        while names.count < 100 {
            if family == .ipv4 || number != 6 { names.append("vrrp\(number).\(virtualRouterID)") }
            number += 1
        }
        return names
    }
}
