public import VRRPStateMachine

/// Human-readable reports of a node's instances, as keepalived writes them on SIGUSR1 (`/tmp/keepalived.data`)
/// and SIGUSR2 (`/tmp/keepalived.stats`).
public enum StatusReport {
    /// The data dump: one block per instance with its state and configuration essentials.
    public static func data(_ instances: [InstanceStatus]) -> String {
        var text = "------< VRRP Topology >------\n"
        for instance in instances {
            text += " VRRP Instance = \(instance.name)\n"
            text += "   State = \(instance.state.keepalivedName)\n"
            text += "   Interface = \(instance.interface)\n"
            text += "   Virtual Router ID = \(instance.virtualRouterID)\n"
            text += "   Priority = \(instance.basePriority) (effective \(instance.effectivePriority))\n"
            if let change = instance.lastChange {
                text +=
                    "   Last transition = \(change.from.keepalivedName) -> \(change.to.keepalivedName) (\(change.reason))\n"
            }
        }
        return text
    }

    /// The statistics dump: keepalived's counters per instance.
    public static func statistics(_ instances: [InstanceStatus]) -> String {
        var text = ""
        for instance in instances {
            let s = instance.statistics
            text += "VRRP Instance: \(instance.name)\n"
            text += "  Advertisements:\n    Received: \(s.advertisementsReceived)\n    Sent: \(s.advertisementsSent)\n"
            text += "  Became master: \(s.masterTransitions)\n"
            text += "  Packet Errors:\n    Length: \(s.packetLengthErrors)\n    TTL: \(s.ipTTLErrors)\n"
            text += "    Invalid Type: \(s.invalidTypePacketsReceived)\n"
            text += "    Advertisement Interval: \(s.advertisementIntervalErrors)\n"
            text += "    Address List: \(s.addressListErrors)\n"
            text += "  Authentication Errors:\n    Invalid Type: \(s.invalidAuthType)\n"
            text += "    Type Mismatch: \(s.authTypeMismatch)\n    Failure: \(s.authFailures)\n"
            text += "  Priority Zero:\n    Received: \(s.priorityZeroPacketsReceived)\n"
            text += "    Sent: \(s.priorityZeroPacketsSent)\n"
        }
        return text
    }
}

extension VirtualRouter.State {
    /// keepalived's name: `MASTER`, `BACKUP`, `FAULT`, `INIT`.
    public var keepalivedName: String {
        switch self {
        case .initialize: "INIT"
        case .backup: "BACKUP"
        case .master: "MASTER"
        case .fault: "FAULT"
        }
    }
}
