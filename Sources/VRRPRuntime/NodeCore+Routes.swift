import Logging
import VIPNetlink
import VRRPStateMachine

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
}
