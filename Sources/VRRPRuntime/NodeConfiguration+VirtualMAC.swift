import VRRPConfig
import VRRPWire

extension NodeConfiguration {
    /// An instance's `use_vmac [NAME]` / `vmac_xmit_base` as a ``VirtualMACConfiguration``. As keepalived 2.2.7:
    /// unicast peers imply `vmac_xmit_base` (`vrrp_end_handler`: their adverts reach the base interface, not the
    /// VMAC), strict mode drops it (`vrrp_complete_instance`), and it means nothing without `use_vmac`.
    static func virtualMAC(_ instance: VRRPInstance, strict: Bool) -> VirtualMACConfiguration? {
        guard let setting = instance.useVMAC else { return nil }
        let transmitOnBase = (instance.vmacTransmitBase || !instance.unicastPeers.isEmpty) && !strict
        // Five octets take the VRID as the sixth (`vrrp_vmac_handler`).
        let octets = setting.hardwareAddressOctets.flatMap { octets in
            octets.count == 6 ? octets : (octets.count == 5 ? octets + [instance.virtualRouterID ?? 0] : nil)
        }
        return VirtualMACConfiguration(
            interfaceName: setting.interfaceName, transmitOnBase: transmitOnBase,
            hardwareAddress: octets.map { MACAddress(octets: $0) })
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
        let interface = instance.runningInterface(defaultInterface: global.defaultInterfaceName)
        for address in instance.virtualAddresses + instance.excludedVirtualAddresses
        where address.device == nil || address.device == interface {
            guard let label = address.label else { continue }
            warnings.append(
                "(\(instance.name)) \(address.address) goes on the VMAC without its label \(label) "
                    + "(keepalived 2.2.7 keeps it; a label must start with the device's name here)")
        }
        if !instance.unicastPeers.isEmpty && !instance.vmacTransmitBase {
            warnings.append("(\(instance.name)) unicast with use_vmac requires vmac_xmit_base: set, as keepalived does")
        }
        if (instance.vmacTransmitBase || !instance.unicastPeers.isEmpty) && strict {
            warnings.append("(\(instance.name)) vmac_xmit_base is incompatible with strict mode: ignored")
        }
        return warnings
    }
}
