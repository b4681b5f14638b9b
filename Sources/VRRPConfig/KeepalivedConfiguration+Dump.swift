import VRRPWire

/// The effective configuration in keepalived syntax, after includes, conditionals, substitutions and defaults
/// (`vrrpctl check --dump`).
extension KeepalivedConfiguration {
    /// keepalived.conf text for this model, every default written out.
    public var effectiveText: String {
        var out = ""
        func line(_ depth: Int, _ text: String) { out += String(repeating: "    ", count: depth) + text + "\n" }
        func seconds(_ d: Duration) -> String {
            let (s, atto) = d.components
            let micros = atto / 1_000_000_000_000
            if micros == 0 { return "\(s)" }
            var fraction = String(micros)
            fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return "\(s).\(fraction)"
        }
        func quote(_ s: String) -> String { "\"" + s.replacingBackslashesAndQuotes() + "\"" }
        line(0, "global_defs {")
        if let id = global.routerID { line(1, "router_id \(id)") }
        line(1, "vrrp_version \(global.vrrpVersion.rawValue)")
        if global.strict { line(1, "vrrp_strict") }
        if global.skipCheckAdvertisementAddresses { line(1, "vrrp_skip_check_adv_addr") }
        if global.checkUnicastSource { line(1, "vrrp_check_unicast_src") }
        if global.lowerPriorityNoAdvert { line(1, "vrrp_lower_prio_no_advert") }
        if global.higherPrioritySendAdvert { line(1, "vrrp_higher_prio_send_advert") }
        if global.downTimerAdverts != 3 { line(1, "vrrp_down_timer_adverts \(global.downTimerAdverts)") }
        if global.notifyPriorityChanges { line(1, "vrrp_notify_priority_changes") }
        if global.startupDelay > .zero { line(1, "vrrp_startup_delay \(seconds(global.startupDelay))") }
        line(1, "vrrp_mcast_group4 \(global.multicastGroup4)")
        line(1, "vrrp_mcast_group6 \(global.multicastGroup6)")
        line(1, "default_interface \(global.defaultInterfaceName)")
        if global.enableScriptSecurity { line(1, "enable_script_security") }
        if let user = global.scriptUser { line(1, "script_user \(user)" + (global.scriptGroup.map { " \($0)" } ?? "")) }
        if let fifo = global.notifyFIFO { line(1, "vrrp_notify_fifo \(fifo)") }
        line(0, "}")
        for script in scripts {
            line(0, "vrrp_script \(script.name) {")
            if let command = script.command { line(1, "script \(quote(command))") }
            line(1, "interval \(seconds(script.interval))")
            if let timeout = script.timeout { line(1, "timeout \(seconds(timeout))") }
            line(1, "weight \(script.weight)" + (script.reverse ? " reverse" : ""))
            line(1, "rise \(script.rise)")
            line(1, "fall \(script.fall)")
            if let user = script.user { line(1, "user \(user)" + (script.group.map { " \($0)" } ?? "")) }
            if script.initFail { line(1, "init_fail") }
            line(0, "}")
        }
        for file in trackFiles {
            line(0, "vrrp_track_file \(file.name) {")
            if let path = file.path { line(1, "file \(quote(path))") }
            line(1, "weight \(file.weight)" + (file.reverse ? " reverse" : ""))
            if let value = file.initialValue { line(1, "init_file \(value)" + (file.overwrite ? " overwrite" : "")) }
            line(0, "}")
        }
        for process in trackProcesses {
            line(0, "vrrp_track_process \(process.name) {")
            if let name = process.process { line(1, "process \(([name] + process.parameters).joined(separator: " "))") }
            if let match = process.parameterMatch { line(1, "param_match \(match)") }
            line(1, "weight \(process.weight)" + (process.reverse ? " reverse" : ""))
            line(1, "quorum \(process.quorum)")
            if let delay = process.delay { line(1, "delay \(seconds(delay))") }
            line(0, "}")
        }
        for (keyword, lines) in [
            ("static_ipaddress", staticAddresses.map(\.description)),
            ("static_routes", staticRoutes.map(\.description)),
            ("static_rules", staticRules.map(\.description)),
        ] where !lines.isEmpty {
            line(0, "\(keyword) {")
            for text in lines { line(1, text) }
            line(0, "}")
        }
        for instance in instances {
            line(0, "vrrp_instance \(instance.name) {")
            line(1, "state \(instance.initialState)")
            if let interface = instance.interface { line(1, "interface \(interface)") }
            if let vrf = instance.vrf { line(1, "vrf \(vrf)") }
            if let vrid = instance.virtualRouterID { line(1, "virtual_router_id \(vrid)") }
            line(1, "priority \(instance.priority)")
            let cs = instance.advertisementInterval.centiseconds
            line(1, "advert_int \(cs / 100)" + (cs % 100 == 0 ? "" : "." + (cs % 100 < 10 ? "0" : "") + "\(cs % 100)"))
            line(1, "version \(instance.version.rawValue)")
            if instance.family == .ipv6 { line(1, "native_ipv6") }
            if let auth = instance.authentication {
                line(1, "authentication {")
                line(2, "auth_type \(auth.type == .ipAuthenticationHeader ? "AH" : "PASS")")
                line(2, "auth_pass \(quote(auth.data.password))")
                line(1, "}")
            }
            for (keyword, list) in [
                ("virtual_ipaddress", instance.virtualAddresses),
                ("virtual_ipaddress_excluded", instance.excludedVirtualAddresses),
            ] where !list.isEmpty {
                line(1, "\(keyword) {")
                for address in list { line(2, address.description) }
                line(1, "}")
            }
            if !instance.virtualRoutes.isEmpty {
                line(1, "virtual_routes {")
                for route in instance.virtualRoutes { line(2, route.description) }
                line(1, "}")
            }
            if !instance.virtualRules.isEmpty {
                line(1, "virtual_rules {")
                for rule in instance.virtualRules { line(2, rule.description) }
                line(1, "}")
            }
            if let source = instance.sourceAddress {
                line(1, (instance.isUnicast ? "unicast_src_ip " : "mcast_src_ip ") + source.description)
            }
            if instance.isUnicast {
                line(1, "unicast_peer {")
                for peer in instance.unicastPeers {
                    var text = peer.address.description
                    if let ttl = peer.minimumTTL { text += " min_ttl \(ttl)" }
                    if let ttl = peer.maximumTTL { text += " max_ttl \(ttl)" }
                    line(2, text)
                }
                line(1, "}")
            }
            if let ttl = instance.unicastTTL { line(1, "unicast_ttl \(ttl)") }
            if instance.unicastFaultNoPeer { line(1, "unicast_fault_no_peer") }
            if instance.checkUnicastSource { line(1, "check_unicast_src") }
            if !instance.preempt { line(1, "nopreempt") }
            if instance.preemptDelay > .zero { line(1, "preempt_delay \(seconds(instance.preemptDelay))") }
            if let accept = instance.acceptMode { line(1, accept ? "accept" : "no_accept") }
            for (keyword, list) in [
                ("track_script", instance.trackScripts), ("track_interface", instance.trackInterfaces),
                ("track_file", instance.trackFiles), ("track_process", instance.trackProcesses),
            ] where !list.isEmpty {
                line(1, "\(keyword) {")
                for entry in list {
                    var text = entry.name
                    if let weight = entry.weight {
                        text += " weight \(weight)" + (entry.reverse ? " reverse" : entry.noReverse ? " noreverse" : "")
                    }
                    line(2, text)
                }
                line(1, "}")
            }
            let notify = instance.notify
            for (keyword, command) in [
                ("notify_master", notify.master), ("notify_backup", notify.backup), ("notify_fault", notify.fault),
                ("notify_stop", notify.stop), ("notify_deleted", notify.deleted), ("notify", notify.any),
            ] {
                if let command { line(1, "\(keyword) \(quote(command))") }
            }
            if notify.smtpAlert == true { line(1, "smtp_alert") }
            if let vmac = instance.useVMAC {
                let mac = vmac.hardwareAddressOctets.map { octets in
                    " " + octets.map { String($0, radix: 16) }.joined(separator: ":")
                }
                line(1, "use_vmac" + (vmac.interfaceName.map { " \($0)" } ?? "") + (mac ?? ""))
            }
            if instance.vmacTransmitBase { line(1, "vmac_xmit_base") }
            if instance.strictMode { line(1, "strict_mode") }
            if instance.skipCheckAdvertisementAddresses { line(1, "skip_check_adv_addr") }
            if instance.dontTrackPrimary { line(1, "dont_track_primary") }
            // Effective values: the instance's keyword, else the global one, as strict mode leaves them.
            if instance.lowerPriorityNoAdvert { line(1, "lower_prio_no_advert") }
            if instance.higherPrioritySendAdvert { line(1, "higher_prio_send_advert") }
            if instance.downTimerAdverts != 3 { line(1, "down_timer_adverts \(instance.downTimerAdverts)") }
            if instance.notifyPriorityChanges { line(1, "notify_priority_changes") }
            let garp = instance.gratuitousARP
            if let v = garp.masterDelay { line(1, "garp_master_delay \(seconds(v))") }
            if let v = garp.masterRepeat { line(1, "garp_master_repeat \(v)") }
            if let v = garp.masterRefresh { line(1, "garp_master_refresh \(seconds(v))") }
            if let v = garp.masterRefreshRepeat { line(1, "garp_master_refresh_repeat \(v)") }
            if let v = garp.lowerPriorityDelay { line(1, "garp_lower_prio_delay \(seconds(v))") }
            if let v = garp.lowerPriorityRepeat { line(1, "garp_lower_prio_repeat \(v)") }
            line(0, "}")
        }
        for group in syncGroups {
            line(0, "vrrp_sync_group \(group.name) {")
            line(1, "group {")
            for member in group.members { line(2, member.name) }
            line(1, "}")
            if !group.trackScripts.isEmpty {
                line(1, "track_script {")
                for entry in group.trackScripts { line(2, entry.name) }
                line(1, "}")
            }
            if group.trackingWeight { line(1, "sync_group_tracking_weight") }
            if let notify = group.notifyPriorityChanges {
                line(1, "notify_priority_changes" + (notify ? "" : " off"))
            }
            line(0, "}")
        }
        if ignoredLoadBalancingBlocks > 0 {
            line(0, "# \(ignoredLoadBalancingBlocks) load-balancing block(s) omitted: not provided by vrrp-swift")
        }
        return out
    }
}

extension String {
    /// The text with `\` and `"` escaped for a quoted keepalived string.
    fileprivate func replacingBackslashesAndQuotes() -> String {
        var out = ""
        for character in self {
            if character == "\\" || character == "\"" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
