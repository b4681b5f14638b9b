import VRRPWire

/// The checks `keepalived -t` makes across one node's model, made precise: references, duplicates, strict mode,
/// script security, authentication that is ignored, preemption with state MASTER, missing interfaces.
struct ConfigValidator {
    /// Whether an interface exists on this host; `nil` skips interface checks.
    let interfaceExists: (@Sendable (String) -> Bool)?

    func validate(_ configuration: KeepalivedConfiguration, facts: [InstanceFacts]) -> [Diagnostic] {
        var sink = DiagnosticSink()
        let scripts = Set(configuration.scripts.filter { $0.command != nil }.map(\.name))
        let files = Set(configuration.trackFiles.map(\.name))
        let processes = Set(configuration.trackProcesses.map(\.name))
        let instanceNames = Set(configuration.instances.map(\.name))

        for script in configuration.scripts where script.command == nil {
            sink.error(
                .missingSetting, "vrrp_script \(script.name) has no 'script' command; keepalived removes it",
                at: script.location)
        }
        duplicates(
            configuration.scripts.map { ($0.name, $0.location) }, what: "vrrp_script", severity: .warning, into: &sink)
        duplicates(
            configuration.instances.map { ($0.name, $0.location) }, what: "vrrp_instance", severity: .error, into: &sink
        )

        var vrids: [String: VRRPInstance] = [:]
        for (index, instance) in configuration.instances.enumerated() {
            let fact = index < facts.count ? facts[index] : InstanceFacts()
            check(
                instance, facts: fact, defaultInterface: configuration.global.defaultInterfaceName, into: &sink)
            references(instance.trackScripts, defined: scripts, kind: "track script", owner: instance.name, &sink)
            references(instance.trackFiles, defined: files, kind: "track file", owner: instance.name, &sink)
            references(instance.trackProcesses, defined: processes, kind: "track process", owner: instance.name, &sink)
            if let vrid = instance.virtualRouterID, let interface = instance.interface, !fact.interfaceOmitted {
                let destination =
                    instance.isUnicast
                    ? instance.unicastPeers.map { $0.address.description }.sorted().joined(separator: ",")
                    : (instance.multicastGroup?.description ?? "default")
                let key = "\(vrid)|\(interface)|\(instance.family)|\(destination)"
                if let other = vrids[key] {
                    sink.error(
                        .duplicateVRID,
                        "instances \(other.name) and \(instance.name) both use VRID \(vrid) on \(interface) "
                            + "(\(instance.family)); they would fight over one virtual MAC",
                        at: instance.location)
                } else {
                    vrids[key] = instance
                }
            }
            if let interfaceExists {
                let devices = (instance.virtualAddresses + instance.excludedVirtualAddresses).compactMap(\.device)
                let names = [instance.interface].compactMap { $0 } + instance.trackInterfaces.map(\.name) + devices
                let defaultInterface = configuration.global.defaultInterfaceName
                if instance.runsWithoutInterface, !names.contains(defaultInterface), !interfaceExists(defaultInterface)
                {
                    // keepalived 2.2.8+ would still send (unbound); here the instance waits for the interface.
                    sink.warning(
                        .missingInterface,
                        "the default interface \(defaultInterface) that vrrp_instance \(instance.name) runs on does "
                            + "not exist on this host: vrrpctl holds the instance in FAULT until it appears",
                        at: instance.location)
                }
                for name in Set(names).sorted()
                where !interfaceExists(name) {
                    sink.error(
                        .missingInterface,
                        "interface \(name) of vrrp_instance \(instance.name) does not exist on this host",
                        at: instance.location)
                }
                // keepalived only warns for a route's interface (it may be a VMAC made at startup).
                var warned = Set(names)
                for route in instance.virtualRoutes {
                    guard let device = route.device, !warned.contains(device), !interfaceExists(device) else {
                        continue
                    }
                    warned.insert(device)
                    sink.warning(
                        .missingInterface,
                        "interface \(device) of a virtual route of vrrp_instance \(instance.name) does not exist on "
                            + "this host; the route cannot be installed until it does", at: route.location)
                }
            }
        }
        if let interfaceExists {
            // keepalived: "WARNING - interface eth1 for ip address … doesn't exist"; it is added once it exists.
            var warned = Set<String>()
            let devices =
                configuration.staticAddresses.compactMap { address in address.device.map { ($0, address.location) } }
                + configuration.staticRoutes.compactMap { route in route.device.map { ($0, route.location) } }
            for (device, location) in devices where !warned.contains(device) && !interfaceExists(device) {
                warned.insert(device)
                sink.warning(
                    .missingInterface,
                    "interface \(device) of a static address or route does not exist on this host; it cannot be "
                        + "installed until it does", at: location)
            }
        }
        for group in configuration.syncGroups {
            references(group.trackScripts, defined: scripts, kind: "track script", owner: group.name, &sink)
            references(group.trackFiles, defined: files, kind: "track file", owner: group.name, &sink)
            references(group.trackProcesses, defined: processes, kind: "track process", owner: group.name, &sink)
            for member in group.members where !instanceNames.contains(member.name) {
                sink.error(
                    .undefinedTrack,
                    "vrrp_sync_group \(group.name) names instance \(member.name), which is not defined; it is ignored",
                    at: member.location)
            }
        }
        scriptSecurity(configuration, into: &sink)
        return sink.diagnostics
    }

