import Glibc
public import HealthCheck
public import VRRPConfig
public import VRRPStateMachine
public import VRRPWire

extension NodeConfiguration {
    /// Why a keepalived configuration cannot become a node: names the instance and the missing piece.
    public struct ConversionError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The instance, script or group at fault.
        public var subject: String
        /// What is wrong.
        public var reason: String

        /// `(VI_1) no interface: …`.
        public var description: String { "(\(subject)) \(reason)" }
    }

    /// The node a validated keepalived.conf describes. Load and validate it with `KeepalivedConfigLoader` first;
    /// this adds only what running needs (user names resolved, tracked items named).
    public init(keepalived config: KeepalivedConfiguration) throws(ConversionError) {
        let global = config.global
        var instances: [Instance] = []
        var rulePriorities = AutomaticRulePriorities()
        // keepalived numbers rules without priority in file order; static_rules blocks conventionally come first.
        let staticRules = config.staticRules.map { Self.kernelRule($0, automaticPriorities: &rulePriorities) }
        let staticRoutes = config.staticRoutes.map { Self.kernelRoute($0) }
        let staticEntries = StaticEntries(
            addresses: config.staticAddresses.map { Self.configuredAddress($0) }, routes: staticRoutes,
            rules: staticRules,
            untrackedRoutes: Self.untracked(config.staticRoutes, staticRoutes),
            untrackedRules: Set(zip(config.staticRules, staticRules).filter { $0.0.noTrack }.map(\.1)))
        for instance in config.instances {
            var converted = try Self.instance(instance, config: config)
            converted.routes = instance.virtualRoutes.map { Self.kernelRoute($0) }
            converted.router.trackedItems += Self.routeInterfaceTracking(
                instance, interface: converted.interface, tracked: converted.router.trackedItems)
            converted.rules = instance.virtualRules.map { Self.kernelRule($0, automaticPriorities: &rulePriorities) }
            converted.untrackedRoutes = Self.untracked(instance.virtualRoutes, converted.routes)
            converted.untrackedRules = Set(
                zip(instance.virtualRules, converted.rules).filter { $0.0.noTrack }.map(\.1))
            instances.append(converted)
        }
        var scripts: [CheckScript] = []
        for definition in config.scripts {
            guard let text = definition.command else {
                throw ConversionError(subject: definition.name, reason: "vrrp_script has no script")
            }
            let command: ScriptCommand
            do {
                command = try ScriptCommand(text)
            } catch {
                throw ConversionError(subject: definition.name, reason: "script \(text): \(error)")
            }
            let userName = definition.user ?? global.scriptUser
            let user = try userName.map { (name: String) throws(ConversionError) in
                try Self.lookUpUser(
                    name, group: definition.user == nil ? global.scriptGroup : definition.group,
                    subject: definition.name)
            }
            scripts.append(
                CheckScript(
                    name: definition.name, command: command, interval: definition.interval,
                    timeout: definition.timeout, rise: definition.rise, fall: definition.fall, user: user,
                    initiallyFailed: definition.initFail))
        }
        let processes = config.trackProcesses.compactMap { definition -> TrackedProcess? in
            guard let process = definition.process else { return nil }
            let match: ProcessMatcher.ParameterMatch =
                switch definition.parameterMatch {
                case "initial": .initial
                case "partial": .partial
                default: .exact
                }
            return TrackedProcess(
                name: definition.name,
                matcher: ProcessMatcher(name: process, parameters: definition.parameters, parameterMatch: match),
                quorum: definition.quorum, quorumMax: definition.quorumMaximum)
        }
        let groups = config.syncGroups.map {
            SyncGroupDefinition(name: $0.name, members: $0.members.map(\.name), notify: Self.notify($0.notify))
        }
        self.init(
            instances: instances, scripts: scripts, processes: processes, syncGroups: groups,
            notifyFIFO: global.notifyFIFO, scriptSecurity: global.enableScriptSecurity,
            files: Self.trackedFiles(config),
            realtimePriority: global.realtimePriority.map { Int32($0) }, lockMemory: global.lockMemory)
        self.staticEntries = staticEntries
        self.startupDelay = global.startupDelay
    }

    static func instance(
        _ instance: VRRPInstance, config: KeepalivedConfiguration
    ) throws(ConversionError)
        -> Instance
    {
        let global = config.global
        guard let interface = instance.runningInterface(defaultInterface: global.defaultInterfaceName) else {
            let reason =
                switch instance.missingInterface {
                case .multicast, nil: "no interface, which a multicast instance needs"
                case .noSourceAddress: "neither interface nor unicast_src_ip"
                case .linkLocalSource: "no interface and a link-local unicast_src_ip"
                }
            throw ConversionError(subject: instance.name, reason: reason)
        }
        if instance.interface == nil, let vrf = instance.vrf {
            throw ConversionError(
                subject: instance.name,
                reason: "vrf \(vrf) is not supported (vrrpctl cannot bind an instance to a VRF device); name an "
                    + "interface enslaved to \(vrf) instead")
        }
        guard let vrid = instance.virtualRouterID else {
            throw ConversionError(subject: instance.name, reason: "no virtual_router_id")
        }
        let family = instance.family
        let own = instance.virtualAddresses.filter { $0.address.family == family }
        let other = instance.virtualAddresses.filter { $0.address.family != family }
        let excluded = instance.excludedVirtualAddresses + other

        let group = config.syncGroups.first { $0.members.contains { $0.name == instance.name } }
        func scriptItem(_ reference: TrackReference) -> TrackedItem {
            let script = config.script(named: reference.name)
            let weight = reference.weight ?? script?.weight ?? 0
            let reverse = Self.reverse(of: reference, objectReverse: script?.reverse ?? false)
            return Self.trackedItem(
                TrackedName.script(reference.name), weight: weight, reverse: reverse,
                initiallyFailed: script?.initFail ?? false)
        }
        func interfaceItem(_ reference: TrackReference) -> TrackedItem {
            TrackedItem(
                name: TrackedName.interface(reference.name), weight: reference.weight ?? 0,
                reverse: reference.reverse, initiallyUp: !reference.reverse)
        }
        func processItem(_ reference: TrackReference) -> TrackedItem {
            let process = config.trackProcesses.first { $0.name == reference.name }
            let weight = reference.weight ?? process?.weight ?? 0
            let reverse = Self.reverse(of: reference, objectReverse: process?.reverse ?? false)
            return Self.trackedItem(
                TrackedName.process(reference.name), weight: weight, reverse: reverse, initiallyFailed: false)
        }
        var tracked = Self.mergingGroupItems(
            instance.trackScripts.map(scriptItem), group: (group?.trackScripts ?? []).map(scriptItem))
        tracked += Self.mergingGroupItems(
            instance.trackInterfaces.map(interfaceItem), group: (group?.trackInterfaces ?? []).map(interfaceItem))
        tracked += Self.trackedFileItems(instance, group: group, config: config)
        tracked += Self.mergingGroupItems(
            instance.trackProcesses.map(processItem), group: (group?.trackProcesses ?? []).map(processItem))

        let garp = instance.gratuitousARP
        let globalGARP = global.gratuitousARP
        let interval =
            (family == .ipv4
                ? garp.interval ?? globalGARP.interval
                : garp.neighborAdvertisementInterval ?? globalGARP.neighborAdvertisementInterval) ?? .zero
        let announcements = AnnouncementSettings(
            masterRepeat: garp.masterRepeat ?? globalGARP.masterRepeat ?? 5,
            masterDelay: garp.masterDelay ?? globalGARP.masterDelay ?? .seconds(5),
            masterRefresh: (garp.masterRefresh ?? globalGARP.masterRefresh).flatMap { $0 > .zero ? $0 : nil },
            masterRefreshRepeat: garp.masterRefreshRepeat ?? globalGARP.masterRefreshRepeat ?? 1,
            messageInterval: interval)

        let authentication: VirtualRouter.Authentication =
            switch instance.authentication?.type {
            case .some(.simpleText): .password(instance.authentication?.data ?? .zero)
            case .some(.ipAuthenticationHeader): .ipAuthenticationHeader
            default: .none
            }
        let strict = instance.strictMode || global.strict
        let router = VirtualRouter.Configuration(
            virtualRouterID: vrid, family: family, version: instance.version, priority: instance.priority,
            advertisementInterval: instance.advertisementInterval, virtualAddresses: own.map(\.address),
            excludedAddresses: excluded.map(\.address), primaryAddress: instance.sourceAddress,
            interfaceName: interface, preemptMode: instance.preempt, preemptDelay: instance.preemptDelay,
            acceptMode: instance.acceptMode ?? !strict,
            // AH is IPv4 only; keepalived's VRRPv2 over IPv6 carries PASS as the auth type alone.
            authentication: instance.version == .v2 && !(family == .ipv6 && authentication == .ipAuthenticationHeader)
                ? authentication : .none,
            announcements: announcements, strictMode: strict,
            unicastPeers: instance.unicastPeers.map(\.address),
            // Global vrrp_check_unicast_src is folded into the instance's by the loader.
            checkUnicastSource: instance.checkUnicastSource || global.checkUnicastSource,
            answerLowerPriority: !instance.lowerPriorityNoAdvert,
            answerHigherPriority: instance.higherPrioritySendAdvert, downTimerAdverts: instance.downTimerAdverts,
            faultWithoutUnicastPeers: instance.unicastFaultNoPeer, trackedItems: tracked)
        var converted = Instance(
            name: instance.name, interface: interface, router: router,
            addresses: (own + excluded).map { Self.configuredAddress($0) }, unicastSource: instance.sourceAddress,
            notify: Self.notify(instance.notify),
            authenticationHeaderKey: router.authentication == .ipAuthenticationHeader
                ? instance.authentication?.data.octets : nil,
            virtualMAC: Self.virtualMAC(instance, strict: strict))
        converted.tracksInterface = !instance.dontTrackPrimary
        converted.notifyPriorityChanges = instance.notifyPriorityChanges
        return converted
    }

    /// A tracked item that contributes nothing until its first result, as keepalived's scripts start.
    /// keepalived's `alloc_track_script` / `alloc_track_process`: an entry starts from the object's own `reverse`;
    /// only `weight N reverse` or `weight N noreverse` on the entry changes it (a bare `weight N` keeps it).
    static func reverse(of reference: TrackReference, objectReverse: Bool) -> Bool {
        if reference.reverse { return true }
        if reference.noReverse { return false }
        return objectReverse
    }

    /// An instance's own tracked items of one kind, then its sync group's, as keepalived adds a group's objects to
    /// each member (`add_vrrp_to_track_script` and its kin): an item the member tracks already counts once, with
    /// the group's weight unless the member's own weight is 0. An item the member lists twice counts once.
    static func mergingGroupItems(_ own: [TrackedItem], group: [TrackedItem]) -> [TrackedItem] {
        var items: [TrackedItem] = []
        for item in own where !items.contains(where: { $0.name == item.name }) { items.append(item) }
        for item in group {
            if let index = items.firstIndex(where: { $0.name == item.name }) {
                if items[index].weight != 0 {
                    items[index].weight = item.weight
                    items[index].reverse = item.reverse
                }
            } else {
                items.append(item)
            }
        }
        return items
    }

    static func trackedItem(_ name: String, weight: Int, reverse: Bool, initiallyFailed: Bool) -> TrackedItem {
        let neutral = weight > 0 ? false : (weight < 0 ? true : !reverse)
        return TrackedItem(name: name, weight: weight, reverse: reverse, initiallyUp: initiallyFailed ? false : neutral)
    }

    static func configuredAddress(_ address: VirtualAddress) -> ConfiguredAddress {
        let scope: UInt8? =
            switch address.scope {
            case nil: nil
            case "global", "universe": 0
            case "site": 200
            case "link": 253
            case "host": 254
            case .some(let text): UInt8(text)
            }
        return ConfiguredAddress(
            address.address, prefixLength: address.prefixLength, device: address.device, label: address.label,
            broadcast: address.broadcast, scope: scope, noDAD: true,
            noTrack: address.flags.contains(.noTrack))
    }

    static func notify(_ scripts: NotifyScripts) -> NotifyScriptSet {
        NotifyScriptSet(
            master: scripts.master, backup: scripts.backup, fault: scripts.fault, stop: scripts.stop,
            deleted: scripts.deleted, generic: scripts.any)
    }

    static func lookUpUser(
        _ name: String, group: String?, subject: String
    ) throws(ConversionError)
        -> (uid: UInt32, gid: UInt32)
    {
        guard let entry = getpwnam(name) else {
            throw ConversionError(subject: subject, reason: "user \(name) does not exist")
        }
        var gid = entry.pointee.pw_gid
        if let group {
            guard let groupEntry = getgrnam(group) else {
                throw ConversionError(subject: subject, reason: "group \(group) does not exist")
            }
            gid = groupEntry.pointee.gr_gid
        }
        return (entry.pointee.pw_uid, gid)
    }

    /// What a keepalived configuration asks for that the node does not do yet, one sentence each, so that running
    /// it never hides a difference from keepalived.
    public static func unsupportedFeatures(in config: KeepalivedConfiguration) -> [String] {
        var warnings: [String] = []
        if let maximum = config.global.maxAutoPriority {
            warnings.append(
                "max_auto_priority \(maximum) is not applied (keepalived raises its priority when it falls behind): "
                    + "vrrp_rt_priority runs the node's loop at a real-time priority from the start")
        }
        for instance in config.instances {
            warnings += virtualMACWarnings(instance, global: config.global)
        }
        return warnings
    }
}
