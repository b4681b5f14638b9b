import Logging
import VIPNetlink
import VRRPStateMachine
import VRRPWire

/// keepalived's `virtual_routes` / `virtual_rules` follow mastership (`vrrp_state_become_master`: addresses, then
/// routes, then rules; `vrrp_restore_interface`: rules, then routes, then addresses). They hang on the router's
/// address actions: every entry to MASTER adds the addresses, every exit removes them.
extension NodeCore {
    /// After the addresses were added: install the routes, then the rules, once per mastership.
    mutating func addedAddresses(index: Int) {
        guard instances[index].router.state == .master, !instances[index].routesInstalled else { return }
        instances[index].routesInstalled = true
        let configuration = instances[index].configuration
        changeRoutes(configuration.routes, add: true, instance: configuration.name)
        changeRules(configuration.rules, add: true, instance: configuration.name)
    }

    /// Before the addresses are removed: when the router has left MASTER, remove the rules, then the routes.
    mutating func removingAddresses(index: Int) {
        guard instances[index].router.state != .master, instances[index].routesInstalled else { return }
        instances[index].routesInstalled = false
        let configuration = instances[index].configuration
        changeRules(configuration.rules, add: false, instance: configuration.name)
        changeRoutes(configuration.routes, add: false, instance: configuration.name)
    }

    /// A reload of an instance that holds its routes: what is unchanged stays; what went is removed (rules
    /// first), what came is installed (routes first).
    mutating func reloadRoutes(index: Int, old: NodeConfiguration.Instance) {
        guard instances[index].routesInstalled else { return }
        let new = instances[index].configuration
        let name = new.name
        changeRules(old.rules.filter { !new.rules.contains($0) }, add: false, instance: name)
        changeRoutes(old.routes.filter { !new.routes.contains($0) }, add: false, instance: name)
        changeRoutes(new.routes.filter { !old.routes.contains($0) }, add: true, instance: name)
        changeRules(new.rules.filter { !old.rules.contains($0) }, add: true, instance: name)
    }

    /// A killed earlier run may have left routes and rules behind: take them off before starting, as the stale
    /// addresses are.
    func removeStaleRoutes() {
        for instance in instances {
            for rule in instance.configuration.rules { try? control?.change(rule, add: false) }
            for route in instance.configuration.routes { try? control?.change(route, add: false) }
        }
    }

    func changeRoutes(_ routes: [KernelRoute], add: Bool, instance: String) {
        guard !routes.isEmpty, let control else { return }
        logger.info("(\(instance)) \(add ? "setting" : "removing") Virtual Routes")
        for route in routes {
            do {
                try control.change(route, add: add)
            } catch {
                logger.error("(\(instance)) cannot \(add ? "add" : "remove") route \(route): \(error)")
            }
        }
    }

    func changeRules(_ rules: [KernelRule], add: Bool, instance: String) {
        guard !rules.isEmpty, let control else { return }
        logger.info("(\(instance)) \(add ? "setting" : "removing") Virtual Rules")
        for rule in rules {
            do {
                try control.change(rule, add: add)
            } catch {
                logger.error("(\(instance)) cannot \(add ? "add" : "remove") rule \(rule): \(error)")
            }
        }
    }

    // MARK: Deleted behind the master's back

    /// Asks the interface control for deletions of the families that have tracked routes or rules (keepalived's
    /// `set_extra_netlink_monitoring`): a node without them never hears of a router's route churn.
    func watchRouting() {
        var routes = Set(configuration.staticEntries.trackedRoutes.map(\.family))
        var rules = Set(configuration.staticEntries.trackedRules.map(\.family))
        for instance in instances.map(\.configuration) {
            for route in instance.routes where !instance.untrackedRoutes.contains(route) { routes.insert(route.family) }
            for rule in instance.rules where !instance.untrackedRules.contains(rule) { rules.insert(rule.family) }
        }
        do {
            try control?.watchRouting(routes: routes, rules: rules)
        } catch {
            logger.error("cannot watch for deleted virtual routes and rules: \(error)")
        }
    }

    /// A route was deleted. A MASTER that installed it as a tracked virtual route goes to BACKUP, as keepalived's
    /// (`netlink_route_filter`), and takes over again, reinstalling it, if no better master shows up. Unless the
    /// kernel holds the route again by now: our own reload swaps a changed route for one with the same key.
    mutating func routeRemoved(_ entry: KernelRoute, now: Int64) {
        let control = control
        entryRemoved(
            entry, kind: "route", now: now,
            tracked: { configuration in
                configuration.routes.filter { !configuration.untrackedRoutes.contains($0) }
            }, matches: { $0.matches($1) }, held: { try control?.routes(family: entry.family) ?? [] })
    }

    /// A rule was deleted: as ``routeRemoved(_:now:)`` for a tracked virtual rule.
    mutating func ruleRemoved(_ entry: KernelRule, now: Int64) {
        let control = control
        entryRemoved(
            entry, kind: "rule", now: now,
            tracked: { configuration in
                configuration.rules.filter { !configuration.untrackedRules.contains($0) }
            }, matches: { $0.matches($1) }, held: { try control?.rules(family: entry.family) ?? [] })
    }

    /// The step down for a deleted route or rule (`kind`): each MASTER holding its routes with a tracked entry that
    /// `matches` it, and that the kernel does not hold again (`held`, read once), goes to BACKUP.
    private mutating func entryRemoved<Entry: CustomStringConvertible>(
        _ entry: Entry,
        kind: String,
        now: Int64,
        tracked: (NodeConfiguration.Instance) -> [Entry],
        matches: (Entry, Entry) -> Bool,
        held: () throws -> [Entry]
    ) {
        var current: [Entry]?
        for index in instances.indices
        where instances[index].router.state == .master && instances[index].routesInstalled {
            let configuration = instances[index].configuration
            guard let mine = tracked(configuration).first(where: { matches($0, entry) }) else { continue }
            if current == nil { current = (try? held()) ?? [] }
            if current?.contains(where: { matches(mine, $0) }) == true { continue }
            logger.warning("(\(configuration.name)) virtual \(kind) \(mine) was deleted; going to BACKUP")
            deliver(.virtualRouteLost("\(kind) \(mine)"), to: index, now: now)
        }
    }
}
