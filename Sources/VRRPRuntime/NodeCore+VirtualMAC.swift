import Logging
import VRRPStateMachine
import VRRPWire

/// `use_vmac`: the node's side of the VMAC macvlans (see ``VirtualMACConfiguration`` for keepalived's rules).
extension NodeCore {
    /// An instance's VMAC as the node runs it.
    struct VirtualMACRuntime {
        /// The macvlan.
        var interface: VirtualMACInterface
        /// `vmac_xmit_base`: adverts on the parent interface.
        var transmitOnBase: Bool
    }

    /// The weight-0 tracked item that holds an instance in Fault while its VMAC is missing or down.
    static func virtualMACItem(_ name: String) -> String { "vmac:" + name }

    /// The instance as it runs with its VMAC: the macvlan named and set up (or found), the addresses that name no
    /// other device put on it, and a `vmac:NAME` tracked item of weight 0 that is down when the set-up failed, so
    /// that instance alone sits in Fault while the node runs on.
    mutating func placingVirtualMAC(
        _ instance: NodeConfiguration.Instance
    ) -> (NodeConfiguration.Instance, VirtualMACRuntime?) {
        guard let setting = instance.virtualMAC else { return (instance, nil) }
        let vrid = instance.router.virtualRouterID
        let family = instance.router.family
        let taken = Set(instances.compactMap { $0.virtualMAC?.interface.name })
        let control = self.control
        let mac = setting.hardwareAddress ?? .virtualRouter(vrid, family: family)
        func probe(_ name: String) -> VirtualMACInterface {
            VirtualMACInterface(name: name, parent: instance.interface, hardwareAddress: mac, family: family)
        }
        let chosen = VirtualMACNaming.name(configured: setting.interfaceName, virtualRouterID: vrid, family: family) {
            candidate in
            if taken.contains(candidate) { return nil }
            return (try? control?.inspectVirtualMAC(probe(candidate))) ?? .absent
        }
        let name = chosen ?? setting.interfaceName ?? "vrrp.\(vrid)"
        if let configured = setting.interfaceName, configured != name {
            logger.warning(
                "(\(instance.name)) VMAC name \(configured) is held by another interface; using \(name) instead")
        }
        let onVMAC = instance.addresses.filter { $0.device == nil || $0.device == instance.interface }
        let vmac = VirtualMACInterface(
            name: name, parent: instance.interface, hardwareAddress: mac, family: family,
            disablesIPv6: family == .ipv4 && !onVMAC.contains { $0.address.family == .ipv6 })
        let isUp = setUpVirtualMAC(vmac, instance: instance.name)
        let runtime = VirtualMACRuntime(interface: vmac, transmitOnBase: setting.transmitOnBase)
        return (Self.placed(instance, on: vmac, isUp: isUp), runtime)
    }

    /// Creates or reuses a VMAC; logs the outcome, or the refusal naming the interface and the cause.
    func setUpVirtualMAC(_ vmac: VirtualMACInterface, instance: String) -> Bool {
        do {
            guard let control else {
                throw RuntimeError(operation: "create VMAC \(vmac.name)", cause: "no interface control")
            }
            switch try control.setUpVirtualMAC(vmac) {
            case .created: logger.info("(\(instance)) created VMAC interface \(vmac)")
            case .reused: logger.info("(\(instance)) reusing VMAC interface \(vmac) left by an earlier run")
            case .replaced: logger.info("(\(instance)) replaced incompatible interface \(vmac.name) by VMAC \(vmac)")
            }
            return true
        } catch {
            logger.error("(\(instance)) cannot set up VMAC interface \(vmac.name) on \(vmac.parent): \(error); FAULT")
            return false
        }
    }

    /// The instance with its addresses on the VMAC and the `vmac:NAME` tracked item.
    static func placed(
        _ instance: NodeConfiguration.Instance, on vmac: VirtualMACInterface, isUp: Bool
    ) -> NodeConfiguration.Instance {
        var instance = instance
        for index in instance.addresses.indices
        where instance.addresses[index].device == nil || instance.addresses[index].device == instance.interface {
            instance.addresses[index].device = vmac.name
            // A label must start with the device's name; one made for the parent cannot stay.
            if let label = instance.addresses[index].label, !label.hasPrefix(vmac.name) {
                instance.addresses[index].label = nil
            }
        }
        let item = virtualMACItem(vmac.name)
        if !instance.router.trackedItems.contains(where: { $0.name == item }) {
            instance.router.trackedItems.append(TrackedItem(name: item, weight: 0, initiallyUp: isUp))
        }
        return instance
    }

