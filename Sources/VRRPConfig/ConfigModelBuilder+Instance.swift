import VRRPWire

/// `vrrp_instance`: one handler per keyword, then keepalived's completion rules (family, version, interval).
extension ConfigModelBuilder {
    typealias InstanceHandler =
        @Sendable (inout ConfigModelBuilder, inout VRRPInstance, inout InstanceFacts, ConfigNode)
        -> Void

    mutating func instance(_ node: ConfigNode) {
        guard let name = blockName(node) else { return }
        guard let children = block(node, what: "'vrrp_instance \(name)'") else { return }
        var instance = VRRPInstance(name: name, location: node.location)
        var facts = InstanceFacts()
        for child in children {
            if let handler = Self.instanceKeywords[child.name] {
                handler(&self, &instance, &facts, child)
            } else if KnownKeywords.otherInstance.contains(child.name) {
                instance.ignoredKeywords.append(child.name)
                notProvided(child)
            } else {
                unknown(
                    child, in: "in vrrp_instance \(name)",
                    candidates: Self.instanceCandidates)
            }
        }
        configuration.instances.append(instance)
        instanceFacts.append(facts)
    }

    /// Every keyword vrrp_instance accepts, for suggestions.
    static let instanceCandidates = Array(instanceKeywords.keys).sorted() + KnownKeywords.otherInstance.sorted()

