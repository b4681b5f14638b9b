import FoundationEssentials
import HealthCheck
import VRRPConfig
import VRRPStateMachine
import VRRPWire

/// The JSON dump (`keepalived.json`): keepalived 2.2.7's array of `{"data": {…}, "stats": {…}}` objects, one per
/// instance, with its keys in its order, on one line, `/` escaped as `\/` as its JSON writer does.
extension KeepalivedDump {
    func jsonText() -> String {
        let objects = statuses.compactMap { status -> String? in
            guard let instance = configuration.instances.first(where: { $0.name == status.name }) else { return nil }
            return "{\"data\":\(jsonData(instance, status)),\"stats\":\(jsonStatistics(status.statistics))}"
        }
        return "[" + objects.joined(separator: ",") + "]\n"
    }

    private func jsonData(_ instance: NodeConfiguration.Instance, _ status: InstanceStatus) -> String {
        let router = instance.router
        let garp = global.gratuitousARP
        var fields = JSONFields()
        fields.string("iname", instance.name)
        fields.raw("dont_track_primary", "0")
        fields.raw("skip_check_adv_addr", global.skipCheckAdvertisementAddresses ? "1" : "0")
        fields.raw("strict_mode", router.strictMode ? "1" : "0")
        fields.string("vmac_ifname", "")
        fields.string("ifp_ifname", instance.interface)
        let masterPriority = status.state == .backup ? status.currentMasterPriority ?? 0 : 0
        fields.raw("master_priority", "\(masterPriority)")
        let transition = status.lastChange.map { wallSeconds(ofMonotonic: $0.monotonicNanoseconds) } ?? 0
        fields.raw("last_transition", PrintfFormat.string("%f", transition))
        fields.raw("garp_delay", "\(Self.seconds(router.announcements.masterDelay))")
        fields.raw("garp_refresh", "\(Self.seconds(router.announcements.masterRefresh ?? .zero))")
        fields.raw("garp_rep", "\(router.announcements.masterRepeat)")
        fields.raw("garp_refresh_rep", "\(router.announcements.masterRefreshRepeat)")
        fields.raw("garp_lower_prio_delay", "\(Self.seconds(garp.lowerPriorityDelay ?? .seconds(5)))")
        fields.raw("garp_lower_prio_rep", "\(garp.lowerPriorityRepeat ?? 5)")
        fields.raw("lower_prio_no_advert", router.answerLowerPriority ? "0" : "1")
        fields.raw("higher_prio_send_advert", router.answerHigherPriority ? "1" : "0")
        fields.raw("vrid", "\(router.virtualRouterID)")
        fields.raw("base_priority", "\(status.basePriority)")
        fields.raw("effective_priority", "\(status.effectivePriority)")
        let installed = status.state == .master
        fields.raw("vipset", installed ? "true" : "false")
        fields.raw("promote_secondaries", "false")
        fields.raw("adver_int", Self.general(Double(router.advertisementInterval.centiseconds) / 100))
        fields.raw("master_adver_int", Self.general(Double(status.masterAdverInterval.centiseconds) / 100))
        fields.raw("accept", router.acceptMode ? "1" : "0")
        fields.raw("nopreempt", router.preemptMode ? "false" : "true")
        fields.raw("preempt_delay", Self.general(Double(router.preemptDelay.nanosecondCount) / 1e9))
        fields.raw("state", "\(Self.stateNumber(status.state))")
        fields.raw("wantstate", "\(Self.stateNumber(status.state))")
        fields.raw("version", "\(router.version.rawValue)")
        fields.raw("smtp_alert", "false")
        fields.raw("notify_deleted", instance.notify.deleted == nil ? "false" : "true")
        let scripts: [(String, String?)] = [
            ("script_backup", instance.notify.backup), ("script_master", instance.notify.master),
            ("script_fault", instance.notify.fault), ("script_stop", instance.notify.stop),
            ("script", instance.notify.generic),
        ]
        for case (let key, let script?) in scripts { fields.string(key, Self.quoted(script)) }
        fields.strings("vips", addressTexts(router.virtualAddresses, instance, installed: installed))
        if !router.excludedAddresses.isEmpty {
            fields.strings("evips", addressTexts(router.excludedAddresses, instance, installed: installed))
        }
        let interfaces = status.trackedItems.filter { $0.name.hasPrefix("interface:") }
        if !interfaces.isEmpty { fields.strings("track_ifp", interfaces.map { String($0.name.dropFirst(10)) }) }
        let scriptItems = status.trackedItems.filter { $0.name.hasPrefix("script:") }
        if !scriptItems.isEmpty {
            fields.strings(
                "track_script",
                scriptItems.map { item in
                    let name = String(item.name.dropFirst(7))
                    let source = configuration.scripts.first { $0.name == name }?.command.source ?? name
                    return Self.quoted(source)
                })
        }
        switch router.authentication {
        case .none:
            fields.raw("auth_type", "0")
        case .password(let data):
            fields.raw("auth_type", "1")
            fields.string("auth_data", data.password)
        case .ipAuthenticationHeader:
            fields.raw("auth_type", "2")
        }
        return fields.object
    }

