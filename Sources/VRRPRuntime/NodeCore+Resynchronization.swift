import Logging
import VIPNetlink
import VRRPStateMachine
import VRRPWire

extension NodeCore {
    /// Netlink events were lost (the monitor's queue overflowed): the deletions they may have reported are read
    /// from the kernel instead. A MASTER missing a tracked address, route or rule steps down as it would have on
    /// the event; missing static entries go back, but for `no_track` ones.
    mutating func resynchronize(now: Int64) {
        guard let control else { return }
        logger.warning("netlink events were lost; checking addresses, routes and rules against the kernel")
        var held: [String: Set<IPAddress>] = [:]
        var routes: [AddressFamily: [KernelRoute]] = [:]
        var rules: [AddressFamily: [KernelRule]] = [:]
        for index in instances.indices where instances[index].router.state == .master {
            let configuration = instances[index].configuration
            var lost: (event: VirtualRouter.Event, what: String)?
            for address in configuration.addresses where !address.noTrack {
                let device = address.device ?? configuration.interface
                if held[device] == nil { held[device] = Set((try? control.addresses(of: device)) ?? []) }
                if held[device]?.contains(address.address) == false {
                    lost = (.virtualAddressLost(address.address), "virtual address \(address.address)")
                    break
                }
            }
            if lost == nil, instances[index].routesInstalled {
                for route in configuration.routes where !configuration.untrackedRoutes.contains(route) {
                    if routes[route.family] == nil { routes[route.family] = try? control.routes(family: route.family) }
                    guard let present = routes[route.family], !present.contains(where: { route.matches($0) })
                    else { continue }
                    lost = (.virtualRouteLost("route \(route)"), "virtual route \(route)")
                    break
                }
                for rule in configuration.rules where lost == nil && !configuration.untrackedRules.contains(rule) {
                    if rules[rule.family] == nil { rules[rule.family] = try? control.rules(family: rule.family) }
                    guard let present = rules[rule.family], !present.contains(where: { rule.matches($0) })
                    else { continue }
                    lost = (.virtualRouteLost("rule \(rule)"), "virtual rule \(rule)")
                }
            }
            guard let lost else { continue }
            logger.warning("(\(configuration.name)) \(lost.what) is gone; going to BACKUP")
            deliver(lost.event, to: index, now: now)
        }
        let statics = configuration.staticEntries
        installStaticEntries(
            StaticEntries(
                addresses: statics.addresses.filter { !$0.noTrack }, routes: statics.trackedRoutes,
                rules: statics.trackedRules))
    }
}