    static let instanceKeywords: [String: InstanceHandler] = [
        "state": { b, i, f, n in
            guard let t = b.single(n) else { return }
            f.stateToken = t
            switch t.text {
            case "MASTER": i.initialState = .master
            case "BACKUP": i.initialState = .backup
            default:
                b.diagnostics.error(
                    .invalidValue,
                    "unknown state '\(t.text)' (MASTER or BACKUP); keepalived runs the instance as BACKUP",
                    at: t.location)
            }
        },
        "interface": { b, i, _, n in i.interface = b.single(n)?.text },
        "vrf": { b, i, f, n in
            guard let t = b.single(n) else { return }
            f.vrfToken = t
            i.vrf = t.text
        },
        "virtual_router_id": { b, i, f, n in
            if let v = b.integer(n, in: 1...255, consequence: "the instance has no VRID") {
                i.virtualRouterID = UInt8(v)
            } else {
                f.hasInvalidVRID = true
            }
        },
        "priority": { b, i, _, n in
            if let v = b.integer(n, in: 1...255, consequence: "the default 100 is used") { i.priority = UInt8(v) }
        },
        "advert_int": { b, _, f, n in
            guard let t = b.single(n), let micros = b.microseconds(t, keyword: "advert_int") else { return }
            f.advertIntervalToken = t
            f.advertMicroseconds = micros
        },
        "version": { b, i, f, n in
            guard let v = b.integer(n, in: 2...3) else { return }
            f.versionToken = n.arguments.first
            i.version = VRRPVersion(rawValue: UInt8(v))
        },
        "native_ipv6": { b, _, f, n in
            b.flag(n)
            f.nativeIPv6 = true
        },
        "authentication": { b, i, f, n in
            f.authenticationToken = n.keyword
            i.authentication = b.authentication(n)
        },
        "virtual_ipaddress": { b, i, _, n in i.virtualAddresses += b.virtualAddresses(n) },
        "virtual_ipaddress_excluded": { b, i, _, n in i.excludedVirtualAddresses += b.virtualAddresses(n) },
        "virtual_routes": { b, i, _, n in i.virtualRoutes += b.virtualRoutes(n) },
        "virtual_rules": { b, i, _, n in i.virtualRules += b.virtualRules(n) },
        "mcast_src_ip": { b, i, _, n in i.sourceAddress = b.address(n) },
        "mcast_dst_ip": { b, i, _, n in
            guard let address = b.address(n) else { return }
            let multicast: Bool
            switch address {
            case .ipv4(let v4): multicast = v4.isMulticast
            case .ipv6(let v6): multicast = v6.isMulticast
            }
            if multicast {
                i.multicastGroup = address
            } else {
                b.diagnostics.error(
                    .invalidAddress, "mcast_dst_ip \(address) is not a multicast address; the default group is used",
                    at: n.arguments.first?.location)
            }
        },
        "unicast_src_ip": { b, i, f, n in
            f.unicastKeyword = f.unicastKeyword ?? n.keyword
            i.sourceAddress = b.address(n)
        },
        "unicast_peer": { b, i, f, n in
            f.unicastKeyword = f.unicastKeyword ?? n.keyword
            i.unicastPeers += b.unicastPeers(n)
        },
        "unicast_fault_no_peer": { b, i, f, n in
            b.flag(n)
            f.unicastKeyword = f.unicastKeyword ?? n.keyword
            i.unicastFaultNoPeer = true
        },
        "check_unicast_src": { b, i, f, n in
            b.flag(n)
            f.unicastKeyword = f.unicastKeyword ?? n.keyword
            i.checkUnicastSource = true
        },
        "unicast_ttl": { b, i, f, n in
            f.unicastKeyword = f.unicastKeyword ?? n.keyword
            if let v = b.integer(n, in: 1...255) { i.unicastTTL = UInt8(v) }
        },
        "nopreempt": { b, i, f, n in
            b.flag(n)
            f.nopreemptToken = n.keyword
            i.preempt = false
        },
        "preempt": { b, i, _, n in
            b.flag(n)
            i.preempt = true
        },
        "preempt_delay": { b, i, f, n in
            f.preemptDelayToken = n.keyword
            if let d = b.seconds(n, in: 0...1000) { i.preemptDelay = d }
        },
        "accept": { b, i, f, n in
            b.flag(n)
            f.acceptToken = n.keyword
            i.acceptMode = true
        },
        "no_accept": { b, i, _, n in
            b.flag(n)
            i.acceptMode = false
        },
        "track_script": { b, i, _, n in i.trackScripts += b.trackReferences(n, limit: 253) },
        "track_interface": { b, i, _, n in i.trackInterfaces += b.trackReferences(n, limit: 253) },
        "track_file": { b, i, _, n in i.trackFiles += b.trackReferences(n, limit: 254) },
        "track_process": { b, i, _, n in i.trackProcesses += b.trackReferences(n, limit: 254) },
        "notify_master": { b, i, _, n in i.notify.master = b.command(n) },
        "notify_backup": { b, i, _, n in i.notify.backup = b.command(n) },
        "notify_fault": { b, i, _, n in i.notify.fault = b.command(n) },
        "notify_stop": { b, i, _, n in i.notify.stop = b.command(n) },
        "notify_deleted": { b, i, _, n in i.notify.deleted = b.command(n) },
        "notify": { b, i, _, n in i.notify.any = b.command(n) },
        "smtp_alert": { b, i, _, n in i.notify.smtpAlert = b.optionalBoolean(n) },
        "use_vmac": { b, i, _, n in i.useVMAC = b.vmacSetting(n) },
        "vmac_xmit_base": { b, i, _, n in
            b.flag(n)
            i.vmacTransmitBase = true
        },
        "strict_mode": { b, i, f, n in
            f.strictToken = n.keyword
            i.strictMode = b.optionalBoolean(n) ?? true
        },
        "skip_check_adv_addr": { b, i, _, n in i.skipCheckAdvertisementAddresses = b.optionalBoolean(n) ?? true },
        "dont_track_primary": { b, i, _, n in
            b.flag(n)
            i.dontTrackPrimary = true
        },
        "lower_prio_no_advert": { b, _, f, n in
            if let value = b.optionalBoolean(n) { f.lowerPriorityNoAdvert = (value, n.keyword) }
        },
        "higher_prio_send_advert": { b, _, f, n in
            if let value = b.optionalBoolean(n) { f.higherPrioritySendAdvert = (value, n.keyword) }
        },
        "down_timer_adverts": { b, _, f, n in
            if let value = b.integer(n, in: 1...100) { f.downTimerAdverts = (value, n.keyword) }
        },
        "notify_priority_changes": { b, _, f, n in
            if let value = b.optionalBoolean(n) { f.notifyPriorityChanges = value }
        },
        "garp_master_delay": { b, i, _, n in i.gratuitousARP.masterDelay = b.seconds(n, in: 0...255) },
        "garp_master_repeat": { b, i, _, n in i.gratuitousARP.masterRepeat = b.integer(n, in: 1...255) },
        "garp_master_refresh": { b, i, _, n in i.gratuitousARP.masterRefresh = b.seconds(n, in: 0...86_400) },
        "garp_master_refresh_repeat": { b, i, _, n in
            i.gratuitousARP.masterRefreshRepeat = b.integer(n, in: 1...255)
        },
        "garp_lower_prio_delay": { b, i, _, n in i.gratuitousARP.lowerPriorityDelay = b.seconds(n, in: 0...255) },
        "garp_lower_prio_repeat": { b, i, _, n in i.gratuitousARP.lowerPriorityRepeat = b.integer(n, in: 0...255) },
        "garp_interval": { b, i, _, n in i.gratuitousARP.interval = b.burstInterval(n) },
        "gna_interval": { b, i, _, n in i.gratuitousARP.neighborAdvertisementInterval = b.burstInterval(n) },
        "lvs_sync_daemon_interface": { b, i, _, n in
            b.diagnostics.warning(
                .deprecated,
                "'lvs_sync_daemon_interface' in a vrrp_instance is deprecated and has no VRRP effect; ignored",
                at: n.location)
            i.ignoredKeywords.append(n.name)
        },
    ]

