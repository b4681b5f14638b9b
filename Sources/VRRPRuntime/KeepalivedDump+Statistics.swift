import VRRPStateMachine

/// The statistics dump (`keepalived.stats`): keepalived 2.2.7's layout, every counter taken from the instance's
/// own ``VirtualRouter/Statistics``.
extension KeepalivedDump {
    func statisticsText() -> String {
        var out = DumpText()
        for status in statuses {
            let counters = status.statistics
            out.line("VRRP Instance: \(status.name)")
            out.line("  Advertisements:")
            out.line("    Received: \(counters.advertisementsReceived)")
            out.line("    Sent: \(counters.advertisementsSent)")
            out.line("  Became master: \(counters.masterTransitions)")
            out.line("  Released master: \(counters.masterReleases)")
            out.line("  Packet Errors:")
            out.line("    Length: \(counters.packetLengthErrors)")
            out.line("    TTL: \(counters.ipTTLErrors)")
            out.line("    Invalid Type: \(counters.invalidTypePacketsReceived)")
            out.line("    Advertisement Interval: \(counters.advertisementIntervalErrors)")
            out.line("    Address List: \(counters.addressListErrors)")
            out.line("  Authentication Errors:")
            out.line("    Invalid Type: \(counters.invalidAuthType)")
            out.line("    Type Mismatch: \(counters.authTypeMismatch)")
            out.line("    Failure: \(counters.authFailures)")
            out.line("  Priority Zero:")
            out.line("    Received: \(counters.priorityZeroPacketsReceived)")
            out.line("    Sent: \(counters.priorityZeroPacketsSent)")
        }
        return out.text
    }
}
