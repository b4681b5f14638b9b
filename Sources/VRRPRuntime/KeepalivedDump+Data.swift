import FoundationEssentials
import Glibc
import HealthCheck
import VRRPConfig
import VRRPStateMachine
import VRRPWire

/// The data dump (`keepalived.data`): keepalived 2.2.7's sections, order, indentation and spellings for every
/// field this node has. Fields it has no counterpart for (internal descriptors, timers of its own scheduler, the
/// socket pool, IPVS and SNMP settings) are left out; `Fixtures/keepalived-dumps/README.md` lists them.
extension KeepalivedDump {
    func dataText() -> String {
        var out = DumpText()
        globalSection(&out)
        out.line("------< VRRP Topology >------")
        for status in statuses {
            guard let instance = configuration.instances.first(where: { $0.name == status.name }) else { continue }
            instanceBlock(instance, status, &out)
        }
        if !configuration.syncGroups.isEmpty {
            out.line("------< VRRP Sync groups >------")
            for group in configuration.syncGroups { syncGroupBlock(group, &out) }
        }
        if !configuration.scripts.isEmpty {
            out.line("------< VRRP Scripts >------")
            for script in configuration.scripts { scriptBlock(script, &out) }
        }
        if !configuration.files.isEmpty {
            out.line("------< VRRP Track files >------")
            for file in configuration.files { trackFileBlock(file, &out) }
        }
        if !interfaces.isEmpty {
            out.line("------< Interfaces >------")
            for interface in interfaces { interfaceBlock(interface, &out) }
        }
        return out.text
    }

    private func globalSection(_ out: inout DumpText) {
        let garp = global.gratuitousARP
        out.line("------< Global definitions >------")
        out.line(" Router ID = \(global.routerID ?? hostName)")
        out.line(" Default interface = \(global.defaultInterfaceName)")
        out.line(" VRRP notify priority changes = \(global.notifyPriorityChanges)")
        out.line(" VRRP IPv4 mcast group = \(global.multicastGroup4)")
        out.line(" VRRP IPv6 mcast group = \(global.multicastGroup6)")
        out.line(" Gratuitous ARP delay = \(Self.seconds(garp.masterDelay ?? .seconds(5)))")
        out.line(" Gratuitous ARP repeat = \(garp.masterRepeat ?? 5)")
        out.line(" Gratuitous ARP refresh timer = \(Self.seconds(garp.masterRefresh ?? .zero))")
        out.line(" Gratuitous ARP refresh repeat = \(garp.masterRefreshRepeat ?? 1)")
        out.line(" Gratuitous ARP lower priority delay = \(Self.seconds(garp.lowerPriorityDelay ?? .seconds(5)))")
        out.line(" Gratuitous ARP lower priority repeat = \(garp.lowerPriorityRepeat ?? 5)")
        out.line(" Num adverts before down = \(global.downTimerAdverts)")
        out.line(" Send advert after receive lower priority advert = \(!global.lowerPriorityNoAdvert)")
        out.line(" Send advert after receive higher priority advert = \(global.higherPrioritySendAdvert)")
        out.line(" VRRP default protocol version = \(global.vrrpVersion.rawValue)")
        out.line(" VRRP check unicast_src = \(global.checkUnicastSource)")
        out.line(" VRRP skip check advert addresses = \(global.skipCheckAdvertisementAddresses)")
        out.line(" VRRP strict mode = \(global.strict)")
        out.line(" Max auto priority = \(global.maxAutoPriority ?? 0)")
        out.line(configuration.scriptSecurity ? " Script security enabled" : " Script security disabled")
        let user = scriptUser(named: global.scriptUser)
        out.line(" Default script uid:gid \(user.uid):\(user.gid)")
        if global.startupDelay > .zero { out.line(" vrrp_startup_delay = \(Self.decimal(global.startupDelay))") }
    }

