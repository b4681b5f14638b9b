import Logging
import VIPNetlink
import VRRPWire

/// `static_ipaddress`, `static_routes`, `static_rules`: in place while the node runs.
extension NodeCore {
    /// Installs static entries: addresses, then routes, then rules. One that is already there is left alone, so a
    /// restart does not flap what a killed earlier run left.
    func installStaticEntries(_ entries: StaticEntries) {
        guard let control, !entries.isEmpty else { return }
        for address in entries.addresses {
            guard let device = address.device else { continue }
            do {
                try control.add(address, on: device)
            } catch {
                logger.error("cannot add static address \(address.address) to \(device): \(error)")
            }
        }
        for route in entries.routes {
            do {
                try control.change(route, add: true)
            } catch {
                logger.error("cannot add static route \(route): \(error)")
            }
        }
        for rule in entries.rules {
            do {
                try control.change(rule, add: true)
            } catch {
                logger.error("cannot add static rule \(rule): \(error)")
            }
        }
    }

    /// Removes static entries: rules, then routes, then addresses (keepalived's `stop_vrrp`).
    func removeStaticEntries(_ entries: StaticEntries) {
        guard let control, !entries.isEmpty else { return }
        for rule in entries.rules { try? control.change(rule, add: false) }
        for route in entries.routes { try? control.change(route, add: false) }
        for address in entries.addresses {
            guard let device = address.device else { continue }
            try? control.remove(address, on: device)
        }
    }

    /// A reload: what the new file no longer has is removed, what it adds is installed; the rest stays untouched.
    func reloadStaticEntries(old: StaticEntries, new: StaticEntries) {
        removeStaticEntries(
            StaticEntries(
                addresses: old.addresses.filter { !new.addresses.contains($0) },
                routes: old.routes.filter { !new.routes.contains($0) },
                rules: old.rules.filter { !new.rules.contains($0) }))
        installStaticEntries(
            StaticEntries(
                addresses: new.addresses.filter { !old.addresses.contains($0) },
                routes: new.routes.filter { !old.routes.contains($0) },
                rules: new.rules.filter { !old.rules.contains($0) }))
    }

    /// Someone deleted an address: a tracked static address on that interface goes back at once.
    func staticAddressRemoved(_ address: IPAddress, interface: String) {
        let entries = configuration.staticEntries
        guard let control,
            let entry = entries.addresses.first(where: {
                $0.address == address && $0.device == interface && !$0.noTrack
            })
        else { return }
        logger.warning("static address \(address) was deleted from \(interface); reinstating it")
        do {
            try control.add(entry, on: interface)
        } catch {
            logger.error("cannot reinstate static address \(address) on \(interface): \(error)")
        }
    }

    /// Someone deleted a route: a tracked static route the kernel no longer holds goes back at once.
    func staticRouteRemoved(_ entry: KernelRoute) {
        guard let control, let route = configuration.staticEntries.trackedRoutes.first(where: { $0.matches(entry) })
        else { return }
        let held = (try? control.routes(family: entry.family)) ?? []
        guard !held.contains(where: { route.matches($0) }) else { return }
        logger.warning("static route \(route) was deleted; reinstating it")
        do {
            try control.change(route, add: true)
        } catch {
            logger.error("cannot reinstate static route \(route): \(error)")
        }
    }

    /// Someone deleted a rule: a tracked static rule the kernel no longer holds goes back at once.
    func staticRuleRemoved(_ entry: KernelRule) {
        guard let control, let rule = configuration.staticEntries.trackedRules.first(where: { $0.matches(entry) })
        else { return }
        let held = (try? control.rules(family: entry.family)) ?? []
        guard !held.contains(where: { rule.matches($0) }) else { return }
        logger.warning("static rule \(rule) was deleted; reinstating it")
        do {
            try control.change(rule, add: true)
        } catch {
            logger.error("cannot reinstate static rule \(rule): \(error)")
        }
    }
}
