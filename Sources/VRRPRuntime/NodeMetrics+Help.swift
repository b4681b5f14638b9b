extension NodeMetrics {
    /// One line of help per metric name, as `docs/metrics.md` describes them.
    public static let helpTexts: [String: String] = [
        "keepalived_up": "1 while the VRRP node serves metrics.",
        "keepalived_vrrp_state": "State per virtual address: 0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT.",
        "vrrp_instance_state": "1 for the instance's current state, 0 for the others.",
        "vrrp_base_priority": "The configured priority.",
        "vrrp_effective_priority": "The advertised priority: base plus tracked items' weights, clamped.",
        "vrrp_tracked_item_up": "1 while the tracked item is up.",
        "vrrp_tracked_file_value": "The number a tracked file (track_file) holds now.",
        "vrrp_released": "1 while an operator has released the instance (vrrpctl release).",
        "vrrp_vip_present": "1 when the kernel holds the virtual address at scrape time.",
        "vrrp_master_advert_age_seconds":
            "Seconds since the last advert from the master; 0 on the master, -1 when no master is heard.",
        "vrrp_master_adver_interval_seconds": "Master_Adver_Interval in force.",
        "vrrp_master_down_interval_seconds": "Master_Down_Interval in force.",
        "vrrp_last_takeover_seconds":
            "Last takeover: seconds from the decision to addresses installed / first gratuitous ARP or NA.",
        "vrrp_transitions_total": "State transitions by from, to and reason.",
        "keepalived_become_master_total": "Transitions to MASTER.",
        "keepalived_release_master_total": "Transitions out of MASTER.",
        "keepalived_advertisements_received_total": "Adverts that passed the receive checks.",
        "keepalived_advertisements_sent_total": "Adverts sent.",
        "keepalived_priority_zero_received_total": "Priority-0 adverts received.",
        "keepalived_priority_zero_sent_total": "Priority-0 adverts sent.",
        "keepalived_packet_length_errors_total": "Adverts discarded for their length.",
        "keepalived_advertisements_interval_errors_total": "Adverts discarded for a different interval.",
        "keepalived_ip_ttl_errors_total": "Adverts discarded for a TTL / hop limit other than 255.",
        "keepalived_invalid_type_received_total": "Packets discarded for a type other than advertisement.",
        "keepalived_address_list_errors_total": "Adverts whose address list differs from ours.",
        "keepalived_authentication_invalid_total": "Adverts discarded for an unknown auth type.",
        "keepalived_authentication_mismatch_total": "Adverts discarded for an auth type other than ours.",
        "keepalived_authentication_failure_total":
            "Adverts discarded for a wrong password, or a failed IPsec AH check (ICV, SPI, sequence number).",
        "vrrp_checksum_errors_total": "Adverts discarded for a bad checksum.",
        "vrrp_version_errors_total": "Adverts discarded for a wrong version.",
        "vrrp_vrid_errors_total": "Adverts discarded for VRID errors.",
        "vrrp_protocol_errors_total": "Adverts discarded for other protocol errors.",
        "keepalived_script_status": "1 while the vrrp_script counts as up, 0 while down.",
        "vrrp_script_runs_total": "vrrp_script runs by result (success, failure, timeout).",
        "vrrp_script_duration_seconds": "Duration of each vrrp_script run.",
    ]

    /// The exposition text with a `# HELP` line before each `# TYPE` line whose metric has a help text (the
    /// swift-metrics API carries none).
    public static func addingHelp(to text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + 4096)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# TYPE ") {
                let name = line.dropFirst(7).prefix { $0 != " " }
                if let help = helpTexts[String(name)] { output += "# HELP \(name) \(help)\n" }
            }
            output += line
            output += "\n"
        }
        if output.hasSuffix("\n\n") { output.removeLast() }
        return output
    }
}
