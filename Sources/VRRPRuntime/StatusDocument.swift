public import FoundationEssentials
import VRRPStateMachine
import VRRPWire

/// The answer to the control socket's `status` request and the output of `vrrpctl status --json`: a stable,
/// versioned JSON document (schema `vrrpctl.status/1`, documented in `docs/vrrpctl.md`).
///
/// Fields are only ever added within one schema version; a rename or removal bumps ``schema``. Durations are
/// milliseconds (`…Ms`), instants are RFC 3339 UTC strings, states are keepalived's names (`MASTER`, `BACKUP`,
/// `FAULT`, `INIT`), reasons carry a fixed code besides their phrase.
public struct StatusDocument: Codable, Hashable, Sendable {
    /// The schema identifier of this layout.
    public static let currentSchema = "vrrpctl.status/1"

    /// One tracked item and its part in the priority.
    public struct TrackedItem: Codable, Hashable, Sendable {
        /// `script:NAME`, `interface:NAME`, `process:NAME`, `file:NAME`, `operator:release`.
        public var name: String
        /// The configured weight; 0 means the instance goes to FAULT while the item is failing.
        public var weight: Int
        /// keepalived's `reverse`.
        public var reverse: Bool
        /// Whether the item is up now (a `file:` item: whether it does not put the instance in FAULT).
        public var up: Bool
        /// What it adds to (or, negative, takes from) the base priority now.
        public var contribution: Int
        /// A `file:` item's value now (the contribution is value × weight, negated with reverse, within
        /// −253…253); absent for up / down items.
        public var value: Int? = nil
    }

    /// The priority and its arithmetic.
    public struct Priority: Codable, Hashable, Sendable {
        /// The configured priority.
        public var base: Int
        /// The priority advertised: base plus the contributions, clamped to 1…254 (255 for the address owner).
        public var effective: Int
        /// Each tracked item.
        public var trackedItems: [TrackedItem]
    }

    /// The master as this instance knows it.
    public struct Master: Codable, Hashable, Sendable {
        /// The master's primary address (our own when we are master).
        public var address: String
        /// Whether this node is the master.
        public var isSelf: Bool
        /// Time since the last advert from that master arrived (null when we are master or none arrived yet).
        public var lastAdvertisementAgoMs: Double?
    }

    /// The protocol timers in force (RFC 5798 §6.1).
    public struct Timers: Codable, Hashable, Sendable {
        /// Master_Adver_Interval.
        public var masterAdverIntervalMs: Double
        /// Skew_Time.
        public var skewTimeMs: Double
        /// Master_Down_Interval.
        public var masterDownIntervalMs: Double
        /// How long until this Backup takes over unless an advert comes first (null unless Backup).
        public var masterDownInMs: Double? = nil
    }

    /// One virtual address and whether the kernel holds it.
    public struct VirtualAddress: Codable, Hashable, Sendable {
        /// The address.
        public var address: String
        /// Whether some interface of the node's network namespace holds it now (null when it could not be read).
        public var present: Bool?
    }

    /// The last transition.
    public struct Transition: Codable, Hashable, Sendable {
        /// The state left.
        public var from: String
        /// The state entered.
        public var to: String
        /// A fixed code: `startup`, `address-owner`, `master-down`, `preempted`, `fault`, `fault-cleared`,
        /// `sync-group`, `configuration-changed`, `shutdown`.
        public var reasonCode: String
        /// The reason as a phrase (`preempted by p=150 from 192.0.2.1`).
        public var reason: String
        /// When, RFC 3339 UTC.
        public var at: String
        /// How long ago.
        public var agoMs: Double
    }

    /// The last takeover's timing.
    public struct Takeover: Codable, Hashable, Sendable {
        /// When the decision was taken, RFC 3339 UTC.
        public var at: String
        /// Decision → virtual addresses installed.
        public var addressesInstalledMs: Double?
        /// Decision → first gratuitous ARP / unsolicited NA sent.
        public var firstAnnouncementMs: Double?
    }

    /// One instance.
    public struct Instance: Codable, Hashable, Sendable {
        /// The instance's name.
        public var name: String
        /// Its interface.
        public var interface: String
        /// The VRID.
        public var vrid: Int
        /// `ipv4` or `ipv6`.
        public var family: String
        /// 2 or 3.
        public var version: Int
        /// `MASTER`, `BACKUP`, `FAULT` or `INIT`.
        public var state: String
        /// When the current state was entered (RFC 3339 UTC), null before the first transition.
        public var since: String?
        /// Whether an operator released it for maintenance.
        public var released: Bool
        /// Why it is in FAULT (empty otherwise).
        public var faultCauses: [String]
        /// The priority and its arithmetic.
        public var priority: Priority
        /// The master, null when none is known.
        public var master: Master?
        /// The timers in force.
        public var timers: Timers
        /// The virtual addresses.
        public var virtualAddresses: [VirtualAddress]
        /// The last transition, null before the first.
        public var lastTransition: Transition?
        /// The last takeover, null if this node never became master.
        public var lastTakeover: Takeover?
        /// The VRRP MIB counters, by name (see `docs/vrrpctl.md`).
        public var counters: [String: UInt64]
        /// The VMAC macvlan the instance runs on (`use_vmac`); absent when it runs on ``interface`` itself.
        public var vmacInterface: String? = nil
    }

    /// `vrrpctl.status/1`.
    public var schema: String
    /// When the document was made, RFC 3339 UTC.
    public var generatedAt: String
    /// The node's process id.
    public var pid: Int
    /// The instances, in configuration order.
    public var instances: [Instance]

    /// A document from its parts.
    public init(schema: String = Self.currentSchema, generatedAt: String, pid: Int, instances: [Instance]) {
        self.schema = schema
        self.generatedAt = generatedAt
        self.pid = pid
        self.instances = instances
    }
}