    /// `KEYWORD [true|false|on|off|yes|no]`: absent means true.
    mutating func optionalBoolean(_ node: ConfigNode) -> Bool? {
        guard let token = node.arguments.first else { return true }
        switch token.text.lowercased() {
        case "true", "on", "yes", "1": return true
        case "false", "off", "no", "0": return false
        default:
            diagnostics.error(
                .invalidValue,
                "'\(token.text)' is not a boolean for '\(node.name)' (true or false); the line is ignored",
                at: token.location)
            return nil
        }
    }

    mutating func authentication(_ node: ConfigNode) -> InstanceAuthentication? {
        guard let children = block(node, what: "authentication") else { return nil }
        var type: AuthenticationType?
        var password: ConfigToken?
        for child in children {
            switch child.name {
            case "auth_type":
                guard let t = single(child) else { continue }
                switch t.text {
                case "PASS": type = .simpleText
                case "AH": type = .ipAuthenticationHeader
                default:
                    diagnostics.error(
                        .invalidValue, "unknown authentication type '\(t.text)' (PASS or AH); authentication is off",
                        at: t.location)
                }
            case "auth_pass":
                guard let t = single(child) else { continue }
                password = t
                if t.text.utf8.count > 8 {
                    let kept = String(decoding: t.text.utf8.prefix(8), as: UTF8.self)
                    diagnostics.warning(
                        .authTruncated,
                        "auth_pass is \(t.text.utf8.count) characters; VRRPv2 carries 8, so '\(kept)' is what "
                            + "peers compare",
                        at: t.location)
                }
            default:
                unknown(child, in: "in authentication", candidates: ["auth_type", "auth_pass"])
            }
        }
        guard let type else { return nil }
        return InstanceAuthentication(
            type: type, data: AuthenticationData(password: password?.text ?? ""), location: node.location)
    }

    /// Applies keepalived's completion rules to each instance once the whole file is read.
    mutating func finishInstances() {
        let global = configuration.global
        for index in configuration.instances.indices {
            var instance = configuration.instances[index]
            let facts = instanceFacts[index]
            if facts.versionToken == nil { instance.version = global.vrrpVersion }
            if facts.strictToken == nil { instance.strictMode = global.strict }
            if global.skipCheckAdvertisementAddresses { instance.skipCheckAdvertisementAddresses = true }
            resolveAdvertTunables(&instance, facts: facts, global: global)
            instance.family = facts.nativeIPv6 ? .ipv6 : (instance.virtualAddresses.first?.address.family ?? .ipv4)
            let family = instance.family
            let mismatched = instance.virtualAddresses.filter { $0.address.family != family }
            for address in mismatched {
                diagnostics.warning(
                    .familyMismatch,
                    "\(address.address) is \(address.address.family) but instance \(instance.name) is \(family); "
                        + "keepalived ignores it (use virtual_ipaddress_excluded for the other family)",
                    at: address.location)
            }
            instance.virtualAddresses.removeAll { $0.address.family != family }
            if family == .ipv6, instance.version == .v2 {
                // keepalived's vrrp_complete_instance: an IPv6 instance is v3 unless it says `version 2` itself
                // (the global vrrp_version only applies to IPv4), and v3 also under vrrp_strict; otherwise it
                // speaks its own VRRPv2 over IPv6, which vrrpctl speaks too so that the same file interoperates.
                let where_ = facts.versionToken?.location ?? instance.virtualAddresses.first?.location
                if facts.versionToken == nil {
                    diagnostics.warning(
                        .versionUpgraded,
                        "instance \(instance.name) is IPv6: global vrrp_version 2 applies to IPv4 instances only, "
                            + "so it runs as v3, as keepalived does",
                        at: where_ ?? instance.location)
                    instance.version = .v3
                } else if instance.strictMode {
                    diagnostics.warning(
                        .versionUpgraded,
                        "instance \(instance.name) is IPv6 with vrrp_strict, which allows only VRRPv3 there; it runs "
                            + "as v3, as keepalived does",
                        at: where_ ?? instance.location)
                    instance.version = .v3
                } else {
                    diagnostics.warning(
                        .version2OverIPv6,
                        "instance \(instance.name) runs keepalived's non-standard VRRPv2 over IPv6 (no RFC defines "
                            + "it: v2 header, no authentication data, checksum with the IPv6 pseudo-header), as "
                            + "keepalived does without vrrp_strict; only keepalived and vrrpctl understand it. "
                            + "For standard VRRPv3 set 'version 3' or vrrp_strict on every node",
                        at: where_ ?? instance.location)
                }
            }
            if let micros = facts.advertMicroseconds, let token = facts.advertIntervalToken {
                if let interval = advertisementInterval(micros, token: token, version: instance.version) {
                    instance.advertisementInterval = interval
                }
            }
            if instance.interface == nil {
                instanceFacts[index].interfaceOmitted = true
                completeWithoutInterface(&instance)
            }
            configuration.instances[index] = instance
        }
    }

