import VRRPWire

/// Lints that treat several configuration files as the nodes of one cluster and compare them per VRID:
/// tracked failures that cannot move mastership, mismatched protocol settings, equal priorities, and
/// virtual addresses claimed by two VRIDs. Each finding explains its arithmetic in one line.
public struct ClusterLinter: Sendable {
    /// One node: a name for messages (usually the file name) and its model.
    public struct Node: Sendable {
        /// How messages name the node.
        public var name: String
        /// The node's configuration.
        public var configuration: KeepalivedConfiguration

        /// A node from its parts.
        public init(name: String, configuration: KeepalivedConfiguration) {
            self.name = name
            self.configuration = configuration
        }
    }

    /// The nodes of the cluster.
    public var nodes: [Node]

    /// A linter over `nodes`.
    public init(nodes: [Node]) { self.nodes = nodes }

    private struct Member {
        var node: String
        var configuration: KeepalivedConfiguration
        var instance: VRRPInstance
    }

    private struct GroupKey: Hashable {
        var vrid: UInt8
        var family: AddressFamily
    }

    /// Every cluster finding, grouped per VRID in ascending order.
    public func lint() -> [Diagnostic] {
        var sink = DiagnosticSink()
        var groups: [GroupKey: [Member]] = [:]
        for node in nodes {
            for instance in node.configuration.instances {
                guard let vrid = instance.virtualRouterID else { continue }
                groups[GroupKey(vrid: vrid, family: instance.family), default: []].append(
                    Member(node: node.name, configuration: node.configuration, instance: instance))
            }
        }
        let keys = groups.keys.sorted { ($0.vrid, $0.family == .ipv4 ? 0 : 1) < ($1.vrid, $1.family == .ipv4 ? 0 : 1) }
        for key in keys {
            let members = groups[key] ?? []
            let perNode = Dictionary(grouping: members, by: \.node)
            // Instances of one VRID within one node are the validator's business; compare across nodes only.
            guard perNode.count >= 2 else { continue }
            mismatches(members, vrid: key.vrid, into: &sink)
            priorities(members, vrid: key.vrid, into: &sink)
        }
        addressesInTwoVRIDs(into: &sink)
        return sink.diagnostics
    }

    private func mismatches(_ members: [Member], vrid: UInt8, into sink: inout DiagnosticSink) {
        let first = members[0]
        let a = first.instance
        for other in members.dropFirst() {
            let b = other.instance
            let pair = "VRID \(vrid): \(first.node) (\(a.name)) and \(other.node) (\(b.name))"
            if a.advertisementInterval != b.advertisementInterval {
                sink.error(
                    .peerMismatch,
                    "\(pair) advertise every \(a.advertisementInterval) vs \(b.advertisementInterval); "
                        + "each discards the other's advertisements", at: b.location)
            }
            if a.version != b.version {
                sink.error(
                    .peerMismatch, "\(pair) run VRRP \(a.version) vs \(b.version); they do not see each other",
                    at: b.location)
            }
            let authA = a.version == .v2 && !a.strictMode ? a.authentication : nil
            let authB = b.version == .v2 && !b.strictMode ? b.authentication : nil
            // keepalived's VRRPv2 over IPv6 carries the auth type but no password, so only the type can differ.
            let passwordsCarried = a.family == .ipv4
            if authA?.type != authB?.type || (passwordsCarried && authA?.data != authB?.data) {
                sink.error(
                    .peerMismatch,
                    "\(pair) authenticate differently (\(describe(authA)) vs \(describe(authB))"
                        + (authA?.type == authB?.type ? ", different passwords" : "") + "); "
                        + "advertisements fail authentication and both become master", at: b.location)
            }
            let vipsA = Set(a.virtualAddresses.map { "\($0.address)/\($0.prefixLength)" })
            let vipsB = Set(b.virtualAddresses.map { "\($0.address)/\($0.prefixLength)" })
            if vipsA != vipsB {
                let onlyA = vipsA.subtracting(vipsB).sorted().joined(separator: ", ")
                let onlyB = vipsB.subtracting(vipsA).sorted().joined(separator: ", ")
                sink.warning(
                    .peerMismatch,
                    "\(pair) list different virtual addresses (only in \(first.node): [\(onlyA)]; only in "
                        + "\(other.node): [\(onlyB)]); a failover changes which addresses are served", at: b.location)
            }
            if a.isUnicast != b.isUnicast {
                sink.error(
                    .peerMismatch,
                    "\(pair): one sends unicast, the other multicast; they never hear each other", at: b.location)
            }
        }
        // Each unicast node must list every other node's source address.
        for member in members where member.instance.isUnicast {
            let peers = Set(member.instance.unicastPeers.map(\.address))
            for other in members where other.node != member.node {
                guard let source = other.instance.sourceAddress, !peers.contains(source) else { continue }
                sink.error(
                    .peerMismatch,
                    "VRID \(vrid): \(member.node) (\(member.instance.name)) does not list \(other.node)'s "
                        + "unicast_src_ip \(source) in unicast_peer, so \(other.node) never hears it",
                    at: member.instance.location)
            }
        }
    }

