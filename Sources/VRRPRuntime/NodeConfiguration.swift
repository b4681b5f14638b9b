public import HealthCheck
public import VIPNetlink
public import VRRPStateMachine
public import VRRPWire

/// Everything a node runs, as typed values: what keepalived.conf describes, without needing the file.
/// Build it directly to embed a node, or from a keepalived.conf with ``init(keepalived:)``.
public struct NodeConfiguration: Sendable {
    /// One `vrrp_instance`.
    public struct Instance: Sendable {
        /// The instance's name (`VI_1`), used in logs, notify arguments and status.
        public var name: String
        /// The interface the instance runs on.
        public var interface: String
        /// The protocol configuration of its virtual router; `trackedItems` name the items below as
        /// ``TrackedName`` strings.
        public var router: VirtualRouter.Configuration
        /// How each virtual (and excluded) address is put on the interface, keyed by address.
        public var addresses: [ConfiguredAddress]
        /// `unicast_src_ip`; nil sends from the interface's primary address.
        public var unicastSource: IPAddress?
        /// Notify scripts.
        public var notify: NotifyScriptSet
        /// For `auth_type AH` (the router's authentication is ``VirtualRouter/Authentication/ipAuthenticationHeader``):
        /// the HMAC-MD5 key, the 8 octets of `auth_pass` zero-padded as keepalived keeps them. Nil otherwise.
        public var authenticationHeaderKey: [UInt8]?
        /// keepalived `use_vmac` / `vmac_xmit_base`: run on a macvlan with the virtual router MAC; nil runs on the
        /// interface itself.
        public var virtualMAC: VirtualMACConfiguration?
        /// keepalived `virtual_routes`: installed after the addresses when the instance becomes MASTER, removed
        /// (after the rules, before the addresses) when it leaves MASTER or stops.
        public var routes: [KernelRoute]
        /// keepalived `virtual_rules`: installed after the routes when the instance becomes MASTER, removed first
        /// when it leaves MASTER or stops.
        public var rules: [KernelRule]
        /// Members of ``routes`` and ``rules`` written `no_track`. A MASTER goes to BACKUP when someone else deletes
        /// one of its other routes or rules (keepalived's behaviour); deleting one of these changes nothing.
        public var untrackedRoutes: Set<KernelRoute> = []
        /// See ``untrackedRoutes``.
        public var untrackedRules: Set<KernelRule> = []
        /// Whether the instance's own interface going down puts it in Fault (keepalived's default; false is
        /// `dont_track_primary`: the instance ignores its link state once the interface exists).
        public var tracksInterface = true
        /// keepalived `notify_priority_changes`: each change of the effective priority writes
        /// `INSTANCE "NAME" MASTER_PRIORITY N` (or `BACKUP_PRIORITY` outside MASTER) to ``notifyFIFO``; the notify
        /// scripts are not run for it, as in keepalived 2.2.7.
        public var notifyPriorityChanges = false

        /// An instance from its parts.
        public init(
            name: String,
            interface: String,
            router: VirtualRouter.Configuration,
            addresses: [ConfiguredAddress]? = nil,
            unicastSource: IPAddress? = nil,
            notify: NotifyScriptSet = NotifyScriptSet(),
            authenticationHeaderKey: [UInt8]? = nil,
            virtualMAC: VirtualMACConfiguration? = nil,
            routes: [KernelRoute] = [],
            rules: [KernelRule] = []
        ) {
            self.name = name
            self.interface = interface
            self.router = router
            self.addresses =
                addresses ?? (router.virtualAddresses + router.excludedAddresses).map { ConfiguredAddress($0) }
            self.unicastSource = unicastSource
            self.notify = notify
            self.authenticationHeaderKey = authenticationHeaderKey
            self.virtualMAC = virtualMAC
            self.routes = routes
            self.rules = rules
        }
    }

    /// A `vrrp_script`: a command run every `interval`, judged by rise / fall.
    public struct CheckScript: Sendable {
        /// The script's name, as `track_script` refers to it.
        public var name: String
        /// The command.
        public var command: ScriptCommand
        /// Time between runs.
        public var interval: Duration
        /// Time a run may take before it is killed and counted as a failure (keepalived: the interval).
        public var timeout: Duration
        /// Consecutive successes to go up.
        public var rise: Int
        /// Consecutive failures to go down.
        public var fall: Int
        /// Run as this user (keepalived `user` / `script_user`); nil runs as the node's user.
        public var user: (uid: UInt32, gid: UInt32)?
        /// keepalived `init_fail`.
        public var initiallyFailed: Bool

        /// A script from its parts, with keepalived's defaults.
        public init(
            name: String,
            command: ScriptCommand,
            interval: Duration = .seconds(1),
            timeout: Duration? = nil,
            rise: Int = 1,
            fall: Int = 1,
            user: (uid: UInt32, gid: UInt32)? = nil,
            initiallyFailed: Bool = false
        ) {
            self.name = name
            self.command = command
            self.interval = interval
            self.timeout = timeout ?? interval
            self.rise = max(1, rise)
            self.fall = max(1, fall)
            self.user = user
            self.initiallyFailed = initiallyFailed
        }
    }