    private func addressTexts(
        _ addresses: [IPAddress], _ instance: NodeConfiguration.Instance, installed: Bool
    )
        -> [String]
    {
        addresses.map { address in
            let configured = instance.addresses.first { $0.address == address } ?? ConfiguredAddress(address)
            var text = "\(address)/\(configured.prefixLength)"
            if let broadcast = configured.broadcast { text += " brd \(broadcast)" }
            text += " dev \(configured.device ?? instance.interface) scope \(Self.scopeName(configured.scope ?? 0))"
            if case .ipv6 = address { text += " preferred_lft forever" }
            if let label = configured.label { text += " label \(label)" }
            if installed, presentAddresses?.contains(address) ?? true { text += " set" }
            return text
        }
    }

    private func jsonStatistics(_ counters: VirtualRouter.Statistics) -> String {
        var fields = JSONFields()
        let values: [(String, UInt64)] = [
            ("advert_rcvd", counters.advertisementsReceived), ("advert_sent", counters.advertisementsSent),
            ("become_master", counters.masterTransitions), ("release_master", counters.masterReleases),
            ("packet_len_err", counters.packetLengthErrors),
            ("advert_interval_err", counters.advertisementIntervalErrors), ("ip_ttl_err", counters.ipTTLErrors),
            ("invalid_type_rcvd", counters.invalidTypePacketsReceived), ("addr_list_err", counters.addressListErrors),
            ("invalid_authtype", counters.invalidAuthType), ("authtype_mismatch", counters.authTypeMismatch),
            ("auth_failure", counters.authFailures), ("pri_zero_rcvd", counters.priorityZeroPacketsReceived),
            ("pri_zero_sent", counters.priorityZeroPacketsSent),
        ]
        for (key, value) in values { fields.raw(key, "\(value)") }
        return fields.object
    }

    /// keepalived's state numbers: INIT 0, BACKUP 1, MASTER 2, FAULT 3.
    static func stateNumber(_ state: VirtualRouter.State) -> Int {
        switch state {
        case .initialize: 0
        case .backup: 1
        case .master: 2
        case .fault: 3
        }
    }

    /// A number as `%g` prints it.
    static func general(_ value: Double) -> String { PrintfFormat.string("%g", value) }
}

/// The members of one JSON object, in the order added.
struct JSONFields {
    private var members: [String] = []

    var object: String { "{" + members.joined(separator: ",") + "}" }

    mutating func raw(_ key: String, _ value: String) { members.append("\"\(key)\":\(value)") }

    mutating func string(_ key: String, _ value: String) { raw(key, Self.quote(value)) }

    mutating func strings(_ key: String, _ values: [String]) {
        raw(key, "[" + values.map(Self.quote).joined(separator: ",") + "]")
    }

    /// A JSON string as keepalived's writer spells it: `"`, `\` and control characters escaped, `/` as `\/`.
    static func quote(_ value: String) -> String { jsonStringLiteral(value, escapingSolidus: true) }
}
