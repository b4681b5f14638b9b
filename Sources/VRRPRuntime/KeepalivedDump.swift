public import FoundationEssentials
public import VRRPConfig
public import VRRPWire

/// The dumps keepalived writes on request, in its files and formats, for the VRRP half: the data dump
/// (SIGUSR1, `keepalived.data`), the statistics dump (SIGUSR2, `keepalived.stats`) and the JSON dump
/// (`keepalived --signum=JSON`, `keepalived.json`).
///
/// A dump is a pure function of a snapshot: the configuration, the instances' status, the check scripts' reports
/// and the interfaces of the node's network namespace, plus the clocks that turn monotonic instants into dates.
/// The reference outputs of keepalived 2.2.7 and the fields that legitimately differ are in
/// `Fixtures/keepalived-dumps/`.
public struct KeepalivedDump: Sendable {
    /// Which dump.
    public enum Kind: String, CaseIterable, Sendable {
        /// SIGUSR1: configuration and state, human-readable.
        case data
        /// SIGUSR2: the counters of each instance.
        case statistics
        /// keepalived's `SIGJSON`: configuration, state and counters as JSON.
        case json

        /// keepalived's file name for the dump: `keepalived.data`, `keepalived.stats`, `keepalived.json`.
        public var fileName: String {
            switch self {
            case .data: "keepalived.data"
            case .statistics: "keepalived.stats"
            case .json: "keepalived.json"
            }
        }
    }

    /// One network interface as the dump shows it.
    public struct Interface: Hashable, Sendable {
        /// The name.
        public var name: String
        /// The kernel's index.
        public var index: Int
        /// The first IPv4 address, if any.
        public var ipv4: IPv4Address?
        /// The first link-local IPv6 address, if any.
        public var ipv6: IPv6Address?
        /// The hardware address, for Ethernet-like links.
        public var mac: MACAddress?
        /// The link's broadcast hardware address, for Ethernet-like links.
        public var broadcastMAC: MACAddress?
        /// IFF_UP.
        public var isUp: Bool
        /// IFF_RUNNING.
        public var isRunning: Bool
        /// IFF_LOOPBACK.
        public var isLoopback: Bool
        /// IFF_BROADCAST.
        public var hasBroadcast: Bool
        /// IFF_MULTICAST.
        public var hasMulticast: Bool
        /// The MTU, when it could be read.
        public var mtu: Int?

        /// An interface from its parts.
        public init(
            name: String, index: Int, ipv4: IPv4Address? = nil, ipv6: IPv6Address? = nil, mac: MACAddress? = nil,
            broadcastMAC: MACAddress? = nil, isUp: Bool = true, isRunning: Bool = true, isLoopback: Bool = false,
            hasBroadcast: Bool = true, hasMulticast: Bool = true, mtu: Int? = nil
        ) {
            self.name = name
            self.index = index
            self.ipv4 = ipv4
            self.ipv6 = ipv6
            self.mac = mac
            self.broadcastMAC = broadcastMAC
            self.isUp = isUp
            self.isRunning = isRunning
            self.isLoopback = isLoopback
            self.hasBroadcast = hasBroadcast
            self.hasMulticast = hasMulticast
            self.mtu = mtu
        }
    }

    /// The running configuration.
    public var configuration: NodeConfiguration
    /// keepalived.conf's `global_defs`, as far as the dumps show them.
    public var global: GlobalDefinitions
    /// ``VRRPNode/status``.
    public var statuses: [InstanceStatus]
    /// ``VRRPNode/checks``.
    public var checks: [CheckReport]
    /// The network namespace's interfaces, in index order.
    public var interfaces: [Interface]
    /// The addresses the namespace holds now (marks a virtual address `set`); nil when unknown.
    public var presentAddresses: Set<IPAddress>?
    /// CLOCK_MONOTONIC now, nanoseconds (the clock of ``InstanceStatus`` instants).
    public var monotonicNow: Int64
    /// The wall clock now.
    public var wallNow: Date
    /// The router ID shown when `router_id` is not configured (keepalived: the host name).
    public var hostName: String
    /// The user and group scripts run as when no `script_user` is configured.
    public var defaultScriptUser: (uid: UInt32, gid: UInt32)

    /// A snapshot from its parts.
    public init(
        configuration: NodeConfiguration, global: GlobalDefinitions = GlobalDefinitions(),
        statuses: [InstanceStatus], checks: [CheckReport] = [], interfaces: [Interface] = [],
        presentAddresses: Set<IPAddress>? = nil, monotonicNow: Int64, wallNow: Date, hostName: String,
        defaultScriptUser: (uid: UInt32, gid: UInt32) = (0, 0)
    ) {
        self.configuration = configuration
        self.global = global
        self.statuses = statuses
        self.checks = checks
        self.interfaces = interfaces
        self.presentAddresses = presentAddresses
        self.monotonicNow = monotonicNow
        self.wallNow = wallNow
        self.hostName = hostName
        self.defaultScriptUser = defaultScriptUser
    }

    /// The text of one dump.
    public func render(_ kind: Kind) -> String {
        switch kind {
        case .data: dataText()
        case .statistics: statisticsText()
        case .json: jsonText()
        }
    }

    /// The directory keepalived writes its dumps to: `$TMPDIR` when set and not empty, `/tmp` otherwise.
    /// keepalived 2.2.7 ignores `instance`, `-i` and the network namespace for these files (see the README in
    /// `Fixtures/keepalived-dumps/`).
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let directory = environment["TMPDIR"], !directory.isEmpty { return directory }
        return "/tmp"
    }

    /// The wall-clock time of a monotonic instant, as seconds since 1970.
    func wallSeconds(ofMonotonic instant: Int64) -> Double {
        wallNow.timeIntervalSince1970 - Double(monotonicNow - instant) / 1e9
    }
}
