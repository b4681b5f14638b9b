import VRRPWire

/// `global_defs`: the VRRP keys are modelled; keepalived's other keys are accepted, with a warning for those that
/// change VRRP behaviour (``KnownKeywords/notProvided``).
extension ConfigModelBuilder {
    mutating func globalDefinitions(_ node: ConfigNode) {
        guard let children = block(node, what: "global_defs") else { return }
        for child in children {
            if let handler = Self.globalKeywords[child.name] {
                handler(&self, child)
            } else if KnownKeywords.otherGlobal.contains(child.name) {
                notProvided(child)
            } else {
                unknown(
                    child, in: "in global_defs",
                    candidates: Self.globalCandidates)
            }
        }
    }

    /// Every keyword global_defs accepts, for suggestions.
    static let globalCandidates = Array(globalKeywords.keys).sorted() + KnownKeywords.otherGlobal.sorted()

    static let globalKeywords: [String: Handler] = [
        "router_id": { b, n in b.configuration.global.routerID = b.single(n)?.text },
        "vrrp_version": { b, n in
            if let v = b.integer(n, in: 2...3) { b.configuration.global.vrrpVersion = VRRPVersion(rawValue: UInt8(v)) }
        },
        "vrrp_strict": { b, n in
            b.flag(n)
            b.configuration.global.strict = true
        },
        "vrrp_skip_check_adv_addr": { b, n in
            b.flag(n)
            b.configuration.global.skipCheckAdvertisementAddresses = true
        },
        "vrrp_check_unicast_src": { b, n in
            b.flag(n)
            b.configuration.global.checkUnicastSource = true
        },
        "vrrp_lower_prio_no_advert": { b, n in
            if let value = b.optionalBoolean(n) { b.configuration.global.lowerPriorityNoAdvert = value }
        },
        "vrrp_higher_prio_send_advert": { b, n in
            if let value = b.optionalBoolean(n) { b.configuration.global.higherPrioritySendAdvert = value }
        },
        "vrrp_down_timer_adverts": { b, n in
            if let value = b.integer(n, in: 1...100) { b.configuration.global.downTimerAdverts = value }
        },
        "vrrp_notify_priority_changes": { b, n in
            if let value = b.optionalBoolean(n) { b.configuration.global.notifyPriorityChanges = value }
        },
        "vrrp_startup_delay": { b, n in
            // keepalived 2.2.7 reads it as a decimal in [0.001, 4294.967295] seconds.
            guard let token = b.single(n), let micros = b.microseconds(token, keyword: n.name) else { return }
            guard (1_000...4_294_967_295).contains(micros) else {
                b.diagnostics.error(
                    .outOfRange,
                    "vrrp_startup_delay \(token.text) is outside 0.001…4294.967295 seconds; the node starts without "
                        + "a delay", at: token.location)
                return
            }
            b.configuration.global.startupDelay = .microseconds(micros)
        },
        "vrrp_mcast_group4": { b, n in
            guard let t = b.single(n) else { return }
            if let a = IPv4Address(t.text), a.isMulticast {
                b.configuration.global.multicastGroup4 = a
            } else {
                b.diagnostics.error(
                    .invalidAddress, "'\(t.text)' is not an IPv4 multicast address; 224.0.0.18 is used", at: t.location)
            }
        },
        "vrrp_mcast_group6": { b, n in
            guard let t = b.single(n) else { return }
            if let a = IPv6Address(t.text), a.isMulticast {
                b.configuration.global.multicastGroup6 = a
            } else {
                b.diagnostics.error(
                    .invalidAddress, "'\(t.text)' is not an IPv6 multicast address; ff02::12 is used", at: t.location)
            }
        },
        "vrrp_garp_master_delay": { b, n in b.configuration.global.gratuitousARP.masterDelay = b.seconds(n, in: 0...255)
        },
        "vrrp_garp_master_repeat": { b, n in
            b.configuration.global.gratuitousARP.masterRepeat = b.integer(n, in: 1...255)
        },
        "vrrp_garp_master_refresh": { b, n in
            b.configuration.global.gratuitousARP.masterRefresh = b.seconds(n, in: 0...86_400)
        },
        "vrrp_garp_master_refresh_repeat": { b, n in
            b.configuration.global.gratuitousARP.masterRefreshRepeat = b.integer(n, in: 1...255)
        },
        "vrrp_garp_lower_prio_delay": { b, n in
            b.configuration.global.gratuitousARP.lowerPriorityDelay = b.seconds(n, in: 0...255)
        },
        "vrrp_garp_lower_prio_repeat": { b, n in
            b.configuration.global.gratuitousARP.lowerPriorityRepeat = b.integer(n, in: 0...255)
        },
        "vrrp_iptables": { b, n in b.firewallNotProvided(n) },
        "vrrp_ipsets": { b, n in b.firewallNotProvided(n) },
        "nftables": { b, n in b.firewallNotProvided(n) },
        "vrrp_garp_interval": { b, n in b.configuration.global.gratuitousARP.interval = b.burstInterval(n) },
        "vrrp_gna_interval": { b, n in
            b.configuration.global.gratuitousARP.neighborAdvertisementInterval = b.burstInterval(n)
        },
        "enable_script_security": { b, n in
            b.flag(n)
            b.configuration.global.enableScriptSecurity = true
        },
        "script_user": { b, n in
            guard let user = n.arguments.first else {
                b.diagnostics.error(.missingValue, "'script_user' needs a user name", at: n.location)
                return
            }
            b.configuration.global.scriptUser = user.text
            b.configuration.global.scriptGroup = n.arguments.dropFirst().first?.text
        },
        "max_auto_priority": { b, n in
            if n.arguments.isEmpty {
                b.configuration.global.maxAutoPriority = 99
            } else if let value = b.integer(n, in: -1...99) {
                b.configuration.global.maxAutoPriority = value
            }
        },
        "vrrp_rt_priority": { b, n in
            if let value = b.integer(n, in: 1...99) { b.configuration.global.realtimePriority = value }
        },
        "vrrp_no_swap": { b, n in
            b.flag(n)
            b.configuration.global.lockMemory = true
        },
        "notify_fifo": { b, n in b.configuration.global.notifyFIFO = n.arguments.first?.text ?? b.single(n)?.text },
        "vrrp_notify_fifo": { b, n in b.configuration.global.notifyFIFO = n.arguments.first?.text ?? b.single(n)?.text
        },
        "notify_fifo_script": { b, n in b.configuration.global.notifyFIFOScript = b.command(n) },
        "vrrp_notify_fifo_script": { b, n in b.configuration.global.notifyFIFOScript = b.command(n) },
        "default_interface": { b, n in b.configuration.global.defaultInterface = b.single(n)?.text },
        "notification_email": { b, n in
            guard let children = n.children else {
                b.configuration.global.notificationEmails += n.arguments.map(\.text)
                return
            }
            if children.isEmpty {
                b.diagnostics.warning(.missingValue, "empty notification_email block", at: n.location)
            }
            b.configuration.global.notificationEmails += children.flatMap { $0.words.map(\.text) }
        },
        "notification_email_from": { b, n in b.configuration.global.notificationEmailFrom = b.single(n)?.text },
        "smtp_server": { b, n in
            guard let server = n.arguments.first else {
                b.diagnostics.error(.missingValue, "'smtp_server' needs an address", at: n.location)
                return
            }
            var text = server.text
            if let port = n.arguments.dropFirst().first {
                if b.integer(port, keyword: "smtp_server port", in: 1...65_535) != nil { text += " \(port.text)" }
            }
            b.configuration.global.smtpServer = text
        },
        "smtp_connect_timeout": { b, n in b.configuration.global.smtpConnectTimeout = b.integer(n, in: 1...3600) },
    ]

