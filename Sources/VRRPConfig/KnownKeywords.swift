/// keepalived 2.2 keywords outside VRRP (or without effect on it): accepted without an "unknown keyword"
/// warning so that a real keepalived.conf checks clean.
enum KnownKeywords {
    /// Top-level load-balancing blocks, counted and reported once.
    static let loadBalancingTopLevel: Set<String> = ["virtual_server", "virtual_server_group"]

    /// Other top-level keepalived blocks that are not VRRP.
    static let otherTopLevel: [String] = [
        "bfd_instance", "linkbeat_interfaces",
        "net_namespace", "net_namespace_ipvs", "instance", "use_pid_dir", "namespace_with_ipsets",
    ]

    /// `global_defs` keys keepalived knows that vrrp-swift does not model (LVS, checkers, BFD, SNMP, process
    /// tuning, firewall, …).
    static let otherGlobal: Set<String> = [
        "smtp_helo_name", "smtp_alert", "smtp_alert_vrrp", "smtp_alert_checker", "checker_log_all_failures",
        "lvs_id", "lvs_timeouts", "lvs_flush", "lvs_flush_onstop", "lvs_sync_daemon", "lvs_notify_fifo",
        "lvs_notify_fifo_script", "lvs_timeout", "enable_traps", "enable_snmp_vrrp", "enable_snmp_keepalived",
        "enable_snmp_checker", "enable_snmp_rfc", "enable_snmp_rfcv2", "enable_snmp_rfcv3", "snmp_socket",
        "enable_dbus", "dbus_service_name", "dynamic_interfaces", "no_email_faults", "linkbeat_use_polling",
        "nftables_priority", "nftables_ifindex", "nftables_counters",
        "checker_no_swap", "bfd_no_swap", "vrrp_priority", "checker_priority", "bfd_priority",
        "checker_rt_priority", "bfd_rt_priority", "vrrp_rlimit_rttime", "checker_rlimit_rttime",
        "bfd_rlimit_rttime", "vrrp_cpu_affinity", "checker_cpu_affinity", "bfd_cpu_affinity",
        "vrrp_min_garp", "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_monitor_rcv_bufs",
        "vrrp_rx_bufs_policy", "vrrp_rx_bufs_multiplier", "vrrp_log_unknown_vrids",
        "vrrp_garp_extra_if", "vrrp_gna_extra_if", "vrrp_use_process_cmdline", "vrrp_use_process_comm",
        "vrrp_track_process_pids", "child_wait_time", "notify_fifo_user",
        "vrrp_notify_fifo_user", "lvs_notify_fifo_user", "vrrp_netlink_cmd_rcv_bufs_force",
        "vrrp_netlink_monitor_rcv_bufs_force", "process_monitor_rcv_bufs", "process_monitor_rcv_bufs_force",
        "lvs_netlink_cmd_rcv_bufs", "lvs_netlink_monitor_rcv_bufs", "lvs_netlink_cmd_rcv_bufs_force",
        "lvs_netlink_monitor_rcv_bufs_force", "rs_init_notifies", "no_checker_emails", "umask",
        "vrrp_dont_track_primary", "instance", "net_namespace", "net_namespace_ipvs", "namespace_with_ipsets",
        "use_pid_dir", "vrrp_strict_ignore", "script_security", "random_seed", "reload_check_config",
        "reload_time_file", "reload_repeat", "reload_file", "config_save_dir", "tmp_config_directory",
        "data_use_instance", "vrrp_iptables_counters", "vrrp_ipsets_no_ipv6", "vrrp_mcast_group",
        "startup_script", "startup_script_timeout", "shutdown_script", "shutdown_script_timeout",
        "local_name", "checker_process_name", "vrrp_process_name", "bfd_process_name", "process_name",
        "bfd_instance", "vrrp_skip_check_adv_addr_strict",
    ]

    /// `vrrp_instance` keys accepted without VRRP effect here.
    static let otherInstance: Set<String> = [
        "debug", "promote_secondaries", "linkbeat_use_polling", "notify_master_rx_lower_pri",
        "kernel_rx_buf_size", "garp_extra_if", "gna_extra_if",
        "track_bfd", "track_src_ip", "use_ipvlan", "old_unicast_checksum", "vrrp_garp_extra_if",
        "vmac_xmit_base_address", "use_vmac_addr",
    ]

    /// Keywords among the above that change what keepalived's VRRP half does, with what it does: vrrp-swift does
    /// not provide them, and says so with a `not-provided` warning where they appear, so that running a
    /// keepalived.conf never hides a difference.
    static let notProvided: [String: String] = [
        "smtp_alert": "emails a notification on each state change",
        "smtp_alert_vrrp": "emails a notification on each VRRP state change",
        "enable_snmp_vrrp": "serves keepalived's VRRP MIB over SNMP",
        "enable_snmp_rfc": "serves the RFC VRRP MIBs over SNMP",
        "enable_snmp_rfcv2": "serves the RFC 2787 VRRP MIB over SNMP",
        "enable_snmp_rfcv3": "serves the RFC 6527 VRRPv3 MIB over SNMP",
        "enable_traps": "sends SNMP traps on state changes",
        "enable_dbus": "publishes the instances' states on D-Bus",
        "vrrp_garp_extra_if": "also sends gratuitous ARP on other interfaces",
        "vrrp_gna_extra_if": "also sends unsolicited neighbour adverts on other interfaces",
        "vrrp_min_garp": "sends a single gratuitous ARP burst per transition",
        "startup_script": "runs a script before starting",
        "shutdown_script": "runs a script after stopping",
        "track_bfd": "takes a BFD session's state into the priority or FAULT",
        "notify_master_rx_lower_pri": "runs a script when the master hears a lower-priority advert",
        "garp_extra_if": "also sends gratuitous ARP on other interfaces",
        "gna_extra_if": "also sends unsolicited neighbour adverts on other interfaces",
        "track_src_ip": "puts the instance in FAULT while its source address is missing",
        "use_ipvlan": "runs the instance on an ipvlan interface",
        "use_vmac_addr": "gives the interface itself the virtual MAC",
        "old_unicast_checksum": "sends unicast VRRPv3 adverts with its old checksum (received ones are accepted here)",
        "promote_secondaries": "sets the interface's promote_secondaries",
    ]
}