    /// The socket an instance uses: on its VMAC, or on the parent with `vmac_xmit_base` (announcements still
    /// leave from the VMAC).
    static func transportKey(
        for instance: NodeConfiguration.Instance, virtualMAC: VirtualMACRuntime?
    ) -> TransportKey {
        var key = TransportKey(instance)
        if let virtualMAC {
            if virtualMAC.transmitOnBase {
                key.announcementInterface = virtualMAC.interface.name
            } else {
                key.interface = virtualMAC.interface.name
            }
        }
        return key
    }

    /// Opens a transport for a key.
    func makeTransport(for key: TransportKey) throws -> any VRRPTransport {
        if key.authenticationHeader {
            return try environment.makeAuthenticationHeaderTransport(
                interface: key.interface, unicastSource: key.unicastSource, unicastPeers: key.unicastPeers,
                announcementInterface: key.announcementInterface)
        }
        if let announcementInterface = key.announcementInterface {
            return try environment.makeTransport(
                interface: key.interface, family: key.family, unicastSource: key.unicastSource,
                unicastPeers: key.unicastPeers, announcementInterface: announcementInterface)
        }
        return try environment.makeTransport(
            interface: key.interface, family: key.family, unicastSource: key.unicastSource,
            unicastPeers: key.unicastPeers)
    }

    /// A reload keeps the VMAC an instance runs on; a changed `use_vmac` takes effect at the next start.
    func reapplyingVirtualMAC(_ instance: NodeConfiguration.Instance, index: Int) -> NodeConfiguration.Instance {
        guard let current = instances[index].virtualMAC else {
            if instance.virtualMAC != nil {
                logger.warning("(\(instance.name)) use_vmac added by a reload takes effect at the next start")
            }
            return instance
        }
        if instance.virtualMAC?.transmitOnBase != current.transmitOnBase
            || (instance.virtualMAC?.interfaceName.map { $0 != current.interface.name } ?? false)
        {
            logger.warning(
                "(\(instance.name)) a changed use_vmac or vmac_xmit_base takes effect at the next start; staying on \(current.interface.name)"
            )
        }
        let item = Self.virtualMACItem(current.interface.name)
        let isUp = instances[index].router.trackedItemStates[item] ?? true
        return Self.placed(instance, on: current.interface, isUp: isUp)
    }

    /// Deletes an instance's VMAC (graceful stop, or the instance removed by a reload), after its addresses went.
    mutating func releaseVirtualMAC(index: Int) {
        guard let vmac = instances[index].virtualMAC?.interface else { return }
        instances[index].virtualMAC = nil
        do {
            try control?.tearDownVirtualMAC(vmac)
            logger.info("(\(instances[index].configuration.name)) removed VMAC interface \(vmac.name)")
        } catch {
            logger.warning(
                "(\(instances[index].configuration.name)) cannot remove VMAC interface \(vmac.name): \(error)")
        }
    }

    /// A link event on a VMAC or its parent: the `vmac:NAME` item follows the VMAC's state as the kernel reports it
    /// now (events queued since its creation say "down" first), and a VMAC deleted behind the node's back is made
    /// again once its parent is up.
    mutating func virtualMACLinkChanged(_ interface: String, now: Int64) {
        for index in instances.indices {
            guard let vmac = instances[index].virtualMAC?.interface,
                vmac.name == interface || vmac.parent == interface
            else { continue }
            var state = (try? control?.linkIsUp(vmac.name)) ?? nil
            if state == nil, (try? control?.linkIsUp(vmac.parent)) ?? nil == true {
                logger.warning(
                    "(\(instances[index].configuration.name)) VMAC \(vmac.name) is missing; making it")
                if setUpVirtualMAC(vmac, instance: instances[index].configuration.name) {
                    reopenTransports(on: vmac.name)
                    state = (try? control?.linkIsUp(vmac.name)) ?? nil
                }
            }
            let item = Self.virtualMACItem(vmac.name)
            let isUp = state ?? false
            guard instances[index].router.trackedItemStates[item] != isUp else { continue }
            deliver(.trackedItemChanged(name: item, isUp: isUp), to: index, now: now)
        }
    }

    /// Closes the sockets bound to a VMAC that was deleted and opens them on the new one.
    mutating func reopenTransports(on vmac: String) {
        for key in transports.keys where key.interface == vmac || key.announcementInterface == vmac {
            closeTransport(key)
            do {
                try ensureTransport(key)
            } catch {
                logger.error("cannot open VRRP socket on \(key.interface): \(error)")
            }
        }
    }
}