    /// An instance without `interface`: keepalived (2.1.0 and later; 2.2.7 refuses them all, its issue #2270) runs
    /// only a unicast one with a source address, its sockets bound to no device; vrrpctl runs it on the default
    /// interface. `vrf` is keepalived's for exactly such an instance.
    private func withoutInterface(
        _ instance: VRRPInstance, facts: InstanceFacts, defaultInterface: String, into sink: inout DiagnosticSink
    ) {
        let name = instance.name
        let vrfLocation = facts.vrfToken?.location ?? instance.location
        if let vrf = instance.vrf, instance.interface != nil || !instance.isUnicast {
            sink.warning(
                .invalidValue,
                "vrf \(vrf) applies only to a unicast instance without interface; keepalived ignores it here ('vrf "
                    + "can only be specified with unicast and no interface'), and so does vrrpctl", at: vrfLocation)
        }
        switch instance.missingInterface {
        case nil:
            guard instance.interface == nil else { return }
        case .multicast:
            sink.error(
                .missingSetting,
                "vrrp_instance \(name) has no interface, which a multicast instance needs: keepalived refuses the "
                    + "file ('(\(name)) Unknown interface!'; default_interface does not apply to instances); name "
                    + "the interface, or give unicast_peer and unicast_src_ip",
                at: instance.location)
            return
        case .noSourceAddress:
            sink.error(
                .missingSetting,
                "vrrp_instance \(name) has neither interface nor unicast_src_ip: keepalived refuses it ('(\(name)): "
                    + "Unicast instances must have unicast_src_ip or interface'); name one of them",
                at: instance.location)
            return
        case .linkLocalSource:
            sink.error(
                .missingSetting,
                "vrrp_instance \(name) has no interface and a link-local unicast_src_ip: keepalived refuses it "
                    + "('(\(name)) Non link-local address required if interface omitted'); name the interface",
                at: instance.location)
            return
        }
        if let vrf = instance.vrf {
            sink.warning(
                .notProvided,
                "vrf \(vrf) is not provided by vrrp-swift: keepalived binds this instance's sockets to the VRF "
                    + "device so its adverts use \(vrf)'s routing table; vrrpctl cannot, so run refuses instance "
                    + "\(name). Name an interface enslaved to \(vrf) instead (it needs no vrf then)",
                at: vrfLocation)
            return
        }
        for address in instance.virtualAddresses + instance.excludedVirtualAddresses where address.device == nil {
            sink.warning(
                .missingSetting,
                "\(address.address) has no 'dev' and instance \(name) no interface: vrrpctl puts it on the default "
                    + "interface \(defaultInterface), as keepalived's manual says; keepalived's code removes it "
                    + "instead ('(\(name)): no interface for vip \(address.address) - removing'). Give it a 'dev'",
                at: address.location ?? instance.location)
        }
        let source = instance.sourceAddress.map { "\($0)" } ?? "?"
        sink.warning(
            .missingSetting,
            "vrrp_instance \(name) has no interface: vrrpctl runs it on the default interface \(defaultInterface) "
                + "(default_interface, else eth0): its adverts leave from \(source) through \(defaultInterface) "
                + "only, and its virtual addresses without 'dev' go on \(defaultInterface). keepalived (2.1.0 on) "
                + "sends through whichever interface routes to each peer, on sockets bound to none, but 2.2.7 "
                + "refuses every instance without an interface ('(\(name)) Unknown interface!', its issue #2270)",
            at: instance.location)
    }

