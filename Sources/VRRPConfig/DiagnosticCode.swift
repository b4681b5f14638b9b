/// A stable, machine-readable name for a kind of finding (used in `--json` output and by tests).
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The code's text, kebab-case.
    public var rawValue: String

    /// A code from its text.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The code's text.
    public var description: String { rawValue }

    // Syntax and files.
    /// A file or include pattern that could not be read or matched.
    public static let fileUnreadable = DiagnosticCode(rawValue: "file-unreadable")
    /// Includes nested too deeply, or too many files included.
    public static let includeDepth = DiagnosticCode(rawValue: "include-depth")
    /// An include of a file that is already being read.
    public static let includeCycle = DiagnosticCode(rawValue: "include-cycle")
    /// A `$VARIABLE` that refers to itself, or expansion beyond the depth or size budget.
    public static let variableExpansion = DiagnosticCode(rawValue: "variable-expansion")
    /// A double quote without its closing partner.
    public static let unterminatedQuote = DiagnosticCode(rawValue: "unterminated-quote")
    /// `$NAME` used but never defined.
    public static let undefinedVariable = DiagnosticCode(rawValue: "undefined-variable")
    /// A `{` or `}` where none belongs, or a block never closed.
    public static let blockStructure = DiagnosticCode(rawValue: "block-structure")
    /// A `;` glued to a value: keepalived does not treat it as a terminator.
    public static let semicolon = DiagnosticCode(rawValue: "semicolon")

    // Keywords and values.
    /// A keyword unknown in its block.
    public static let unknownKeyword = DiagnosticCode(rawValue: "unknown-keyword")
    /// A keyword keepalived knows but that is not VRRP (LVS, BFD, ...): parsed and ignored.
    public static let notProvided = DiagnosticCode(rawValue: "not-provided")
    /// A keyword that needs a value has none.
    public static let missingValue = DiagnosticCode(rawValue: "missing-value")
    /// More values than the keyword takes.
    public static let extraValues = DiagnosticCode(rawValue: "extra-values")
    /// A block keyword written without its block, or a value keyword given a block.
    public static let blockExpected = DiagnosticCode(rawValue: "block-expected")
    /// A number that does not parse.
    public static let invalidNumber = DiagnosticCode(rawValue: "invalid-number")
    /// A number outside the range the keyword accepts.
    public static let outOfRange = DiagnosticCode(rawValue: "out-of-range")
    /// A value rounded to what the protocol can carry.
    public static let rounded = DiagnosticCode(rawValue: "rounded")
    /// An address or prefix that does not parse.
    public static let invalidAddress = DiagnosticCode(rawValue: "invalid-address")
    /// A value that is not one of the keyword's choices.
    public static let invalidValue = DiagnosticCode(rawValue: "invalid-value")
    /// A keyword kept only for compatibility.
    public static let deprecated = DiagnosticCode(rawValue: "deprecated")
    /// A route keepalived cannot watch (no `dev`): someone deleting it changes nothing.
    public static let routeNotTracked = DiagnosticCode(rawValue: "route-not-tracked")
    /// The same thing defined twice.
    public static let duplicate = DiagnosticCode(rawValue: "duplicate")

    // Semantics of one node.
    /// An `auth_pass` longer than the 8 octets VRRPv2 carries.
    public static let authTruncated = DiagnosticCode(rawValue: "auth-truncated")
    /// Authentication configured where it is not used (VRRPv3, strict mode).
    public static let authIgnored = DiagnosticCode(rawValue: "auth-ignored")
    /// A track_* naming something never defined.
    public static let undefinedTrack = DiagnosticCode(rawValue: "undefined-track")
    /// Two instances with one VRID on one interface and family.
    public static let duplicateVRID = DiagnosticCode(rawValue: "duplicate-vrid")
    /// Settings that vrrp_strict / strict_mode forbids.
    public static let strictConflict = DiagnosticCode(rawValue: "strict-conflict")
    /// Scripts configured without `enable_script_security`.
    public static let scriptSecurity = DiagnosticCode(rawValue: "script-security")
    /// An interface that this host does not have.
    public static let missingInterface = DiagnosticCode(rawValue: "missing-interface")
    /// An IPv6 instance that runs as v3 although v2 was asked for (`vrrp_strict`, or only `vrrp_version 2`).
    public static let versionUpgraded = DiagnosticCode(rawValue: "version-upgraded")
    /// An IPv6 instance with `version 2` and no `vrrp_strict`: keepalived's own, non-standard VRRPv2 over IPv6.
    public static let version2OverIPv6 = DiagnosticCode(rawValue: "v2-over-ipv6")
    /// An instance without virtual addresses.
    public static let noVirtualAddress = DiagnosticCode(rawValue: "no-virtual-address")
    /// nopreempt / preempt_delay with initial state MASTER.
    public static let preemptWithMaster = DiagnosticCode(rawValue: "preempt-with-master")
    /// Unicast settings without unicast peers.
    public static let unicastWithoutPeers = DiagnosticCode(rawValue: "unicast-without-peers")
    /// A virtual address of the other family than its instance.
    public static let familyMismatch = DiagnosticCode(rawValue: "family-mismatch")
    /// A required setting is missing (interface, VRID, script command).
    public static let missingSetting = DiagnosticCode(rawValue: "missing-setting")
    /// Load-balancing (LVS) blocks, which vrrp-swift does not provide.
    public static let loadBalancingIgnored = DiagnosticCode(rawValue: "load-balancing-ignored")

    // Cluster lints.
    /// A tracked failure whose weight cannot move mastership.
    public static let weightCannotFailOver = DiagnosticCode(rawValue: "weight-cannot-fail-over")
    /// Peer nodes disagree on a per-VRID setting.
    public static let peerMismatch = DiagnosticCode(rawValue: "peer-mismatch")
    /// Peer nodes have the same priority.
    public static let equalPriority = DiagnosticCode(rawValue: "equal-priority")
    /// One virtual address in two VRIDs.
    public static let addressInTwoVRIDs = DiagnosticCode(rawValue: "address-in-two-vrids")
}