    private func instanceBlock(_ instance: NodeConfiguration.Instance, _ status: InstanceStatus, _ out: inout DumpText)
    {
        let router = instance.router
        out.line(" VRRP Instance = \(instance.name)")
        out.line("   VRRP Version = \(router.version.rawValue)")
        if router.family == .ipv6 { out.line("   Using Native IPv6") }
        if let group = configuration.syncGroups.first(where: { $0.members.contains(instance.name) }) {
            out.line("   Sync group = \(group.name)")
        }
        out.line("   State = \(status.state.keepalivedName)")
        if status.state == .backup, let master = status.currentMaster {
            out.line("   Master router = \(master)")
            if let priority = status.currentMasterPriority { out.line("   Master priority = \(priority)") }
            if router.version == .v3 {
                let seconds = Double(status.masterAdverInterval.centiseconds) / 100
                out.line("   Master advert int = \(PrintfFormat.string("%.2f", seconds)) sec")
            }
        }
        if router.unicastPeers.isEmpty {
            out.line("   Flags: none")
        } else {
            out.line("   Flags:")
            out.line("     Using unicast")
        }
        out.line("   Number of interface and track script faults = \(status.faultCauses.count)")
        if let change = status.lastChange {
            out.line("   Last transition = \(Self.timestamp(wallSeconds(ofMonotonic: change.monotonicNanoseconds)))")
        }
        out.line("   Master down timer = \(status.masterDownInterval.nanosecondCount / 1000) usecs")
        out.line("   Interface = \(instance.interface)")
        if let source = instance.unicastSource {
            out.line("   Using src_ip = \(source) (from configuration)")
        } else if let source = sourceAddress(of: instance) {
            out.line("   Using src_ip = \(source)")
        }
        if router.unicastPeers.isEmpty {
            switch router.family {
            case .ipv4: out.line("   Multicast address \(global.multicastGroup4)")
            case .ipv6:
                let index = interfaces.first { $0.name == instance.interface }.map { ", ifindex \($0.index)" } ?? ""
                out.line("   Multicast address \(global.multicastGroup6)\(index)")
            }
        }
        let announcements = router.announcements
        let garp = global.gratuitousARP
        out.line("   Gratuitous ARP delay = \(Self.seconds(announcements.masterDelay))")
        out.line("   Gratuitous ARP repeat = \(announcements.masterRepeat)")
        out.line("   Gratuitous ARP refresh = \(Self.seconds(announcements.masterRefresh ?? .zero))")
        out.line("   Gratuitous ARP refresh repeat = \(announcements.masterRefreshRepeat)")
        out.line("   Gratuitous ARP lower priority delay = \(Self.seconds(garp.lowerPriorityDelay ?? .seconds(5)))")
        out.line("   Gratuitous ARP lower priority repeat = \(garp.lowerPriorityRepeat ?? 5)")
        out.line("   Down timer adverts = \(router.downTimerAdverts)")
        out.line("   Send advert after receive lower priority advert = \(router.answerLowerPriority)")
        out.line("   Send advert after receive higher priority advert = \(router.answerHigherPriority)")
        out.line("   Virtual Router ID = \(router.virtualRouterID)")
        out.line("   Priority = \(status.basePriority)")
        out.line("   Effective priority = \(status.effectivePriority)")
        let total = Int(status.basePriority) + status.trackedItems.reduce(0) { $0 + $1.contribution }
        out.line("   Total priority = \(total)")
        if router.version == .v2 {
            out.line("   Advert interval = \(router.advertisementInterval.centiseconds / 100) sec")
        } else {
            out.line("   Advert interval = \(Int(router.advertisementInterval.centiseconds) * 10) milli-sec")
            if status.state == .backup {
                let interval = Int(status.masterAdverInterval.centiseconds) * 10
                out.line("   Master advert interval = \(interval) milli-sec")
            }
        }
        out.line("   Accept = \(router.acceptMode ? "enabled" : "disabled")")
        out.line("   Preempt = \(router.preemptMode ? "enabled" : "disabled")")
        if router.preemptDelay > .zero {
            out.line("   Preempt delay = \(Self.decimal(router.preemptDelay)) secs")
        }
        out.line("   Promote_secondaries = disabled")
        switch router.authentication {
        case .none: break
        case .password(let data):
            out.line("   Authentication type = SIMPLE_PASSWORD")
            out.line("   Password = \(data.password)")
        case .ipAuthenticationHeader:
            out.line("   Authentication type = IPSEC_AH")
        }
        addressList("Virtual IP", router.virtualAddresses, instance, status, &out)
        addressList("Virtual IP Excluded", router.excludedAddresses, instance, status, &out)
        if !router.unicastPeers.isEmpty {
            out.line("   Unicast TTL = 255")
            out.line("   Check unicast src : \(router.checkUnicastSource ? "yes" : "no")")
            out.line("   Unicast Peer :")
            for peer in router.unicastPeers { out.line("     \(peer) min_ttl 0 max_ttl 255") }
            out.line("   Unicast checksum compatibility = no")
        }
        trackedList(status, prefix: "interface:", title: "Tracked interfaces", &out)
        trackedList(status, prefix: "script:", title: "Tracked scripts", &out)
        trackedList(status, prefix: "file:", title: "Tracked files", separator: ",", &out)
        trackedList(status, prefix: "process:", title: "Tracked processes", &out)
        out.line("   Using smtp notification = no")
        out.line("   Notify deleted = \(instance.notify.deleted == nil ? "Fault" : "Deleted")")
        notifyScripts(instance.notify, includeStop: true, &out)
        out.line("   Notify priority changes = \(instance.notifyPriorityChanges)")
    }