    /// The weight arithmetic: can each tracked failure of the would-be master hand mastership over?
    private func priorities(_ members: [Member], vrid: UInt8, into sink: inout DiagnosticSink) {
        let healthy = members.map { effectivePriority($0) }
        guard let masterIndex = healthy.indices.max(by: { healthy[$0] < healthy[$1] }) else { return }
        let master = members[masterIndex]
        let top = healthy[masterIndex]
        for index in members.indices where index != masterIndex && healthy[index] == top {
            let other = members[index]
            if other.node == master.node { continue }
            sink.warning(
                .equalPriority,
                "VRID \(vrid): \(master.node) and \(other.node) both have effective priority \(top); the tie is "
                    + "broken by the higher primary IP address, not by configuration", at: other.instance.location)
        }
        let backups = members.indices.filter { members[$0].node != master.node }
        guard let bestBackup = backups.max(by: { healthy[$0] < healthy[$1] }), master.instance.priority < 255 else {
            return
        }
        let backupPriority = healthy[bestBackup]
        let backupName = "\(members[bestBackup].node)'s \(backupPriority)"
        for item in trackedWeights(master) where item.weight != 0 && !item.reverse {
            let failed = item.weight > 0 ? top - item.weight : top + item.weight
            let clamped = min(max(failed, 1), 254)
            guard clamped >= backupPriority else { continue }
            let verdict = clamped == backupPriority ? "only ties with" : "still above"
            sink.warning(
                .weightCannotFailOver,
                "VRID \(vrid): if \(item.kind) \(item.name) fails on \(master.node) (\(master.instance.name)), its "
                    + "priority goes \(top) → \(clamped) (weight \(item.weight)), \(verdict) \(backupName): "
                    + "no failover",
                at: item.location ?? master.instance.location)
        }
    }

    private struct WeightedItem {
        var kind: String
        var name: String
        var weight: Int
        var reverse: Bool
        var location: SourceLocation?
    }

    private func trackedWeights(_ member: Member) -> [WeightedItem] {
        var items: [WeightedItem] = []
        for reference in member.instance.trackScripts {
            guard let script = member.configuration.script(named: reference.name) else { continue }
            items.append(
                WeightedItem(
                    kind: "track script", name: reference.name, weight: reference.weight ?? script.weight,
                    reverse: reference.weight != nil ? reference.reverse : script.reverse, location: reference.location)
            )
        }
        for reference in member.instance.trackInterfaces {
            items.append(
                WeightedItem(
                    kind: "tracked interface", name: reference.name, weight: reference.weight ?? 0,
                    reverse: reference.reverse, location: reference.location))
        }
        for reference in member.instance.trackProcesses {
            guard let process = member.configuration.trackProcesses.first(where: { $0.name == reference.name })
            else { continue }
            items.append(
                WeightedItem(
                    kind: "tracked process", name: reference.name, weight: reference.weight ?? process.weight,
                    reverse: reference.weight != nil ? reference.reverse : process.reverse, location: reference.location
                ))
        }
        return items
    }

    /// Base priority plus every positive weight (those are earned while the check succeeds), clamped 1…254;
    /// 255 (address owner) is never changed by tracking.
    private func effectivePriority(_ member: Member) -> Int {
        let base = Int(member.instance.priority)
        if base == 255 { return 255 }
        let bonus = trackedWeights(member).filter { $0.weight > 0 && !$0.reverse }.reduce(0) { $0 + $1.weight }
        return min(max(base + bonus, 1), 254)
    }

    private func describe(_ auth: InstanceAuthentication?) -> String {
        guard let auth else { return "none" }
        // Passwords are not printed: check output ends up in CI logs.
        return auth.type == .ipAuthenticationHeader ? "AH" : "PASS"
    }

    private func addressesInTwoVRIDs(into sink: inout DiagnosticSink) {
        var claims: [IPAddress: [(vrid: UInt8, node: String, instance: VRRPInstance, location: SourceLocation?)]] = [:]
        for node in nodes {
            for instance in node.configuration.instances {
                guard let vrid = instance.virtualRouterID else { continue }
                for address in instance.virtualAddresses + instance.excludedVirtualAddresses {
                    claims[address.address, default: []].append((vrid, node.name, instance, address.location))
                }
            }
        }
        for address in claims.keys.sorted() {
            let list = claims[address] ?? []
            guard let first = list.first, let other = list.first(where: { $0.vrid != first.vrid }) else { continue }
            sink.error(
                .addressInTwoVRIDs,
                "\(address) is claimed by VRID \(first.vrid) (\(first.node), \(first.instance.name)) and VRID "
                    + "\(other.vrid) (\(other.node), \(other.instance.name)); two masters would own it at once",
                at: other.location)
        }
    }
}
