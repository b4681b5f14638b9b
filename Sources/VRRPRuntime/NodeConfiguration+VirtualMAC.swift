import VRRPConfig

extension NodeConfiguration {
    /// An instance's `use_vmac [NAME]` / `vmac_xmit_base` as a ``VirtualMACConfiguration``. As keepalived
    /// (`vrrp_complete_instance`), `vmac_xmit_base` is dropped under strict mode and means nothing without
    /// `use_vmac`.
    static func virtualMAC(_ instance: VRRPInstance, strict: Bool) -> VirtualMACConfiguration? {
        guard let setting = instance.useVMAC else { return nil }
        return VirtualMACConfiguration(
            interfaceName: setting.interfaceName, transmitOnBase: instance.vmacTransmitBase && !strict)
    }

    /// What the node does differently from keepalived, or what keepalived itself warns of, for an instance's VMAC.
    static func virtualMACWarnings(_ instance: VRRPInstance, global: GlobalDefinitions) -> [String] {
        var warnings: [String] = []
        let strict = instance.strictMode || global.strict
        if instance.useVMAC == nil {
            if instance.vmacTransmitBase {
                warnings.append("(\(instance.name)) vmac_xmit_base is only valid with use_vmac: ignored")
            }
            if instance.virtualAddresses.contains(where: { $0.flags.contains(.useVMAC) }) {
                warnings.append(
                    "(\(instance.name)) use_vmac on a virtual_ipaddress is not supported yet: the address goes on "
                        + "its device")
            }
            return warnings
        }
        if instance.vmacTransmitBase && strict {
            warnings.append("(\(instance.name)) vmac_xmit_base is incompatible with strict mode: ignored")
        }
        if !instance.unicastPeers.isEmpty && !(instance.vmacTransmitBase && !strict) {
            warnings.append(
                "(\(instance.name)) use_vmac with unicast_peer needs vmac_xmit_base: peers' adverts reach the base "
                    + "interface, not the VMAC")
        }
        return warnings
    }
}