    private func addressList(
        _ title: String, _ addresses: [IPAddress], _ instance: NodeConfiguration.Instance, _ status: InstanceStatus,
        _ out: inout DumpText
    ) {
        guard !addresses.isEmpty else { return }
        out.line("   \(title) (\(addresses.count)):")
        for address in addresses {
            let configured = instance.addresses.first { $0.address == address } ?? ConfiguredAddress(address)
            var text = "     \(address)/\(configured.prefixLength)"
            if let broadcast = configured.broadcast { text += " brd \(broadcast)" }
            text += " dev \(configured.device ?? instance.interface)"
            text += " scope \(Self.scopeName(configured.scope ?? 0))"
            if case .ipv6 = address { text += " preferred_lft forever" }
            if let label = configured.label { text += " label \(label)" }
            if configured.noTrack { text += " no_track" }
            if status.state == .master, presentAddresses?.contains(address) ?? true { text += " set" }
            out.line(text)
        }
    }

    /// keepalived writes `NAME weight W` for scripts and interfaces and `NAME, weight W` for files.
    private func trackedList(
        _ status: InstanceStatus, prefix: String, title: String, separator: String = "", _ out: inout DumpText
    ) {
        let items = status.trackedItems.filter { $0.name.hasPrefix(prefix) }
        guard !items.isEmpty else { return }
        out.line("   \(title) :")
        for item in items {
            out.line("     \(item.name.dropFirst(prefix.count))\(separator) weight \(Self.weight(item))")
        }
    }

    /// A weight as keepalived writes it: `-7` or `-7 reverse`.
    private static func weight(_ item: TrackedItemStatus) -> String {
        item.reverse ? "\(item.weight) reverse" : "\(item.weight)"
    }

    private func notifyScripts(_ scripts: NotifyScriptSet, includeStop: Bool, _ out: inout DumpText) {
        let user = scriptUser(named: global.scriptUser)
        let uidGid = ", uid:gid \(user.uid):\(user.gid)"
        if let script = scripts.backup {
            out.line("   Backup state transition script = \(Self.quoted(script))\(uidGid)")
        }
        if let script = scripts.master {
            out.line("   Master state transition script = \(Self.quoted(script))\(uidGid)")
        }
        if let script = scripts.fault {
            out.line("   Fault state transition script = \(Self.quoted(script))\(uidGid)")
        }
        if includeStop, let script = scripts.stop {
            out.line("   Stop state transition script = \(Self.quoted(script))\(uidGid)")
        }
        if let script = scripts.deleted {
            out.line("   Deleted state transition script = \(Self.quoted(script))\(uidGid)")
        }
        if let script = scripts.generic {
            out.line("   Generic state transition script = \(Self.quoted(script))\(uidGid)")
        }
    }