    /// A `vrrp_track_process`: up while at least `quorum` (and at most `quorumMax`) processes match.
    public struct TrackedProcess: Sendable {
        /// The name `track_process` refers to.
        public var name: String
        /// Which processes count.
        public var matcher: ProcessMatcher
        /// The fewest matching processes that count as up.
        public var quorum: Int
        /// The most matching processes that count as up.
        public var quorumMax: Int?

        /// A tracked process from its parts.
        public init(name: String, matcher: ProcessMatcher, quorum: Int = 1, quorumMax: Int? = nil) {
            self.name = name
            self.matcher = matcher
            self.quorum = quorum
            self.quorumMax = quorumMax
        }
    }

    /// A `vrrp_sync_group`.
    public struct SyncGroupDefinition: Sendable {
        /// The group's name.
        public var name: String
        /// Its members, by instance name.
        public var members: [String]
        /// The group's notify scripts.
        public var notify: NotifyScriptSet

        /// A group from its parts.
        public init(name: String, members: [String], notify: NotifyScriptSet = NotifyScriptSet()) {
            self.name = name
            self.members = members
            self.notify = notify
        }
    }

    /// The instances.
    public var instances: [Instance]
    /// keepalived's `static_ipaddress`, `static_routes` and `static_rules`.
    public var staticEntries = StaticEntries()
    /// The check scripts, by name.
    public var scripts: [CheckScript]
    /// The tracked processes.
    public var processes: [TrackedProcess]
    /// The tracked files (`track_file`).
    public var files: [TrackedFile] = []
    /// The sync groups.
    public var syncGroups: [SyncGroupDefinition]
    /// keepalived `notify_fifo` / `vrrp_notify_fifo`: a FIFO that gets one line per transition.
    public var notifyFIFO: String?
    /// keepalived `vrrp_startup_delay`: at its first start the node holds every instance in BACKUP this long;
    /// they listen, and no master-down timer expires before the delay's end plus Master_Down_Interval (see
    /// ``VirtualRouter/Event/delayedStartup(until:)``). Not applied to instances a reload adds.
    public var startupDelay: Duration = .zero
    /// keepalived `enable_script_security`: refuse scripts others could replace.
    public var scriptSecurity: Bool
    /// How long a notify script may run before it is killed.
    public var notifyTimeout: Duration
    /// How often tracked processes are rescanned.
    public var processScanInterval: Duration
    /// keepalived `vrrp_rt_priority`: the event loop thread runs under SCHED_RR at this priority (1-99), so its
    /// timers are not delayed by ordinary processes; nil (the default, as keepalived's): the normal scheduler.
    public var realtimePriority: Int32?
    /// keepalived `vrrp_no_swap`: the process's memory should be locked (the process owner applies it, see
    /// ``ProcessMemory/lockAll()``).
    public var lockMemory: Bool
    /// The event-loop thread's time slice under the normal scheduler (sched_setattr `sched_runtime`, Linux 6.12
    /// and later): a short slice lets its timer wake-ups preempt a busy CPU sooner. Nil leaves the kernel's default;
    /// ignored under ``realtimePriority``.
    public var schedulerSlice: Duration? = nil

    /// A configuration from its parts.
    public init(
        instances: [Instance],
        scripts: [CheckScript] = [],
        processes: [TrackedProcess] = [],
        syncGroups: [SyncGroupDefinition] = [],
        notifyFIFO: String? = nil,
        scriptSecurity: Bool = false,
        notifyTimeout: Duration = .seconds(30),
        processScanInterval: Duration = .seconds(1),
        files: [TrackedFile] = [],
        realtimePriority: Int32? = nil,
        lockMemory: Bool = false
    ) {
        self.instances = instances
        self.scripts = scripts
        self.processes = processes
        self.syncGroups = syncGroups
        self.notifyFIFO = notifyFIFO
        self.scriptSecurity = scriptSecurity
        self.notifyTimeout = notifyTimeout
        self.processScanInterval = processScanInterval
        self.files = files
        self.realtimePriority = realtimePriority
        self.lockMemory = lockMemory
    }
}

/// The names tracked items carry inside a router configuration, so scripts, interfaces and processes that share a
/// name stay apart.
public enum TrackedName {
    /// A `vrrp_script`.
    public static func script(_ name: String) -> String { "script:" + name }
    /// A tracked interface.
    public static func interface(_ name: String) -> String { "interface:" + name }
    /// A `vrrp_track_process`.
    public static func process(_ name: String) -> String { "process:" + name }
    /// A `track_file`.
    public static func file(_ name: String) -> String { "file:" + name }
}
