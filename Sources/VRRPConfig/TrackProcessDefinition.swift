/// A `vrrp_track_process` block: a process that must be running (at least `quorum` copies).
public struct TrackProcessDefinition: Hashable, Sendable {
    /// The name instances refer to.
    public var name: String
    /// Where the block starts.
    public var location: SourceLocation?
    /// `process NAME [ARGS…]`.
    public var process: String?
    /// Arguments after the process name.
    public var parameters: [String] = []
    /// `param_match` (`exact`, `partial`, `initial`).
    public var parameterMatch: String?
    /// `weight` (default 0 = fault on loss).
    public var weight: Int = 0
    /// `weight N reverse`.
    public var reverse: Bool = false
    /// `quorum` (default 1).
    public var quorum: Int = 1
    /// `quorum_max`.
    public var quorumMaximum: Int?
    /// `delay`: seconds to wait before acting on a change.
    public var delay: Duration?

    /// A track process named `name`.
    public init(name: String, location: SourceLocation? = nil) {
        self.name = name
        self.location = location
    }
}