    private func syncGroupBlock(_ group: NodeConfiguration.SyncGroupDefinition, _ out: inout DumpText) {
        let states = group.members.compactMap { name in statuses.first { $0.name == name }?.state }
        let groupState =
            states.contains(.fault)
            ? "FAULT" : (!states.isEmpty && states.allSatisfy { $0 == .master } ? "MASTER" : "BACKUP")
        out.line(" VRRP Sync Group = \(group.name), \(groupState)")
        let faults = states.filter { $0 == .fault }.count
        let initializing = states.filter { $0 == .initialize }.count
        out.line("   Num member fault \(faults), num member init \(initializing)")
        out.line("   VRRP member instances :")
        for member in group.members { out.line("     \(member)") }
        out.line("   Using smtp notification = no")
        notifyScripts(group.notify, includeStop: false, &out)
    }

    private func scriptBlock(_ script: NodeConfiguration.CheckScript, _ out: inout DumpText) {
        let trackers = statuses.compactMap { status -> (String, TrackedItemStatus)? in
            status.trackedItems.first { $0.name == TrackedName.script(script.name) }.map { (status.name, $0) }
        }
        out.line(" VRRP Script = \(script.name)")
        out.line("   Command = \(Self.quoted(script.command.source))")
        out.line("   Interval = \(Self.seconds(script.interval)) sec")
        out.line("   Timeout = \(Self.seconds(script.timeout)) sec")
        out.line("   Weight = \(trackers.first.map { Self.weight($0.1) } ?? "0")")
        out.line("   Rise = \(script.rise)")
        out.line("   Fall = \(script.fall)")
        out.line("   Insecure = no")
        let report = checks.first { $0.name == script.name }
        let status: String =
            switch report?.isUp {
            case .some(true): "GOOD"
            case .some(false): "BAD"
            case .none: "INIT"
            }
        out.line("   Status = \(status)")
        let user = script.user ?? scriptUser(named: global.scriptUser)
        out.line("   Script uid:gid = \(user.uid):\(user.gid)")
        out.line("   VRRP instances :")
        out.line("   Tracking instances :")
        for (name, item) in trackers { out.line("     \(name), weight \(Self.weight(item))") }
    }

    /// One `vrrp_track_file`: keepalived's `Status` is the number the file holds now.
    private func trackFileBlock(_ file: NodeConfiguration.TrackedFile, _ out: inout DumpText) {
        let trackers = statuses.compactMap { status -> (String, TrackedItemStatus)? in
            status.trackedItems.first { $0.name == TrackedName.file(file.name) }.map { (status.name, $0) }
        }
        out.line(" Track file = \(file.name)")
        out.line("   File = \(file.path)")
        out.line("   Status = \(trackers.first?.1.value ?? 0)")
        out.line("   Weight = \(file.weight)\(file.reverse ? " reverse" : "")")
        out.line("   Tracking instances :")
        for (name, item) in trackers { out.line("     \(name), weight \(Self.weight(item))") }
    }