    /// keepalived's firewall rules for virtual addresses (strict mode's drop rules).
    mutating func firewallNotProvided(_ node: ConfigNode) {
        diagnostics.warning(
            .notProvided,
            "'\(node.name)' (firewall rules for virtual addresses) is not provided by vrrp-swift; "
                + "no rules are installed",
            at: node.location)
    }

    /// `garp_group`: per-interface GARP pacing; the values are checked, the group is not provided.
    mutating func garpGroup(_ node: ConfigNode) {
        guard let children = block(node, what: "garp_group") else { return }
        diagnostics.warning(
            .notProvided, "garp_group is not provided by vrrp-swift; instances use their own garp settings",
            at: node.location)
        for child in children {
            switch child.name {
            case "garp_interval", "gna_interval": _ = burstInterval(child)
            case "interface": _ = single(child)
            case "interfaces": _ = block(child, what: "interfaces")
            default:
                unknown(
                    child, in: "in garp_group",
                    candidates: ["garp_interval", "gna_interval", "interface", "interfaces"])
            }
        }
    }

    /// `vrrp_garp_interval` / `vrrp_gna_interval`: more than 0 and at most 1 s between messages of a burst.
    mutating func burstInterval(_ node: ConfigNode) -> Duration? {
        guard let token = single(node), let micros = microseconds(token, keyword: node.name) else { return nil }
        guard micros > 0, micros <= 1_000_000 else {
            diagnostics.error(
                .outOfRange,
                "\(node.name) '\(token.text)' is invalid: it must be more than 0 and at most 1 second; "
                    + "the default is used",
                at: token.location)
            return nil
        }
        return .microseconds(micros)
    }
}