    private func check(
        _ instance: VRRPInstance, facts: InstanceFacts, defaultInterface: String, into sink: inout DiagnosticSink
    ) {
        let name = instance.name
        if instance.virtualRouterID == nil, !facts.hasInvalidVRID {
            sink.error(
                .missingSetting, "vrrp_instance \(name) has no virtual_router_id; it cannot run", at: instance.location)
        }
        for track in instance.trackInterfaces where track.name == instance.interface {
            sink.warning(
                .duplicate,
                "track_interface \(track.name) is the instance's own interface, which is always tracked; "
                    + "the entry is ignored", at: track.location)
        }
        withoutInterface(instance, facts: facts, defaultInterface: defaultInterface, into: &sink)
        if instance.virtualAddresses.isEmpty {
            sink.warning(
                .noVirtualAddress,
                "vrrp_instance \(name) has no virtual_ipaddress: mastership moves no address (fine only if a notify "
                    + "script moves it); vrrpctl runs it, keepalived 2.2.7 refuses to start it ('No VIP specified')",
                at: instance.location)
        }
        if instance.initialState == .master {
            if let token = facts.nopreemptToken {
                sink.warning(
                    .preemptWithMaster,
                    "nopreempt does not work with state MASTER: the node takes over at start anyway; use state BACKUP",
                    at: token.location)
            }
            if let token = facts.preemptDelayToken, instance.preemptDelay > .zero {
                sink.warning(
                    .preemptWithMaster, "preempt_delay does not work with state MASTER; use state BACKUP",
                    at: token.location)
            }
        }
        if let auth = instance.authentication {
            let location = facts.authenticationToken?.location ?? auth.location
            if auth.type == .ipAuthenticationHeader, instance.initialState == .master, instance.version == .v2 {
                sink.warning(
                    .authIgnored, "state MASTER is incompatible with AH authentication: the instance starts as BACKUP",
                    at: facts.stateToken?.location ?? location)
            }
            if auth.type == .ipAuthenticationHeader, instance.family == .ipv6 {
                sink.warning(
                    .authIgnored,
                    "auth_type AH is for VRRPv2 over IPv4 only; this IPv6 instance runs without authentication",
                    at: location)
            } else if auth.type == .simpleText, instance.family == .ipv6, instance.version == .v2,
                !instance.strictMode
            {
                sink.warning(
                    .authIgnored,
                    "keepalived's VRRPv2 over IPv6 carries auth type 1 but no password: auth_pass is neither sent "
                        + "nor checked here, only the auth type must match; keepalived 2.2.7 reads a password at an "
                        + "offset taken from the advert's priority instead, outside the packet (its VRRP process was "
                        + "seen dying on such adverts): remove the authentication block",
                    at: location)
            } else if instance.version == .v3 {
                sink.warning(
                    .authIgnored, "VRRPv3 has no authentication (RFC 5798 §9): this block is ignored", at: location)
            } else if instance.strictMode {
                sink.warning(
                    .authIgnored, "strict mode forbids authentication (RFC 5798): this block is ignored", at: location)
            }
        }
        if instance.unicastPeers.isEmpty, let token = facts.unicastKeyword {
            if instance.unicastFaultNoPeer {
                sink.warning(
                    .unicastWithoutPeers,
                    "unicast_fault_no_peer and no unicast_peer: instance \(name) stays in FAULT, as keepalived's "
                        + "\"Cannot use unicast without any peers - going to fault state\"",
                    at: token.location)
            } else {
                sink.warning(
                    .unicastWithoutPeers,
                    "'\(token.text)' without any unicast_peer: advertisements stay multicast and this setting is "
                        + "ignored (keepalived: \"A unicast keyword has been specified without any unicast peers. "
                        + "Defaulting to multicast\"; add unicast_fault_no_peer to get FAULT instead)",
                    at: token.location)
            }
        }
        if instance.strictMode {
            let strict = facts.strictToken?.location ?? instance.location
            if !instance.unicastPeers.isEmpty {
                sink.error(
                    .strictConflict, "strict mode forbids unicast peers (RFC 5798 sends to the multicast group only)",
                    at: instance.unicastPeers[0].location ?? strict)
            }
            if let token = facts.acceptToken {
                sink.warning(
                    .strictConflict, "strict mode forbids accept mode; 'accept' is ignored", at: token.location)
            }
            if instance.virtualAddresses.count > 20 {
                sink.error(
                    .strictConflict,
                    "strict mode allows at most 20 virtual addresses; \(instance.virtualAddresses.count) are listed",
                    at: strict)
            }
        }
        if let source = instance.sourceAddress, source.family != instance.family {
            sink.warning(
                .familyMismatch,
                "source address \(source) is \(source.family) but instance \(name) is \(instance.family); "
                    + "it is ignored", at: instance.location)
        }
        if let source = instance.sourceAddress, let own = instance.unicastPeers.first(where: { $0.address == source }) {
            sink.warning(
                .duplicate,
                "unicast_peer lists this node's own unicast_src_ip \(source): it would advertise to itself; "
                    + "list only the other nodes", at: own.location)
        }
        for peer in instance.unicastPeers where peer.address.family != instance.family {
            sink.error(
                .familyMismatch,
                "unicast peer \(peer.address) is \(peer.address.family) but instance \(name) is "
                    + "\(instance.family); it is skipped", at: peer.location)
        }
    }