    /// keepalived's rules for an instance without `interface` (allowed for unicast only): `use_vmac` is cleared,
    /// `vrf` is only for such an instance. Whether it can run at all is the validator's (``ConfigValidator``).
    private mutating func completeWithoutInterface(_ instance: inout VRRPInstance) {
        if instance.useVMAC != nil, instance.isUnicast {
            diagnostics.warning(
                .invalidValue,
                "use_vmac needs an interface: instance \(instance.name) has none, so use_vmac is ignored, as "
                    + "keepalived clears it ('Cannot use VMAC/ipvlan with unicast and no interface')",
                at: instance.location)
            instance.useVMAC = nil
            instance.vmacTransmitBase = false
        }
    }

    /// keepalived's `vrrp_complete_instance` for the advert tunables: the instance's keyword, else the global one;
    /// strict mode forces `lower_prio_no_advert` on, `higher_prio_send_advert` off and `down_timer_adverts` to 3.
    private mutating func resolveAdvertTunables(
        _ instance: inout VRRPInstance, facts: InstanceFacts, global: GlobalDefinitions
    ) {
        // keepalived 2.2.7, seen from its fifo: the instance's keyword, else its sync group's, else the global one.
        let group = configuration.syncGroups.first { $0.members.contains { $0.name == instance.name } }
        instance.notifyPriorityChanges =
            facts.notifyPriorityChanges ?? group?.notifyPriorityChanges ?? global.notifyPriorityChanges
        instance.checkUnicastSource = instance.checkUnicastSource || global.checkUnicastSource
        guard instance.strictMode else {
            instance.lowerPriorityNoAdvert = facts.lowerPriorityNoAdvert?.value ?? global.lowerPriorityNoAdvert
            instance.higherPrioritySendAdvert =
                facts.higherPrioritySendAdvert?.value ?? global.higherPrioritySendAdvert
            instance.downTimerAdverts = facts.downTimerAdverts?.value ?? global.downTimerAdverts
            return
        }
        instance.lowerPriorityNoAdvert = true
        instance.higherPrioritySendAdvert = false
        instance.downTimerAdverts = 3
        if let written = facts.lowerPriorityNoAdvert, !written.value {
            diagnostics.warning(
                .strictConflict,
                "strict mode requires lower_prio_no_advert: a master of \(instance.name) does not answer a "
                    + "lower-priority advert; turning it off is ignored, as keepalived resets it",
                at: written.token.location)
        }
        if let written = facts.higherPrioritySendAdvert, written.value {
            diagnostics.warning(
                .strictConflict,
                "strict mode forbids higher_prio_send_advert; it is ignored for \(instance.name), as keepalived "
                    + "resets it",
                at: written.token.location)
        }
        if let written = facts.downTimerAdverts, written.value != 3 {
            diagnostics.warning(
                .strictConflict,
                "strict mode requires 3 adverts in Master_Down_Interval; down_timer_adverts \(written.value) is "
                    + "ignored for \(instance.name), as keepalived resets it",
                at: written.token.location)
        }
    }

    /// advert_int: v2 whole seconds 1–255 (rounded with a warning); v3 0.01–40.95 s in 10 ms steps.
    private mutating func advertisementInterval(
        _ micros: Int64, token: ConfigToken, version: VRRPVersion
    )
        -> AdvertisementInterval?
    {
        if version == .v2 {
            let seconds = (micros + 500_000) / 1_000_000
            guard seconds >= 1, seconds <= 255 else {
                diagnostics.error(
                    .outOfRange, "advert_int \(token.text) is outside 1…255 seconds for VRRPv2; 1 second is used",
                    at: token.location)
                return nil
            }
            if micros % 1_000_000 != 0 {
                diagnostics.warning(
                    .rounded, "VRRPv2 carries whole seconds: advert_int \(token.text) is rounded to \(seconds)",
                    at: token.location)
            }
            return .seconds(UInt8(seconds))
        }
        let centiseconds = (micros + 5_000) / 10_000
        guard centiseconds >= 1, centiseconds <= 4095 else {
            diagnostics.error(
                .outOfRange, "advert_int \(token.text) is outside 0.01…40.95 seconds for VRRPv3; 1 second is used",
                at: token.location)
            return nil
        }
        let interval = AdvertisementInterval(centiseconds: UInt16(centiseconds))
        if micros % 10_000 != 0 {
            diagnostics.warning(
                .rounded, "VRRPv3 carries centiseconds: advert_int \(token.text) is rounded to \(interval)",
                at: token.location)
        }
        return interval
    }
}