    private func interfaceBlock(_ interface: Interface, _ out: inout DumpText) {
        out.line(" Name = \(interface.name)")
        out.line("   index = \(interface.index)")
        out.line("   IPv4 address = \(interface.ipv4.map { "\($0)" } ?? "(none)")")
        out.line("   IPv6 address = \(interface.ipv6.map { "\($0)" } ?? "(none)")")
        if let mac = interface.mac, !interface.isLoopback {
            out.line("   MAC = \(mac)")
            if let broadcast = interface.broadcastMAC { out.line("   MAC broadcast = \(broadcast)") }
        }
        var flags = [interface.isUp ? "UP" : "DOWN"]
        if interface.isRunning { flags.append("RUNNING") }
        if !interface.hasBroadcast { flags.append("no broadcast") }
        if interface.isLoopback { flags.append("loopback") }
        if !interface.hasMulticast { flags.append("no multicast") }
        out.line("   State = \(flags.joined(separator: ", "))")
        if let mtu = interface.mtu { out.line("   MTU = \(mtu)") }
        out.line("   HW Type = \(interface.isLoopback ? "LOOPBACK" : (interface.mac == nil ? "UNKNOWN" : "ETHERNET"))")
        var tracking: [(String, Int)] = []
        for instance in configuration.instances where instance.interface == interface.name {
            tracking.append((instance.name, 0))
        }
        for status in statuses {
            for item in status.trackedItems where item.name == TrackedName.interface(interface.name) {
                tracking.append((status.name, item.weight))
            }
        }
        guard !tracking.isEmpty else { return }
        out.line("   Tracking VRRP instances :")
        for (name, weight) in tracking { out.line("     \(name), weight \(weight)") }
    }

    /// The address adverts leave from: the interface's first IPv4 address, or its IPv6 link-local address.
    private func sourceAddress(of instance: NodeConfiguration.Instance) -> String? {
        guard let interface = interfaces.first(where: { $0.name == instance.interface }) else { return nil }
        switch instance.router.family {
        case .ipv4: return interface.ipv4.map { "\($0)" }
        case .ipv6: return interface.ipv6.map { "\($0)" }
        }
    }

    /// The uid and gid of `script_user` (the node's own when unset or unknown).
    func scriptUser(named name: String?) -> (uid: UInt32, gid: UInt32) {
        guard let name, let entry = getpwnam(name) else { return defaultScriptUser }
        return (entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    /// keepalived's quoting of a script: each word in single quotes, the program as an absolute, resolved path.
    static func quoted(_ script: String) -> String {
        guard let command = try? ScriptCommand(script), !command.usesShell, var words = Optional(command.arguments),
            let program = words.first
        else { return "'\(script)'" }
        words[0] = resolvedProgram(program)
        return words.map { "'\($0)'" }.joined(separator: " ")
    }

    /// The program's real path (symbolic links resolved, `PATH` searched for a bare name), or the name itself.
    static func resolvedProgram(_ program: String) -> String {
        var candidates = [program]
        if !program.contains("/") {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            candidates = path.split(separator: ":").map { "\($0)/\(program)" }
        }
        for candidate in candidates {
            guard let resolved = realpath(candidate, nil) else { continue }
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return program
    }

    /// iproute2's scope names.
    static func scopeName(_ scope: UInt8) -> String {
        switch scope {
        case 0: "global"
        case 200: "site"
        case 253: "link"
        case 254: "host"
        case 255: "nowhere"
        default: "\(scope)"
        }
    }

    /// Whole seconds of a duration (keepalived prints these settings as integers).
    static func seconds(_ duration: Duration) -> Int64 { duration.components.seconds }

    /// A duration in seconds as `%g` prints it.
    static func decimal(_ duration: Duration) -> String {
        PrintfFormat.string("%g", Double(duration.nanosecondCount) / 1e9)
    }

    /// `1795470875.398645 (Mon Nov 23 21:54:35.398645 2026)`, in local time as keepalived writes it.
    static func timestamp(_ seconds: Double) -> String {
        var whole = time_t(seconds.rounded(.down))
        let micros = Int(((seconds - Double(whole)) * 1e6).rounded(.down))
        var parts = tm()
        localtime_r(&whole, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%a %b %e %H:%M:%S", &parts)
        let prefix = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fraction = PrintfFormat.string("%06d", micros)
        return "\(whole).\(fraction) (\(prefix).\(fraction) \(Int(parts.tm_year) + 1900))"
    }
}

/// Lines of a dump.
struct DumpText {
    private(set) var text = ""

    mutating func line(_ line: String) {
        text += line
        text += "\n"
    }
}