    private func references(
        _ entries: [TrackReference], defined: Set<String>, kind: String, owner: String, _ sink: inout DiagnosticSink
    ) {
        var seen: Set<String> = []
        for entry in entries {
            if !defined.contains(entry.name) {
                sink.error(
                    .undefinedTrack, "\(kind) \(entry.name) of \(owner) is not defined; it is ignored",
                    at: entry.location)
            }
            if !seen.insert(entry.name).inserted {
                sink.warning(
                    .duplicate, "\(kind) \(entry.name) is listed twice in \(owner); the second is ignored",
                    at: entry.location)
            }
        }
    }

    private func duplicates(
        _ items: [(String, SourceLocation?)], what: String, severity: DiagnosticSeverity,
        into sink: inout DiagnosticSink
    ) {
        var seen: [String: SourceLocation?] = [:]
        for (name, location) in items {
            if let first = seen[name] {
                let previous = first.map { " (first at \($0))" } ?? ""
                let message = "\(what) \(name) is defined twice\(previous); the later one wins"
                if severity == .error {
                    sink.error(.duplicate, message, at: location)
                } else {
                    sink.warning(.duplicate, message, at: location)
                }
            } else {
                seen[name] = location
            }
        }
    }

    private func scriptSecurity(_ configuration: KeepalivedConfiguration, into sink: inout DiagnosticSink) {
        guard !configuration.global.enableScriptSecurity else { return }
        let firstScript = configuration.scripts.first { $0.command != nil }?.location
        let notifyOwner =
            configuration.instances.first { !$0.notify.commands.isEmpty }?.location
            ?? configuration.syncGroups.first { !$0.notify.commands.isEmpty }?.location
        guard let location = firstScript ?? notifyOwner else { return }
        sink.warning(
            .scriptSecurity,
            "scripts are configured but enable_script_security is not set: they may run as root from writable paths",
            at: location)
    }
}
